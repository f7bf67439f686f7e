package org.esscard.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * The mobile app of one foreign worker, as the API gateway forwards its calls: from a client address of its own
 * ({@code X-Forwarded-For}), in the person's language, with whatever tokens the app holds.
 */
public final class HolderApp {

    public static final String LIVENESS_TICKET = "liveness-ticket-e2e";

    private final RunningSuite suite;
    private final String address;
    private final String language;
    public final String name;
    public final String permitNumber;
    public String password;
    public String accessToken;
    public String refreshToken;
    public String stepUpToken;

    public record Registration(String accountId, Map<String, String> sessions) {
        public String session(String purpose) {
            String id = sessions.get(purpose);
            if (id == null) {
                throw new AssertionError("no " + purpose + " session in " + sessions);
            }
            return id;
        }
    }

    /** The registration token of the last form this phone sent. */
    private String registrationToken;
    /** Where the app's calls go: null for each service's own port, else the gateway's base URL. */
    private String gateway;
    /** The install id this app sends at login, and its User-Agent; null for neither (issue 18). */
    private String deviceId;
    private String userAgent;

    HolderApp(RunningSuite suite, String name, String permitNumber, String password, String language) {
        this.suite = suite;
        this.name = name;
        this.permitNumber = permitNumber;
        this.password = password;
        this.language = language;
        ThreadLocalRandom r = ThreadLocalRandom.current();
        this.address = "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    /**
     * From now on the app calls the gateway at {@code baseUrl}, as a phone does, instead of playing the gateway
     * itself (the gateway replaces the app's X-Forwarded-For with the address it saw).
     */
    public HolderApp viaGateway(String baseUrl) {
        this.gateway = baseUrl;
        return this;
    }

    private String url(org.esscard.platform.testing.QuarkusAppProcess service, String path) {
        return gateway == null ? service.url(path) : gateway + path;
    }

    /** From now on the app logs in as this device: its install id and its User-Agent, as the holder's sessions show it. */
    public HolderApp onDevice(String installId, String agent) {
        this.deviceId = installId;
        this.userAgent = agent;
        return this;
    }

    /** A request as the gateway forwards it from this phone. */
    public RequestSpecification request() {
        return given().header("X-Forwarded-For", address + ", 10.255.0.1").header("Accept-Language", language)
                .contentType(ContentType.JSON);
    }

    public RequestSpecification withToken(String token) {
        return request().auth().oauth2(token);
    }

    // --- registration (R1-R4, R10) ---------------------------------------------------------------------------

    public ValidatableResponse submitRegistration(String nameAsTyped, String socialSecurityNumber) {
        Map<String, Object> form = new HashMap<>();
        form.put("name", nameAsTyped);
        form.put("permitNumber", permitNumber);
        form.put("password", password);
        if (socialSecurityNumber != null) {
            form.put("socialSecurityNumber", socialSecurityNumber);
        }
        return request().body(form).when().post(url(suite.account, "/api/accounts/registrations")).then();
    }

    public Registration register(String socialSecurityNumber) {
        var answer = submitRegistration(name, socialSecurityNumber).statusCode(202)
                .body("status", equalTo("PENDING_IDENTITY")).extract();
        Map<String, String> sessions = new HashMap<>();
        List<Map<String, Object>> verifications = answer.path("verifications");
        verifications.forEach(v -> sessions.put((String) v.get("purpose"), (String) v.get("sessionId")));
        registrationToken = answer.path("registrationToken");
        return new Registration(answer.path("accountId"), sessions);
    }

    public String registrationStatus(String accountId) {
        // only the phone that sent the form may read it: the token its 202 answered with
        return request().header("X-Registration-Token", registrationToken == null ? "" : registrationToken)
                .when().get(url(suite.account, "/api/accounts/registrations/{id}"), accountId)
                .then().statusCode(200).extract().path("status");
    }

    public void awaitActive(String accountId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> "ACTIVE".equals(registrationStatus(accountId)));
    }

    /** Registers with face passing, as most holders do, and logs in. */
    public HolderApp registeredAndLoggedIn() {
        Registration registration = register(null);
        face(registration.session("REGISTRATION")).statusCode(200).body("status", equalTo("VERIFIED"));
        awaitActive(registration.accountId());
        login().statusCode(200);
        return this;
    }

    /**
     * Registers through mobile verification (face failing six times, the bank card not confirmed, then the carrier and
     * the SMS code), so the suite has the holder's mobile number and sends reminders by SMS too (R8, R9, R19).
     */
    public HolderApp registeredByMobile(org.esscard.platform.testing.SimulatorClient simulator, String mobile) {
        simulator.scriptFace(permitNumber, Map.of("outcome", "FAIL"));
        Registration registration = await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> register(null),
                java.util.Objects::nonNull);
        String session = registration.session("REGISTRATION");
        for (int i = 0; i < 6; i++) {
            face(session);
        }
        String card = org.esscard.platform.testing.SimulatorClient.newUnionPayCard();
        simulator.scriptBank(card, Map.of("outcome", "MISMATCH"));
        bankCard(session, card, mobile).statusCode(422);
        mobile(session, mobile).statusCode(202);
        smsCode(session, simulator.awaitSmsCode(mobile)).statusCode(200).body("status", equalTo("VERIFIED"));
        awaitActive(registration.accountId());
        return this;
    }

