package org.esscard.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.esscard.identity.support.People.Person;
import org.esscard.identity.support.People;
import org.esscard.identity.support.PermitEvents;
import org.esscard.identity.support.Sessions;
import org.esscard.identity.support.Simulator;
import org.esscard.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The audit trail is readable by support only, and nothing can change or remove what it holds. */
@QuarkusTest
class AuditTrailTests {

    private static final String PERMIT = "W3101202400012345";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void supportReadsAttemptsNewestFirst() throws SQLException {
        execute("insert into verification_audit (session_id, permit_number, method, outcome, masked_ids, occurred_at)"
                + " values ('s-1', '" + PERMIT + "', 'FACE', 'FAILED', null, now() - interval '1 minute'),"
                + " ('s-1', '" + PERMIT + "', 'BANK_CARD', 'VERIFIED', 'card ****0128', now())");

        given().auth().oauth2(TestTokens.support()).when().get("/api/identity/audit?permit=" + PERMIT)
                .then().statusCode(200)
                .body("size()", equalTo(2))
                .body("[0].method", equalTo("BANK_CARD"))
                .body("[0].maskedIds", equalTo("card ****0128"))
                .body("[1].outcome", equalTo("FAILED"));
    }

    @Test
    void onlySupportReadsTheTrail() {
        given().when().get("/api/identity/audit?permit=" + PERMIT)
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.holder("acc-1", PERMIT)).when().get("/api/identity/audit?permit=" + PERMIT)
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(TestTokens.support()).when().get("/api/identity/audit")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo("permit"));
    }

    @Test
    void theTrailIsAppendOnly() throws SQLException {
        execute("insert into verification_audit (session_id, permit_number, method, outcome) values ('s-2', 'W1', 'FACE', 'FAILED')");

        assertThatThrownBy(() -> execute("update verification_audit set outcome = 'VERIFIED' where session_id = 's-2'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> execute("delete from verification_audit where session_id = 's-2'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> execute("truncate verification_audit"))
                .hasMessageContaining("append-only");
        assertThat(count("s-2")).isEqualTo(1);
    }

    @Test
    void everyAttemptIsAppendedWithIdentifiersMasked() {
        Person person = People.newPerson();
        PermitEvents.issued(dataSource, person);
        String id = Sessions.openId(person, "REAL_NAME");
        String refused = People.newMobile();
        String mobile = People.newMobile();
        Simulator.carrier(refused, Map.of("outcome", "MISMATCH"));
        Sessions.mobile(id, refused).statusCode(422);
        Sessions.mobile(id, mobile).statusCode(202);
        String code = Simulator.lastCode(mobile);
        Sessions.code(id, Sessions.wrong(code)).statusCode(422);
        Sessions.code(id, code).statusCode(200);

        var trail = given().auth().oauth2(TestTokens.support()).when().get("/api/identity/audit?permit=" + person.permitNumber())
                .then().statusCode(200).extract().jsonPath();

        List<String> attempts = trail.getList("collect { it.method + ' ' + it.outcome }", String.class);
        assertThat(attempts).containsExactly("SMS_CODE VERIFIED", "SMS_CODE WRONG", "SMS_CODE SENT", "MOBILE MATCHED",
                "MOBILE MISMATCH");
        assertThat(trail.getList("sessionId", String.class)).containsOnly(id);
        List<String> masked = trail.getList("maskedIds", String.class);
        assertThat(masked).allMatch(m -> m.contains("****" + mobile.substring(10)) || m.contains("****" + refused.substring(10)));
        assertThat(String.join(" ", masked)).doesNotContain(mobile).doesNotContain(refused);
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private int count(String sessionId) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("select count(*) from verification_audit where session_id = '" + sessionId + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
