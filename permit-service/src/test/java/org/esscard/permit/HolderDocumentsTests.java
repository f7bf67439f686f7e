package org.esscard.permit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.esscard.permit.support.Permits;
import org.esscard.platform.testing.TestClock;
import org.esscard.platform.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The holder's QR code and Notification Letter through the API, and their closing after expiry or cancellation. */
@QuarkusTest
class HolderDocumentsTests {

    private static final List<String> HOLDER_SERVICES = List.of("/api/permits/mine", "/api/permits/mine/qr",
            "/api/permits/mine/qr.png", "/api/permits/mine/qr.svg", "/api/permits/mine/letter.pdf");

    /** Tokens are minted with the real time; the shared test clock stands still and may lag behind a slow start. */
    @BeforeEach
    void clockAtRealTime() {
        TestClock.CLOCK.reset();
    }

    @Test
    void R16_holderGetsTheQrAsTextPngAndSvg() throws Exception {
        String number = Permits.issue("B", LocalDate.now().plusYears(1));
        String holder = TestTokens.holder("acc-1", number);

        String text = given().auth().oauth2(holder).when().get("/api/permits/mine/qr")
                .then().statusCode(200).body("text", startsWith("ESSC1:")).extract().path("text");
        byte[] png = given().auth().oauth2(holder).when().get("/api/permits/mine/qr.png")
                .then().statusCode(200).contentType("image/png").header("Cache-Control", "no-store").extract().asByteArray();
        String svg = given().auth().oauth2(holder).when().get("/api/permits/mine/qr.svg")
                .then().statusCode(200).contentType("image/svg+xml").extract().asString();

        String decoded = decodeQr(ImageIO.read(new ByteArrayInputStream(png)));
        assertThat(decoded).startsWith("ESSC1:").hasSizeBetween(text.length() - 10, text.length() + 10);
        assertThat(svg).contains("<svg").contains("viewBox");
    }

    @ParameterizedTest
    @ValueSource(strings = { "A", "B", "C" })
    void R17_theNotificationLetterStatesTheTalentCategory(String category) throws Exception {
        String number = Permits.issue(category, LocalDate.now().plusYears(1));

        byte[] pdf = given().auth().oauth2(TestTokens.holder("acc-1", number)).when().get("/api/permits/mine/letter.pdf")
                .then().statusCode(200).contentType("application/pdf")
                .header("Content-Disposition", equalTo("attachment; filename=\"work-permit-" + number + ".pdf\""))
                .extract().asByteArray();

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("外国人工作许可通知").contains("Notification Letter of Foreigner's Work Permit")
                    .contains(number).contains(Permits.HOLDER_NAME)
                    .contains(category + "类").contains("Category " + category);
            assertThat(document.getNumberOfPages()).isEqualTo(1);
        }
    }

    @Test
    void R16_theLettersQrIsAValidCredentialForTheOfficer() throws Exception {
        String number = Permits.issue("B", LocalDate.now().plusYears(1));
        byte[] pdf = given().auth().oauth2(TestTokens.holder("acc-1", number)).when().get("/api/permits/mine/letter.pdf")
                .then().statusCode(200).extract().asByteArray();

        String qr;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            qr = decodeQr(new org.apache.pdfbox.rendering.PDFRenderer(document).renderImageWithDPI(0, 300));
        }

        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body(Map.of("qr", qr))
                .when().post("/api/permits/qr/verifications")
                .then().statusCode(200).body("verdict", equalTo("VALID")).body("permit.permitNumber", equalTo(number));
    }

    @Test
    void R20_everyHolderServiceAnswersPermitCancelledOnceCancelled() {
        String number = Permits.issue("B", LocalDate.now().plusYears(1));
        String holder = TestTokens.holder("acc-1", number);
        HOLDER_SERVICES.forEach(path -> given().auth().oauth2(holder).when().get(path).then().statusCode(200));

        given().auth().oauth2(TestTokens.permitAuthority()).contentType(ContentType.JSON).body(Map.of("reason", "Employment ended"))
                .when().post("/api/permits/" + number + "/cancellation").then().statusCode(200);

        for (String path : HOLDER_SERVICES) {
            given().auth().oauth2(holder).when().get(path)
                    .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("PERMIT_CANCELLED"));
        }
    }

    @Test
    void R20_everyHolderServiceAnswersPermitExpiredOnceExpired() {
        String number = Permits.newNumber();
        given().auth().oauth2(TestTokens.permitAuthority()).contentType(ContentType.JSON)
                .body(Permits.body(number, "B", LocalDate.now().minusDays(1)))
                .when().post("/api/permits").then().statusCode(201);
        String holder = TestTokens.holder("acc-1", number);

        for (String path : HOLDER_SERVICES) {
            given().auth().oauth2(holder).when().get(path)
                    .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("PERMIT_EXPIRED"));
        }
    }

    @Test
    void holderBsTokenNeverYieldsHolderAsDocuments() throws Exception {
        String permitA = Permits.issue("A", LocalDate.now().plusYears(1));
        String permitB = Permits.issue("C", LocalDate.now().plusYears(1));

        byte[] pdf = given().auth().oauth2(TestTokens.holder("acc-b", permitB)).when().get("/api/permits/mine/letter.pdf")
                .then().statusCode(200).extract().asByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains(permitB).doesNotContain(permitA);
        }
        String qr = given().auth().oauth2(TestTokens.holder("acc-b", permitB)).when().get("/api/permits/mine/qr")
                .then().statusCode(200).extract().path("text");
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body(Map.of("qr", qr))
                .when().post("/api/permits/qr/verifications")
                .then().statusCode(200).body("permit.permitNumber", equalTo(permitB));
    }

    static String decodeQr(BufferedImage image) throws Exception {
        var hints = Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE);
        return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))), hints)
                .getText();
    }
}
