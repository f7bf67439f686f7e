package org.esscard.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.esscard.account.service.data.DataCopies;
import org.esscard.account.support.Events;
import org.esscard.account.support.Holders;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;

/**
 * The copy of one's data at account-service's door (issue 18); the whole copy, with every service's part, is
 * e2e's HolderDataCopyIT.
 */
@QuarkusTest
class DataCopyTests {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DataCopies copies;

    @Test
    void aCopyNeedsThePinStepUp_theLoginAloneIsRefusedInOurWords() {
        String token = Holders.accessToken(Holders.withPermit(dataSource));
        given().auth().oauth2(token).header("Accept-Language", "zh-CN").when().post("/api/accounts/data-copy")
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("PIN_REQUIRED"))
                .body("detail", org.hamcrest.Matchers.containsString("服务密码"));
    }

    @Test
    void aDownloadThatIsNoCopyOfMineIsNotFound() {
        String token = Holders.accessToken(Holders.withPermit(dataSource));
        given().auth().oauth2(token).when().get("/api/accounts/data-copy/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("DATA_COPY_NOT_FOUND"));
        given().auth().oauth2(token).when().get("/api/accounts/data-copy/not-an-id")
                .then().statusCode(404).body("code", equalTo("DATA_COPY_NOT_FOUND"));
    }

    @Test
    void anExpiredCopyIsDeletedWhetherItWasDownloadedOrNot() throws Throwable {
        String account = Holders.withPermit(dataSource).accountId();
        UUID expired = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        Events.count(dataSource, "with t as (insert into data_copy (id, account_id, document, created_at, expires_at)"
                + " values (?, ?, '{}', now() - interval '1 hour', now() - interval '1 minute'), (?, ?, '{}', now(), now() + interval '15 minutes')"
                + " returning 1) select count(*) from t", expired, UUID.fromString(account), fresh, UUID.fromString(account));

        VertxContextSupport.subscribeAndAwait(() -> copies.purgeExpired());

        assertThat(Events.count(dataSource, "select count(*) from data_copy where id = ?", expired)).isZero();
        assertThat(Events.count(dataSource, "select count(*) from data_copy where id = ?", fresh)).isOne();
    }

    @Test
    void onlyAHolderAsksForACopy() {
        given().when().post("/api/accounts/data-copy").then().statusCode(401);
        given().auth().oauth2(org.esscard.platform.testing.TestTokens.staff("support")).when().post("/api/accounts/data-copy")
                .then().statusCode(403);
    }
}
