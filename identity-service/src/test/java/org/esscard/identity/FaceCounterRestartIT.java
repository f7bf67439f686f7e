package org.esscard.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.events.permit.PermitIssued;
import org.esscard.events.permit.PermitStatus;
import org.esscard.platform.testing.QuarkusAppProcess;
import org.esscard.identity.support.People;
import org.esscard.identity.support.People.Person;
import org.esscard.identity.support.PermitEvents;
import org.esscard.platform.testing.ProviderSimulatorTestResource;
import org.esscard.identity.support.Simulator;
import org.esscard.platform.testing.KafkaBrokerProcess;
import org.esscard.platform.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * R6: the failure count survives a restart. The packaged identity-service runs as a process, exactly as the run
 * command starts it (production profile), against the real broker, the simulator and PostgreSQL; it is killed
 * (SIGKILL, as a crash) in the middle of a person's failures and started again.
 */
class FaceCounterRestartIT {

    private static final String DATABASE = "esscard_identity_test";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final String SERVICE_TOKEN = TestTokens.staff("service");

    private static QuarkusAppProcess identity;

    @BeforeAll
    static void start() throws IOException {
        Path work = Path.of("target", "it");
        Files.createDirectories(work);
        Path publicKey = work.resolve("jwt-public.pem");
        try (InputStream key = FaceCounterRestartIT.class.getClassLoader().getResourceAsStream("testkeys/jwt-public.pem")) {
            Files.copy(key, publicKey, StandardCopyOption.REPLACE_EXISTING);
        }
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:5432/" + DATABASE);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/" + DATABASE);
        env.put("KAFKA_BOOTSTRAP_SERVERS", KafkaBrokerProcess.shared().bootstrapServers());
        env.put("ESSCARD_PROVIDERS_URL", ProviderSimulatorTestResource.url());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toAbsolutePath().toString());
        env.put("ESSCARD_IDENTITY_HASH_KEY", "restart-test-hash-key");
        identity = new QuarkusAppProcess("identity-service", QuarkusAppProcess.root(), QuarkusAppProcess.freePort(), env, work);
        identity.start(START_TIMEOUT);
    }

    @AfterAll
    static void stop() {
        if (identity != null) {
            identity.stop();
        }
    }

    @Test
    void R6_theFailureCountSurvivesARestart() throws Exception {
        Person person = People.newPerson();
        CloudEvent issued = CloudEvent.of("/esscard/permit-service", new PermitIssued(PermitEvents.snapshot(person, PermitStatus.ACTIVE,
                LocalDate.now().plusYears(1), 0)), EventJson.mapper(), Clock.systemUTC());
        PermitEvents.publish(person.permitNumber(), EventJson.write(issued));
        await().atMost(Duration.ofSeconds(60)).until(() -> open(person).extract().statusCode() == 201);
        Simulator.face(person.permitNumber(), Map.of("outcome", "FAIL"));
        String before = open(person).statusCode(201).extract().path("sessionId");
        for (int remaining = 5; remaining >= 3; remaining--) {
            face(before).statusCode(422).body("remainingAttempts", equalTo(remaining));
        }

        long begin = System.nanoTime();
        identity.kill();
        identity.start(START_TIMEOUT);
        long restartMillis = (System.nanoTime() - begin) / 1_000_000;

        session(before).statusCode(200).body("faceAttemptsRemaining", equalTo(3));
        String after = open(person).statusCode(201).body("faceAttemptsRemaining", equalTo(3)).extract().path("sessionId");
        face(after).statusCode(422).body("remainingAttempts", equalTo(2));
        face(after).statusCode(422).body("remainingAttempts", equalTo(1));
        face(after).statusCode(423).body("code", equalTo("FACE_LOCKED")).body("nextMethods", contains("BANK_CARD"));
        assertThat(failures(person)).isEqualTo(6);
        System.out.printf("identity-service killed and ready again in %d ms%n", restartMillis);
    }

    private static ValidatableResponse open(Person person) {
        return given().baseUri(identity.url("")).auth().oauth2(SERVICE_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("purpose", "REGISTRATION", "permitNumber", person.permitNumber(), "name", person.name()))
                .when().post("/api/identity/sessions").then();
    }

    private static ValidatableResponse session(String id) {
        return given().baseUri(identity.url("")).auth().oauth2(SERVICE_TOKEN).when().get("/api/identity/sessions/" + id).then();
    }

    private static ValidatableResponse face(String id) {
        return given().baseUri(identity.url("")).auth().oauth2(SERVICE_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("livenessTicket", "liveness-after-restart"))
                .when().post("/api/identity/sessions/" + id + "/face").then();
    }

    private static int failures(Person person) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + DATABASE, "esscard", "esscard");
                PreparedStatement s = c.prepareStatement("select consecutive_failures from face_attempt_counter where permit_number = ?")) {
            s.setString(1, person.permitNumber());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
