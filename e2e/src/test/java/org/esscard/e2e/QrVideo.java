package org.esscard.e2e;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * What a fake camera shows Chromium (--use-file-for-fake-video-capture): a QR code held in front of it, as a Y4M
 * video (YUV4MPEG2, 4:2:0), a few frames of the same picture, which Chromium plays in a loop.
 */
final class QrVideo {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final int FRAMES = 5;

    private QrVideo() {
    }

    /** The QR symbol of {@code text} as the app renders it: level M, a quiet zone of 4 modules. */
    static BufferedImage symbol(String text, int pixels) {
        try {
            return MatrixToImageWriter.toBufferedImage(new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, pixels,
                    pixels, Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4)));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code of " + text.length() + " characters", e);
        }
    }

    /** Writes {@code picture} centred on a grey-white background, scaled to fit, as a Y4M file. */
    static Path write(BufferedImage picture, Path file) {
        BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setColor(new Color(235, 235, 235));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        int side = Math.min(HEIGHT - 40, Math.min(picture.getWidth(), picture.getHeight()) * 4);
        g.drawImage(picture, (WIDTH - side) / 2, (HEIGHT - side) / 2, side, side, null);
        g.dispose();

        byte[] luma = new byte[WIDTH * HEIGHT];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int rgb = frame.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int gr = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                // BT.601 full range, as the C420jpeg colour space says
                luma[y * WIDTH + x] = (byte) Math.round(0.299 * r + 0.587 * gr + 0.114 * b);
            }
        }
        byte[] chroma = new byte[(WIDTH / 2) * (HEIGHT / 2)];
        java.util.Arrays.fill(chroma, (byte) 128);
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                out.write(("YUV4MPEG2 W" + WIDTH + " H" + HEIGHT + " F5:1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < FRAMES; i++) {
                    out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                    out.write(luma);
                    out.write(chroma);
                    out.write(chroma);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
