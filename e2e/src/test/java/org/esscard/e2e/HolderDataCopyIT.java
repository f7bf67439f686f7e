package org.esscard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.esscard.platform.testing.SimulatorClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * A copy of one's data across the running suite (issue 18, PIPL Art. 45): after the PIN step-up, one request gathers
 * what account-, identity-, permit- and notification-service hold about the holder into one document, downloadable
 * by the holder only, holding nothing of another holder.
 */
class HolderDataCopyIT {

    private static final String NAME = "SMITH JOHN-PAUL";
    private static final String PASSWORD = "MyData#2026";
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

    @Test
    void aCopyOfMyDataHoldsEveryServicesPartOfMe_andNothingOfAnotherHolder() {
        String permit = authority.issue(NAME);
        String mobile = SimulatorClient.newMobile();
        HolderApp me = new HolderApp(suite, NAME, permit, PASSWORD, "en").registeredByMobile(simulator, mobile);
        me.login().statusCode(200);
        me.setPin(PIN).statusCode(204);
        Settled.mobileKnown(suite, permit);
        String otherPermit = authority.issue(NAME);
        String otherMobile = SimulatorClient.newMobile();
        HolderApp other = new HolderApp(suite, NAME, otherPermit, PASSWORD, "en").registeredByMobile(simulator, otherMobile);
        other.login().statusCode(200);

        // the password alone does not give a copy
        me.withToken(me.accessToken).when().post(suite.account.url("/api/accounts/data-copy"))
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("PIN_REQUIRED"));

        me.enterPin(PIN).statusCode(200);
        String download = me.withToken(me.stepUpToken).when().post(suite.account.url("/api/accounts/data-copy"))
                .then().statusCode(201).extract().path("download");
        var response = me.withToken(me.accessToken).when().get(suite.account.url(download)).then().statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment")).extract();
        String document = response.asString();
        JsonPath copy = JsonPath.from(document);

        assertThat(copy.getString("format")).isEqualTo("esscard-data-copy/1");
        // account-service: the account, its permit record, its PIN state (never the PIN), its sessions and logins
        assertThat(copy.getString("account.permitNumber")).isEqualTo(permit);
        assertThat(copy.getString("account.holderName")).isEqualTo(NAME);
        assertThat(copy.getString("account.mobile")).endsWith(mobile.substring(mobile.length() - 8));
        assertThat(copy.getBoolean("account.pin.set")).isTrue();
        assertThat(copy.getString("account.permitRecord.passportNumber")).isNotBlank();
        assertThat(copy.getList("account.sessions")).isNotEmpty();
        assertThat(copy.getList("account.logins")).isNotEmpty();
        // identity-service: the subject, the verification sessions, the audit masked as stored, the face counter
        assertThat(copy.getString("identity.subject.permitNumber")).isEqualTo(permit);
        assertThat(copy.getList("identity.sessions.purpose", String.class)).contains("REGISTRATION");
        assertThat(copy.getList("identity.attempts")).isNotEmpty();
        assertThat(copy.getMap("identity.faceCounter")).containsKey("consecutiveFailures"); // six face failures before the mobile
        // permit-service: the whole record, and the officers' checks (none yet)
        assertThat(copy.getString("permit.permit.permitNumber")).isEqualTo(permit);
        assertThat(copy.getString("permit.permit.passportNumber")).isEqualTo(copy.getString("account.permitRecord.passportNumber"));
        assertThat(copy.getList("permit.officerChecks")).isEmpty();
        // notification-service: where notices go, the inbox as stored, the deliveries
        assertThat(copy.getString("notification.recipient.mobile")).endsWith(mobile.substring(mobile.length() - 8));
        assertThat(copy.getList("notification.entries.kind", String.class)).contains("PERMIT_ISSUED");
        // nothing of the other holder, and no secret of mine
        assertThat(document).doesNotContain(otherPermit).doesNotContain(otherMobile.substring(otherMobile.length() - 8))
                .doesNotContain("$argon2id");
        // the download is mine only
        other.withToken(other.accessToken).when().get(suite.account.url(download))
                .then().statusCode(404).body("code", equalTo("DATA_COPY_NOT_FOUND"));
    }
}
