package org.esscard.permit.service.letter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/** Draws the permit QR code (R18) as a PNG or a standalone SVG; ZXing picks the QR version the content needs. */
public final class QrImages {

    /**
     * Level M survives a scuffed phone screen or a creased print-out while keeping a ~700-character signed token
     * readable at letter size; a 2-module quiet zone is what scanners need, the page around it supplies the rest.
     */
    private static final Map<EncodeHintType, Object> HINTS = Map.of(
            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
            EncodeHintType.MARGIN, 2,
            EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());

    private QrImages() {
    }

    /** A PNG of at least {@code sizePx} square; larger when the code has more modules than pixels. */
    public static byte[] png(String content, int sizePx) {
        requirePositive(sizePx);
        BitMatrix matrix = encode(content, sizePx);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MatrixToImageWriter.writeToStream(matrix, "PNG", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the QR code as PNG", e);
        }
        return out.toByteArray();
    }

    /** A standalone SVG document {@code sizePx} square: one path of the dark modules on a white quiet zone. */
    public static String svg(String content, int sizePx) {
        requirePositive(sizePx);
        BitMatrix modules = modules(content);
        int n = modules.getWidth();
        StringBuilder path = new StringBuilder(n * n);
        for (int y = 0; y < n; y++) {
            int x = 0;
            while (x < n) {
                if (!modules.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < n && modules.get(x, y)) {
                    x++;
                }
                // one rectangle per horizontal run keeps the path a few kilobytes even for a version-20 code
                path.append('M').append(start).append(' ').append(y)
                        .append('h').append(x - start).append("v1h-").append(x - start).append('z');
            }
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + sizePx + "\" height=\"" + sizePx
                + "\" viewBox=\"0 0 " + n + " " + n + "\" shape-rendering=\"crispEdges\">\n"
                + "<rect width=\"" + n + "\" height=\"" + n + "\" fill=\"#ffffff\"/>\n"
                + "<path fill=\"#000000\" d=\"" + path + "\"/>\n"
                + "</svg>\n";
    }

    /** The code at one unit per module, quiet zone included, for callers that scale it themselves. */
    static BitMatrix modules(String content) {
        return encode(content, 0);
    }

    private static BitMatrix encode(String content, int sizePx) {
        if (content == null || content.isEmpty()) {
            throw new IllegalArgumentException("QR content must not be empty");
        }
        try {
            return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, sizePx, sizePx, HINTS);
        } catch (WriterException e) {
            throw new IllegalArgumentException("QR content does not fit in a QR code (" + content.length() + " characters)", e);
        }
    }

    private static void requirePositive(int sizePx) {
        if (sizePx <= 0) {
            throw new IllegalArgumentException("QR size must be positive, was " + sizePx);
        }
    }
}
