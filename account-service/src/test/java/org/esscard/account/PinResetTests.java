package org.esscard.account;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.esscard.account.support.Holders.Holder;
import org.esscard.account.support.Holders;
import org.esscard.account.support.Registrations;
import org.esscard.account.support.Verifications;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * R15: a PIN locked by 5 wrong entries is reset at once through facial recognition: a PIN_RESET session that the
 * logged-in holder's app passes at identity-service itself, with the holder token account-service issued.
 */
@QuarkusTest
class PinResetTests {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void R15_aLockedPinIsResetThroughFacialRecognition() {
        Holder holder = Registrations.registeredHolder(dataSource, Holders.PASSWORD);
        String locked = Holders.accessToken(holder);
        ServicePinTests.setPin(locked, Holders.PASSWORD, ServicePinTests.PIN, null).statusCode(204);
        for (int i = 0; i < 5; i++) {
            ServicePinTests.verify(locked, "111222").statusCode(i < 4 ? 403 : 423);
        }
        // the lock ended every login of the account (issue 13): the holder logs in again for the reset
        String token = Holders.accessToken(holder);

        String session = Holders.from(Holders.newAddress()).auth().oauth2(token).when().post("/api/accounts/pin/reset")
                .then().statusCode(201).body("purpose", equalTo("PIN_RESET")).extract().path("sessionId");
        // identity-service accepts account-service's holder token, for the holder's own permit
        Verifications.faceAtIdentity(session, token).statusCode(200).body("status", equalTo("VERIFIED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !ServicePinTests.state(token).extract().<Boolean>path("set"));

        ServicePinTests.setPin(token, Holders.PASSWORD, "135790", null).statusCode(204);
        ServicePinTests.verify(token, "135790").statusCode(200);
    }

    @Test
    void R15_aPinResetNeedsABoundPermit() {
        Holders.Imported imported = Holders.imported(Holders.NAME, Holders.PASSWORD);
        String token = Holders.loginBySsn(imported.socialSecurityNumber(), Holders.PASSWORD, Holders.newAddress())
                .statusCode(200).extract().path("access_token");
        Holders.from(Holders.newAddress()).auth().oauth2(token).when().post("/api/accounts/pin/reset")
                .then().statusCode(409).body("code", equalTo("PERMIT_NOT_BOUND"));
    }
}
