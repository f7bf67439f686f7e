package org.esscard.e2e;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** Reads the picture printed on the Notification Letter, as a phone's camera would see it on paper. */
final class LetterImages {

    private LetterImages() {
    }

    /** The letter's first image, enlarged on a white margin as a camera frame shows it, as PNG. */
    static byte[] firstImagePng(PDDocument letter) throws IOException {
        for (PDPage page : letter.getPages()) {
            PDResources resources = page.getResources();
            for (COSName name : resources.getXObjectNames()) {
                PDXObject object = resources.getXObject(name);
                if (object instanceof PDImageXObject image) {
                    return png(framed(image.getImage()));
                }
            }
        }
        throw new AssertionError("the letter has no image");
    }

    private static BufferedImage framed(BufferedImage image) {
        int scale = 4;
        int margin = 40;
        BufferedImage framed = new BufferedImage(image.getWidth() * scale + 2 * margin, image.getHeight() * scale + 2 * margin,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = framed.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, framed.getWidth(), framed.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(image, margin, margin, image.getWidth() * scale, image.getHeight() * scale, null);
        g.dispose();
        return framed;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
