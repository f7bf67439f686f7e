package org.esscard.e2e;

import static io.restassured.RestAssured.given;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** An exit-entry officer: scans the QR on the holder's screen and asks permit-service whether it is good (R18). */
public final class Officer {

    private final RunningSuite suite;
    private final String token;

    Officer(RunningSuite suite) {
        this.suite = suite;
        this.token = suite.staffLogin("officer", "Officer#2026");
    }

    /** What the scanner reads off the picture on the phone's screen. */
    public static String scan(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            if (image == null) {
                throw new AssertionError("not an image");
            }
            BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
            try {
                // a clean rendering, as a screenshot or the PDF's own image is: read module by module
                return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
            } catch (NotFoundException | ChecksumException | FormatException pure) {
                // else find the code in the picture, as a camera frame needs
                return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NotFoundException | ChecksumException | FormatException e) {
            throw new AssertionError("no readable QR code in the picture", e);
        }
    }

    public ValidatableResponse verify(String qrText) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("qr", qrText))
                .when().post(suite.permit.url("/api/permits/qr/verifications")).then();
    }
}
