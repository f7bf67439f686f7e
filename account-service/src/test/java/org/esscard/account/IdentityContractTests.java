package org.esscard.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.esscard.account.client.IdentityClient;
import org.esscard.account.client.IdentityRefusal;
import org.esscard.account.service.token.ServiceTokens;
import org.esscard.account.support.Holders;
import org.esscard.events.EventJson;
import org.esscard.events.identity.VerificationMethod;
import org.esscard.events.identity.VerificationPurpose;
import org.esscard.events.identity.api.OpenSession;
import org.esscard.events.identity.api.SessionStatus;
import org.esscard.events.identity.api.SessionView;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * The consumer's side of the one REST contract between the two services ({@code events/identity/api}): the real
 * identity-service (started by the test resource, as in production a separate process) opens sessions, and its
 * answers read into the shared records, every field typed, none left over.
 */
@QuarkusTest
class IdentityContractTests {

    /** Strict: a field identity-service sends that the contract does not name fails here, not in a caller's guess. */
    private static final ObjectMapper STRICT = EventJson.mapper().copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Inject
    @RestClient
    IdentityClient identity;

    @Inject
    ServiceTokens serviceTokens;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aRegistrationSessionReadsIntoTheSharedRecordWithEveryFieldTyped() {
        String permit = Holders.permit(dataSource, Holders.NAME);
        String accountId = UUID.randomUUID().toString();

        SessionView session = open(new OpenSession(VerificationPurpose.REGISTRATION, permit, Holders.NAME, accountId));

        assertThat(UUID.fromString(session.sessionId())).isNotNull();
        assertThat(session.purpose()).isEqualTo(VerificationPurpose.REGISTRATION);
        assertThat(session.permitNumber()).isEqualTo(permit);
        assertThat(session.accountId()).isEqualTo(accountId);
        assertThat(session.status()).isEqualTo(SessionStatus.OPEN);
        assertThat(session.openMethods()).containsExactly(VerificationMethod.FACE);
        assertThat(session.verifiedMethod()).isNull();
        assertThat(session.faceAttemptsRemaining()).isPositive();
        assertThat(session.pendingCode()).isNull();
        assertThat(session.expiresAt()).isAfter(session.createdAt());
    }

    @Test
    void identityServicesAnswerHasNoFieldTheContractLacks() throws Exception {
        String permit = Holders.permit(dataSource, Holders.NAME);
        open(new OpenSession(VerificationPurpose.REAL_NAME, permit, Holders.NAME, null)); // identity-service knows the permit now

        String body = given().baseUri(ConfigProvider.getConfig().getValue("quarkus.rest-client.identity.url", String.class))
                .header("Authorization", serviceTokens.bearer()).contentType(ContentType.JSON)
                .body(EventJson.mapper().writeValueAsString(new OpenSession(VerificationPurpose.REAL_NAME, permit, Holders.NAME, null)))
                .when().post("/api/identity/sessions")
                .then().statusCode(201).extract().asString();

        SessionView session = STRICT.readValue(body, SessionView.class);
        assertThat(session.purpose()).isEqualTo(VerificationPurpose.REAL_NAME);
        // R10: a physical card holder's real-name check offers bank card and mobile, never face
        assertThat(session.openMethods()).containsExactlyInAnyOrder(VerificationMethod.BANK_CARD, VerificationMethod.MOBILE);
    }

    /** Opens a session through account-service's own client; identity-service may not have read the permit yet. */
    private SessionView open(OpenSession request) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsMatching(e -> e instanceof IdentityRefusal refusal && "SUBJECT_UNKNOWN".equals(refusal.code()))
                .until(() -> identity.open(request).await().atMost(Duration.ofSeconds(10)), Objects::nonNull);
    }
}
