package org.esscard.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import org.esscard.events.CloudEvent;
import org.esscard.events.Topics;
import org.esscard.events.account.AccountRegistered;
import org.esscard.events.account.NewDeviceLogin;
import org.esscard.events.account.PasswordChanged;
import org.esscard.events.identity.VerificationLocked;
import org.esscard.events.permit.HolderErased;
import org.esscard.events.permit.PermitCancelled;
import org.esscard.events.permit.PermitExpired;
import org.esscard.events.permit.PermitExpiring;
import org.esscard.platform.testing.TestEvents;
import org.esscard.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The examples {@code events} ships (events/README.md), fed to this service as their producers publish them: each
 * event type it consumes becomes what the holder sees, so an example that drifts from what the consumer reads fails here.
 */
@QuarkusTest
class ShippedExamplesTests {

    private static final String EXAMPLE_PERMIT = "W3101202400012345";
    private static final String EXAMPLE_ACCOUNT = "5f0c8a52-3c1e-4d7a-9b6e-2f4d8c1a7e90";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    org.esscard.platform.privacy.Pseudonyms pseudonyms;

    @Test
    void everyShippedExampleThisServiceConsumesReachesTheHoldersInbox() {
        String permit = Events.newPermitNumber();
        String cancelled = Events.newPermitNumber();
        String account = UUID.randomUUID().toString();
        Map<String, String> holder = Map.of(EXAMPLE_PERMIT, permit, EXAMPLE_ACCOUNT, account);

        await(TestEvents.publishExample(Topics.ACCOUNT_EVENTS, AccountRegistered.class, holder));
        await(TestEvents.publishExample(Topics.PERMIT_EVENTS, PermitExpiring.class, holder));
        await(TestEvents.publishExample(Topics.PERMIT_EVENTS, PermitExpired.class, holder));
        await(TestEvents.publishExample(Topics.IDENTITY_EVENTS, VerificationLocked.class, holder));
        await(TestEvents.publishExample(Topics.ACCOUNT_EVENTS, PasswordChanged.class, holder));
        await(TestEvents.publishExample(Topics.ACCOUNT_EVENTS, NewDeviceLogin.class, holder));
        await(TestEvents.publishExample(Topics.PERMIT_EVENTS, PermitCancelled.class, Map.of(EXAMPLE_PERMIT, cancelled)));

        given().auth().oauth2(TestTokens.holder(account, permit)).header("Accept-Language", "en")
                .when().get("/api/notifications/inbox")
                .then().statusCode(200).body("total", equalTo(5))
                .body("items.kind", containsInAnyOrder("PERMIT_EXPIRING", "PERMIT_EXPIRED", "FACE_LOCKED", "PASSWORD_CHANGED", "NEW_DEVICE_LOGIN"))
                .body("items.find { it.kind == 'PERMIT_EXPIRING' }.body", containsString("2026-10-31"))
                .body("items.find { it.kind == 'NEW_DEVICE_LOGIN' }.body", containsString("eSSCard/2.4.0 (Android 14; Pixel 8)"))
                .body("items.find { it.kind == 'NEW_DEVICE_LOGIN' }.body", containsString("203.0.113.*"))
                .body("items.find { it.kind == 'NEW_DEVICE_LOGIN' }.action.path",
                        equalTo("/api/accounts/sessions/0196281a-6d40-7000-8000-3c9e1f2a4b5d"))
                .body("items.find { it.kind == 'PASSWORD_CHANGED' }.action", org.hamcrest.Matchers.nullValue());
        given().auth().oauth2(TestTokens.holder("acc-" + cancelled, cancelled)).header("Accept-Language", "en")
                .when().get("/api/notifications/inbox")
                .then().statusCode(200).body("total", equalTo(1))
                .body("items[0].kind", equalTo("PERMIT_CANCELLED"))
                .body("items[0].body", containsString("Employment contract terminated"));

        // the erasure's example, for the holder of the first permit: the inbox is empty, nothing of them is left
        await(TestEvents.publishExample(Topics.PERMIT_EVENTS, HolderErased.class,
                Map.of(EXAMPLE_PERMIT, permit, "~5c1e0a9b7d3f2e8c4a6", pseudonyms.of(permit))));
        given().auth().oauth2(TestTokens.holder(account, permit)).when().get("/api/notifications/inbox")
                .then().statusCode(200).body("total", equalTo(0));
        try {
            org.assertj.core.api.Assertions.assertThat(org.esscard.platform.testing.Sql.rowsContaining(dataSource, permit, account)).isEmpty();
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private void await(CloudEvent event) {
        TestEvents.awaitProcessed(dataSource, event);
    }
}
