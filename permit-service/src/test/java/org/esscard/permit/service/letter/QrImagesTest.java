package org.esscard.permit.service.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;

/** The QR code images decode back to what was encoded and the SVG is a document a browser can open. */
class QrImagesTest {

    private static final String SHORT_CONTENT = "ESSC1:permit=WP2024000123";
    private static final String TOKEN = LetterFixtures.token(450, 1);
    private static final String LONG_TOKEN = LetterFixtures.token(700, 2);
    private static final int SIZE_PX = 400;

    @Test
    void pngDecodesToTheContent() throws Exception {
        for (String content : new String[] {SHORT_CONTENT, TOKEN, LONG_TOKEN}) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrImages.png(content, SIZE_PX)));

            assertThat(image.getWidth()).isGreaterThanOrEqualTo(SIZE_PX);
            assertThat(decode(image)).isEqualTo(content);
        }
    }

    @Test
    void svgIsAWellFormedStandaloneDocument() throws Exception {
        String svg = QrImages.svg(TOKEN, SIZE_PX);

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        Element root = document.getDocumentElement();

        assertThat(svg).contains("<svg").contains("viewBox");
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(root.getAttribute("width")).isEqualTo(String.valueOf(SIZE_PX));
        assertThat(root.getAttribute("shape-rendering")).isEqualTo("crispEdges");
        assertThat(document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path").getLength()).isEqualTo(1);
        assertThat(svg).doesNotContain("<image").doesNotContain("base64");
    }

    @Test
    void svgViewBoxGrowsWithTheContent() {
        assertThat(viewBoxSize(QrImages.svg(LONG_TOKEN, SIZE_PX)))
                .isGreaterThan(viewBoxSize(QrImages.svg(SHORT_CONTENT, SIZE_PX)));
    }

    @Test
    void rejectsEmptyContentAndContentNoQrCodeHolds() {
        assertThatThrownBy(() -> QrImages.png("", SIZE_PX)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QrImages.svg("x".repeat(5000), SIZE_PX)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QrImages.png(SHORT_CONTENT, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    static String decode(BufferedImage image) throws Exception {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new MultiFormatReader().decode(bitmap, Map.of(
                DecodeHintType.TRY_HARDER, Boolean.TRUE,
                DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE))).getText();
    }

    private static int viewBoxSize(String svg) {
        int start = svg.indexOf("viewBox=\"0 0 ") + "viewBox=\"0 0 ".length();
        return Integer.parseInt(svg.substring(start, svg.indexOf(' ', start)));
    }
}
