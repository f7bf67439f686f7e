package org.esscard.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.esscard.platform.testing.SimulatorClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.restassured.path.json.JsonPath;

/**
 * The seed's journeys across the running suite, driven only as the app, the permit authority and an officer drive
 * them: every call is HTTP to a packaged service, every hand-over between services goes through Kafka.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class JourneysIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** The permit authority's days are days in China (PermitDates.ZONE): from 16:00 UTC, tomorrow's. */
    private static final ZoneId AUTHORITY_DAYS = ZoneId.of("Asia/Shanghai");
    private static final String NAME = "SMITH JOHN-PAUL";
    private static final String PASSWORD = "Journey#2026";
    private static final String PIN = "258147";

    private static RunningSuite suite;
    private static Authority authority;
    private static SimulatorClient simulator;

    @BeforeAll
    static void suite() {
        suite = RunningSuite.get();
        authority = new Authority(suite);
        simulator = new SimulatorClient(suite.simulator.url(""));
    }

    private static HolderApp app(String permitNumber, String language) {
        return new HolderApp(suite, NAME, permitNumber, PASSWORD, language);
    }

    /**
     * Retries {@code step} until it passes: right after the authority issues a permit, account-service may not have
     * read it from Kafka yet and answers PERMIT_NOT_FOUND, as a holder registering that minute would see.
     */
    private static <T> T eventually(java.util.concurrent.Callable<T> step) {
        java.util.concurrent.atomic.AtomicReference<T> result = new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> result.set(step.call()));
        return result.get();
    }

    /** The holder's inbox once it holds an entry of {@code kind}: the entries, newest first. */
    private static JsonPath awaitInbox(HolderApp app, String kind) {
        return await().atMost(PATIENCE).until(() -> app.inbox().statusCode(200).extract().jsonPath(),
                inbox -> inbox.getList("items.kind", String.class).contains(kind));
    }

    @Test
    void J1_issueRegisterFaceLoginPinInquiryQrLetterOfficerCancelInboxAndEverythingRefused() throws IOException {
        // the authority issues a category B permit
        String permit = authority.issue(NAME, "B", LocalDate.now().plusYears(2));
        HolderApp app = app(permit, "zh-CN");

        // registration: the password policy first (R2), then name, permit and password (R1, R3)
        app.password = "short1";
        app.submitRegistration(NAME, null).statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("PASSWORD_POLICY")).body("rule", equalTo("TOO_SHORT"));
        app.password = PASSWORD;
        HolderApp.Registration registration = eventually(() -> app.register(null)); // account-service learns the permit from Kafka
        assertThat(registration.sessions()).containsOnlyKeys("REGISTRATION");
        app.login().statusCode(409).body("code", equalTo("VERIFICATION_PENDING"));

        // face (R5) activates the account
        app.face(registration.session("REGISTRATION")).statusCode(200)
                .body("status", equalTo("VERIFIED")).body("verifiedMethod", equalTo("FACE"));
        app.awaitActive(registration.accountId());

        // login with the permit number (R11); the card is issued
        app.login().statusCode(200).body("token_type", equalTo("Bearer"));
        app.withToken(app.accessToken).when().get(suite.account.url("/api/accounts/card")).then().statusCode(200)
                .body("cardNumber", startsWith("ES")).body("permitNumber", equalTo(permit)).body("holderName", equalTo(NAME));

        // permit services need the PIN (R15): set it, then enter it for a step-up token
        app.withToken(app.accessToken).when().get(suite.permit.url("/api/permits/mine")).then()
                .statusCode(403).body("code", equalTo("PIN_REQUIRED"));
        app.setPin("123456").statusCode(400).body("code", equalTo("PIN_POLICY"));
        app.setPin(PIN).statusCode(204);
        app.enterPin("000000").statusCode(403).body("code", equalTo("PIN_WRONG")).body("remainingAttempts", equalTo(4));
        app.enterPin(PIN).statusCode(200);

        // inquiry (R16), QR (R18) and the Notification Letter (R17), with account-service's real step-up token
        app.permitService("").statusCode(200).body("permitNumber", equalTo(permit)).body("holderName", equalTo(NAME))
                .body("talentCategory", equalTo("B")).body("status", equalTo("ACTIVE"));
        String qrText = app.permitService("/qr").statusCode(200).body("text", startsWith("ESSC1:")).extract().path("text");
        byte[] png = app.permitService("/qr.png").statusCode(200).contentType("image/png").extract().asByteArray();
        String scanned = Officer.scan(png);
        assertThat(scanned).startsWith("ESSC1:");
        app.permitService("/qr.svg").statusCode(200).contentType("image/svg+xml").body(containsString("<svg"));
        byte[] pdf = app.permitService("/letter.pdf").statusCode(200).contentType("application/pdf").extract().asByteArray();
        Files.write(suite.work().resolve("J1-letter.pdf"), pdf);
        try (PDDocument letter = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(letter);
            assertThat(text).contains(permit).contains(NAME).contains("Category B").contains("B类");
            String embedded = Officer.scan(LetterImages.firstImagePng(letter));
            assertThat(embedded).startsWith("ESSC1:");
        }

        // an exit-entry officer scans the QR on the phone's screen (R18)
        Officer officer = new Officer(suite);
        officer.verify(scanned).statusCode(200).body("verdict", equalTo("VALID"))
                .body("permit.permitNumber", equalTo(permit)).body("permit.talentCategory", equalTo("B"));
        officer.verify(qrText).statusCode(200).body("verdict", equalTo("VALID"));

        // the authority cancels the permit; the holder's inbox tells them why and what to do (R19)
        authority.cancel(permit, "Employment ended");
        JsonPath inbox = awaitInbox(app, "PERMIT_CANCELLED");
        assertThat(inbox.getString("items[0].kind")).isEqualTo("PERMIT_CANCELLED");
        assertThat(inbox.getString("items[0].title")).isEqualTo("您的工作许可已被注销");
        assertThat(inbox.getString("items[0].body")).contains(permit).contains("Employment ended").contains("010-12333-2");

        // every permit service refuses (R20), even with a step-up token taken before
        for (String service : List.of("", "/qr", "/qr.png", "/qr.svg", "/letter.pdf")) {
            app.permitService(service).statusCode(403).contentType("application/problem+json")
                    .body("code", equalTo("PERMIT_CANCELLED"));
        }
        app.enterPin(PIN).statusCode(200);
        app.permitService("/qr").statusCode(403).body("code", equalTo("PERMIT_CANCELLED"));

        // and the QR taken before the cancellation no longer passes at the border
        officer.verify(scanned).statusCode(200).body("verdict", equalTo("PERMIT_CANCELLED")).body("permit", equalTo(null));
        officer.verify(qrText).statusCode(200).body("verdict", equalTo("PERMIT_CANCELLED"));
    }

    @Test
    void J2_sixFaceFailuresCloseFaceThenBankCardAndSmsCodeRegister() {
        String permit = authority.issue(NAME);
        HolderApp app = app(permit, "en");
        simulator.scriptFace(permit, Map.of("outcome", "FAIL"));
        HolderApp.Registration registration = eventually(() -> app.register(null));
        String session = registration.session("REGISTRATION");

        for (int remaining = 5; remaining >= 1; remaining--) {
            app.face(session).statusCode(422).contentType("application/problem+json")
                    .body("code", equalTo("FACE_FAILED")).body("remainingAttempts", equalTo(remaining));
        }
        // the sixth failure closes face (R6) and sends the person to the bank card (R7)
        app.face(session).statusCode(423).body("code", equalTo("FACE_LOCKED")).body("nextMethods", equalTo(List.of("BANK_CARD")));
        app.face(session).statusCode(423).body("code", equalTo("FACE_LOCKED"));
        app.session(session).statusCode(200).body("openMethods", equalTo(List.of("BANK_CARD")));

        String mobile = SimulatorClient.newMobile();
        app.bankCard(session, SimulatorClient.newUnionPayCard(), mobile).statusCode(202).body("pendingCode.method", equalTo("BANK_CARD"));
        app.smsCode(session, "000000".equals(simulator.awaitSmsCode(mobile)) ? "111111" : "000000")
                .statusCode(422).body("code", equalTo("SMS_CODE_WRONG"));
        app.smsCode(session, simulator.awaitSmsCode(mobile)).statusCode(200)
                .body("status", equalTo("VERIFIED")).body("verifiedMethod", equalTo("BANK_CARD"));
        app.awaitActive(registration.accountId());

        app.login().statusCode(200);
        // the security notice of the closed face waited for the holder to register
        JsonPath inbox = awaitInbox(app, "FACE_LOCKED");
        assertThat(inbox.getList("items.kind", String.class)).containsOnlyOnce("FACE_LOCKED");
    }

    @Test
    void J3_aFailedBankCardCheckOpensMobileVerificationWhichRegisters() {
        String permit = authority.issue(NAME);
        HolderApp app = app(permit, "en");
        simulator.scriptFace(permit, Map.of("outcome", "FAIL"));
        HolderApp.Registration registration = eventually(() -> app.register(null));
        String session = registration.session("REGISTRATION");
        for (int i = 0; i < 6; i++) {
            app.face(session);
        }
        app.session(session).statusCode(200).body("openMethods", equalTo(List.of("BANK_CARD")));

        // the bank does not confirm the four elements: mobile opens (R9)
        String card = SimulatorClient.newUnionPayCard();
        simulator.scriptBank(card, Map.of("outcome", "MISMATCH"));
        app.bankCard(session, card, SimulatorClient.newMobile()).statusCode(422)
                .body("code", equalTo("BANK_VERIFICATION_FAILED")).body("nextMethods", hasItem("MOBILE"));

        // the carrier confirms the number is the person's, and the SMS code completes it (R8)
        String mobile = SimulatorClient.newMobile();
        app.mobile(session, mobile).statusCode(202).body("pendingCode.method", equalTo("MOBILE"));
        app.smsCode(session, simulator.awaitSmsCode(mobile)).statusCode(200)
                .body("status", equalTo("VERIFIED")).body("verifiedMethod", equalTo("MOBILE"));
        app.awaitActive(registration.accountId());
        app.login().statusCode(200);

        // the number the SMS code proved now carries the holder's reminders too (R19): a cancellation goes to the
        // inbox, by push and by SMS
        authority.cancel(permit, "Employment ended");
        String support = suite.staffLogin("support", "Support#2026");
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(support)
                .when().get(suite.notification.url("/api/notifications/support/permits/{n}/deliveries"), permit)
                .then().statusCode(200)
                .body("findAll { it.kind == 'PERMIT_CANCELLED' && it.channel == 'SMS' }.status", equalTo(List.of("SENT")))
                .body("findAll { it.kind == 'PERMIT_CANCELLED' && it.channel == 'PUSH' }.status", equalTo(List.of("SENT"))));
        assertThat(simulator.sms(mobile)).anyMatch(text -> text.contains("Your work permit was cancelled"));
    }

    @Test
    void J4_forgotPasswordThroughFaceRetiresTheOldPasswordAndRefreshToken() {
        String permit = authority.issue(NAME);
        HolderApp app = eventually(() -> app(permit, "en").registeredAndLoggedIn());
        String oldPassword = app.password;
        String oldRefresh = app.refreshToken;
        app.refresh(oldRefresh).statusCode(200); // it works until the reset
        app.login().statusCode(200);
        oldRefresh = app.refreshToken;

        // forgot password: name and permit number, then face (R14)
        String session = app.request().body(Map.of("name", NAME, "permitNumber", permit))
                .when().post(suite.account.url("/api/accounts/password-resets"))
                .then().statusCode(201).body("purpose", equalTo("PASSWORD_RESET")).extract().path("sessionId");
        String newPassword = "Renewed#2027";
        app.request().body(Map.of("newPassword", newPassword)).when().put(suite.account.url("/api/accounts/password-resets/{id}"), session)
                .then().statusCode(409).body("code", equalTo("VERIFICATION_PENDING"));
        app.face(session).statusCode(200).body("status", equalTo("VERIFIED"));
        app.request().body(Map.of("newPassword", "weak")).when().put(suite.account.url("/api/accounts/password-resets/{id}"), session)
                .then().statusCode(400).body("code", equalTo("PASSWORD_POLICY"));
        await().atMost(PATIENCE).until(() -> app.request().body(Map.of("newPassword", newPassword))
                .when().put(suite.account.url("/api/accounts/password-resets/{id}"), session).then().extract().statusCode() == 204);

        // the old password and the old refresh token stop working; the new password works
        app.password = oldPassword;
        app.login().statusCode(401).body("code", equalTo("INVALID_CREDENTIALS"));
        app.refresh(oldRefresh).statusCode(401).body("code", equalTo("REFRESH_TOKEN_INVALID"));
        app.password = newPassword;
        app.login().statusCode(200);
        app.refresh(app.refreshToken).statusCode(200);
        // and the holder is told
        awaitInbox(app, "PASSWORD_CHANGED");
    }

    @Test
    void J5_physicalCardHolderPassesRealNameVerificationAndLogsInWithTheSocialSecurityNumber() {
        String permit = authority.issue(NAME);
        HolderApp app = app(permit, "en");
        String ssn = String.format("%018d", ThreadLocalRandom.current().nextLong(100_000_000_000_000_000L));
        HolderApp.Registration registration = eventually(() -> app.register(ssn));
        assertThat(registration.sessions()).containsOnlyKeys("REGISTRATION", "REAL_NAME");
        app.session(registration.session("REAL_NAME")).statusCode(200)
                .body("openMethods", hasItem("BANK_CARD")).body("openMethods", hasItem("MOBILE"));

        app.face(registration.session("REGISTRATION")).statusCode(200);
        // face alone is not enough for a physical card holder (R10)
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> "PENDING_IDENTITY".equals(app.registrationStatus(registration.accountId())));
        app.login().statusCode(409).body("code", equalTo("VERIFICATION_PENDING"));
        // the social security number reaches the account only with the real-name verification (issue 13, A5)
        app.loginWithSocialSecurityNumber(ssn).statusCode(401).body("code", equalTo("INVALID_CREDENTIALS"));

        String mobile = SimulatorClient.newMobile();
        app.mobile(registration.session("REAL_NAME"), mobile).statusCode(202);
        app.smsCode(registration.session("REAL_NAME"), simulator.awaitSmsCode(mobile)).statusCode(200)
                .body("verifiedMethod", equalTo("MOBILE"));
        app.awaitActive(registration.accountId());

        // R12: the social security number logs in, as does the permit number
        app.loginWithSocialSecurityNumber(ssn).statusCode(200);
        app.withToken(app.accessToken).when().get(suite.account.url("/api/accounts/card")).then().statusCode(200)
                .body("permitNumber", equalTo(permit));
        app.login().statusCode(200);
    }

    @Test
    void J6_withTheClockMovedRemindersArriveAt30And7DaysAndAfterExpiryEachOnce() throws IOException {
        LocalDate today = LocalDate.now(AUTHORITY_DAYS);
        LocalDate validUntil = today.plusDays(40);
        String permit = authority.issue(NAME, "B", validUntil);
        HolderApp app = eventually(() -> app(permit, "en").registeredAndLoggedIn());
        try {
            // 10 days on: 30 days left
            movePermitServiceClock(10);
            JsonPath inbox = awaitInbox(app, "PERMIT_EXPIRING");
            assertThat(inbox.getString("items[0].title")).isEqualTo("Your work permit expires in 30 days");

            // 33 days on: 7 days left
            movePermitServiceClock(33);
            await().atMost(PATIENCE).until(() -> kinds(app).stream().filter("PERMIT_EXPIRING"::equals).count() == 2);
            assertThat(app.inbox().extract().jsonPath().getString("items[0].title")).isEqualTo("Your work permit expires in 7 days");

            // 41 days on: expired
            movePermitServiceClock(41);
            awaitInbox(app, "PERMIT_EXPIRED");

            // the same day again: the scan finds nothing new, and nothing arrives twice
            movePermitServiceClock(41);
            Settled.permitEvents(suite, List.of(app.permitNumber));
            assertThat(kinds(app)).containsExactlyInAnyOrder("PERMIT_EXPIRED", "PERMIT_EXPIRING", "PERMIT_EXPIRING", "PERMIT_ISSUED");
        } finally {
            movePermitServiceClock(0);
        }
        // back in the present, the expired permit's services stay closed (R20)
        app.setPin(PIN).statusCode(204);
        app.enterPin(PIN).statusCode(200);
        for (String service : List.of("", "/qr", "/qr.png", "/qr.svg", "/letter.pdf")) {
            app.permitService(service).statusCode(403).body("code", equalTo("PERMIT_EXPIRED"));
        }
    }

    private static List<String> kinds(HolderApp app) {
        return app.inbox().statusCode(200).extract().jsonPath().getList("items.kind", String.class);
    }

    /** Restarts permit-service {@code days} ahead and waits for its start-up scan of that day to finish. */
    private static void movePermitServiceClock(int days) {
        String day = LocalDate.now(AUTHORITY_DAYS).plusDays(days).toString();
        long scansBefore = scansOf(day);
        suite.permit.stop();
        suite.permit.env("ESSCARD_CLOCK_OFFSET", days == 0 ? null : "P" + days + "D");
        suite.permit.start(Duration.ofSeconds(120));
        await().atMost(PATIENCE).until(() -> scansOf(day) > scansBefore);
    }

    private static long scansOf(String day) {
        try {
            return Files.readAllLines(suite.permit.log(), StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains("expiry scan for " + day + ":")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    @Test
    void J7_aNameWithASymbolOrSpaceDifferenceIsRefusedWithTheSeedsHint() {
        String permit = authority.issue(NAME);
        HolderApp en = app(permit, "en");
        await().atMost(PATIENCE).until(() -> en.submitRegistration("SMITH JOHN PAUL", null).extract().statusCode() != 404);

        for (String typed : List.of("SMITH JOHN PAUL", "SMITH JOHNPAUL", "SMITH  JOHN-PAUL", "SMITH JOHN-PAUL ", "Smith John-Paul", "SMITH,JOHN-PAUL")) {
            en.submitRegistration(typed, null).statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("NAME_MISMATCH"))
                    .body("detail", containsString("including symbols and spaces"))
                    .body("detail", containsString("contact the work permit authority"));
        }
        app(permit, "zh-CN").submitRegistration("SMITH JOHN PAUL", null).statusCode(400)
                .body("code", equalTo("NAME_MISMATCH")).body("detail", containsString("包括符号、空格等"));
        // nothing was half-written: the exact name still registers
        en.register(null);
    }
}
