package org.esscard.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.esscard.account.support.Holders;
import org.esscard.account.support.IdentityServiceTestResource;
import org.esscard.account.support.Registrations;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * identity-service down: registration answers 503 {@code IDENTITY_UNAVAILABLE} with when to retry, quickly (retries
 * only for transport errors, then the circuit breaker answers at once), and works again once it is back.
 */
@QuarkusTest
class IdentityOutageTests {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void registrationWhileIdentityServiceIsDownSaysWhenToRetryAndNothingIsLeftBehind() throws Exception {
        String permit = Holders.permit(dataSource, Holders.NAME);
        Map<String, Object> form = RegistrationTests.form(Holders.NAME, permit, Holders.PASSWORD);

        IdentityServiceTestResource.outage(() -> {
            for (int i = 0; i < 12; i++) {
                long start = System.nanoTime();
                Holders.from(Holders.newAddress()).body(form).when().post("/api/accounts/registrations")
                        .then().statusCode(503).contentType("application/problem+json")
                        .body("code", equalTo("IDENTITY_UNAVAILABLE"))
                        .body("retryAfterSeconds", greaterThan(0))
                        .header("Retry-After", notNullValue());
                assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(6_000);
            }
        });
        assertThat(org.esscard.account.support.Events.count(dataSource,
                "select count(*) from holder_account where permit_number = ?", permit)).isZero();

        // back, and the breaker closes again after its delay
        Registrations.register(Holders.NAME, permit, Holders.PASSWORD, null);
    }
}