    // --- verification steps, relayed by account-service before login -----------------------------------------

    public ValidatableResponse face(String sessionId) {
        return request().body(Map.of("livenessTicket", LIVENESS_TICKET))
                .when().post(url(suite.account, "/api/accounts/verifications/{id}/face"), sessionId).then();
    }

    public ValidatableResponse bankCard(String sessionId, String cardNumber, String mobile) {
        return request().body(Map.of("passportNumber", Authority.PASSPORT, "cardNumber", cardNumber, "mobile", mobile))
                .when().post(url(suite.account, "/api/accounts/verifications/{id}/bank-card"), sessionId).then();
    }

    public ValidatableResponse mobile(String sessionId, String mobile) {
        return request().body(Map.of("mobile", mobile))
                .when().post(url(suite.account, "/api/accounts/verifications/{id}/mobile"), sessionId).then();
    }

    public ValidatableResponse smsCode(String sessionId, String code) {
        return request().body(Map.of("code", code))
                .when().post(url(suite.account, "/api/accounts/verifications/{id}/sms-code"), sessionId).then();
    }

    public ValidatableResponse session(String sessionId) {
        return request().when().get(url(suite.account, "/api/accounts/verifications/{id}"), sessionId).then();
    }

    // --- login (R11, R12), tokens, password ----------------------------------------------------------------------

    /** Logs in with the permit number (R11); on success the app keeps the tokens. */
    public ValidatableResponse login() {
        Map<String, Object> form = new java.util.HashMap<>(Map.of("permitNumber", permitNumber, "password", password));
        RequestSpecification request = request();
        if (deviceId != null) {
            form.put("deviceId", deviceId);
        }
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        }
        return keep(request.body(form).when().post(url(suite.account, "/api/accounts/login")).then());
    }

    /** Logs in with the social security number of a physical card (R12). */
    public ValidatableResponse loginWithSocialSecurityNumber(String socialSecurityNumber) {
        return keep(request().body(Map.of("socialSecurityNumber", socialSecurityNumber, "password", password))
                .when().post(url(suite.account, "/api/accounts/login")).then());
    }

    public ValidatableResponse refresh(String token) {
        return request().body(Map.of("refresh_token", token)).when().post(url(suite.account, "/api/accounts/token/refresh")).then();
    }

    private ValidatableResponse keep(ValidatableResponse response) {
        var extracted = response.extract();
        if (extracted.statusCode() == 200) {
            accessToken = extracted.path("access_token");
            refreshToken = extracted.path("refresh_token");
        }
        return response;
    }

    // --- the service PIN (R15) and permit services (R16-R20) -----------------------------------------------------

    public ValidatableResponse setPin(String pin) {
        return withToken(accessToken).body(Map.of("password", password, "pin", pin))
                .when().put(url(suite.account, "/api/accounts/pin")).then();
    }

    /** Enters the PIN before permit services; on success the app keeps the step-up token. */
    public ValidatableResponse enterPin(String pin) {
        ValidatableResponse response = withToken(accessToken).body(Map.of("pin", pin))
                .when().post(url(suite.account, "/api/accounts/pin/verification")).then();
        var extracted = response.extract();
        if (extracted.statusCode() == 200) {
            stepUpToken = extracted.path("access_token");
        }
        return response;
    }

    /** A permit service ({@code ""} is the inquiry, else {@code /qr}, {@code /qr.png}, {@code /letter.pdf}...). */
    public ValidatableResponse permitService(String path) {
        return withToken(stepUpToken).when().get(url(suite.permit, "/api/permits/mine" + path)).then();
    }

    // --- notifications --------------------------------------------------------------------------------------------

    /** The holder's live sessions (issue 18). */
    public ValidatableResponse sessions() {
        return withToken(accessToken).when().get(url(suite.account, "/api/accounts/sessions")).then();
    }

    /** What an inbox entry's {@code action} says to do ({@code DELETE /api/accounts/sessions/{id}}), with this app's token. */
    public ValidatableResponse act(String method, String path) {
        return withToken(accessToken).when().request(method, url(suite.account, path)).then();
    }

    public ValidatableResponse inbox() {
        return withToken(accessToken).when().get(url(suite.notification, "/api/notifications/inbox")).then();
    }
}
