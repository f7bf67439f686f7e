package org.esscard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.events.identity.IdentityVerified;
import org.esscard.events.identity.VerificationLocked;
import org.esscard.events.identity.VerificationMethod;
import org.esscard.events.identity.VerificationPurpose;
import org.esscard.identity.support.IdentityEvents;
import org.esscard.identity.support.People.Person;
import org.esscard.identity.support.People;
import org.esscard.identity.support.PermitEvents;
import org.esscard.identity.support.Sessions;
import org.esscard.identity.support.Simulator;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Facial recognition (R5), consecutive failures per person and face closing after the 6th (R6), R14's face step. */
@QuarkusTest
class FaceVerificationTests {

    private static final int MAX_FAILURES = 6;
    private static final int CONCURRENT_ATTEMPTS = 10;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void R5_aFaceMatchVerifiesTheSessionAndAnnouncesIt() {
        Person person = known();
        String id = Sessions.openId(person, "REGISTRATION");

        Sessions.face(id).statusCode(200)
                .body("status", equalTo("VERIFIED"))
                .body("verifiedMethod", equalTo("FACE"))
                .body("verifiedAt", notNullValue())
                .body("openMethods.size()", equalTo(0));

        IdentityVerified verified = IdentityEvents.of(person.permitNumber(), 1).get(0).dataAs(IdentityVerified.class, EventJson.mapper());
        assertThat(verified.sessionId()).isEqualTo(id);
        assertThat(verified.purpose()).isEqualTo(VerificationPurpose.REGISTRATION);
        assertThat(verified.method()).isEqualTo(VerificationMethod.FACE);
        assertThat(verified.permitNumber()).isEqualTo(person.permitNumber());
        Sessions.face(id).statusCode(409).body("code", equalTo("SESSION_COMPLETED"));
    }

    @Test
    void R6_aFaceFailureSaysHowManyAttemptsAreLeft() {
        Person person = known();
        String id = Sessions.openId(person, "REGISTRATION");
        Simulator.face(person.permitNumber(), Map.of("outcome", "FAIL"));

        Sessions.face(id).statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("FACE_FAILED"))
                .body("remainingAttempts", equalTo(5))
                .body("detail", containsString("5 attempts are left"));
        Sessions.face(id).statusCode(422).body("remainingAttempts", equalTo(4));
        Sessions.get(id).statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("faceAttemptsRemaining", equalTo(4))
                .body("openMethods", contains("FACE"));
    }

    @Test
    void R6_sixthConsecutiveFaceFailureClosesFace() {
        Person person = known();
        String id = Sessions.openId(person, "REGISTRATION");
        Simulator.face(person.permitNumber(), Map.of("outcome", "FAIL"));
        for (int remaining = 5; remaining >= 1; remaining--) {
            Sessions.face(id).statusCode(422).body("code", equalTo("FACE_FAILED")).body("remainingAttempts", equalTo(remaining));
        }

        Sessions.face(id).statusCode(423).contentType("application/problem+json")
                .body("code", equalTo("FACE_LOCKED"))
                .body("title", equalTo("Locked"))
                .body("remainingAttempts", equalTo(0))
                .body("nextMethods", contains("BANK_CARD"))
                .body("detail", containsString("bank card"));

        Sessions.get(id).statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("openMethods", contains("BANK_CARD"))
                .body("faceAttemptsRemaining", equalTo(0));
        List<CloudEvent> events = IdentityEvents.of(person.permitNumber(), 1);
        assertThat(events).extracting(CloudEvent::type).containsExactly(VerificationLocked.TYPE);
        VerificationLocked locked = events.get(0).dataAs(VerificationLocked.class, EventJson.mapper());
        assertThat(locked.lockedMethod()).isEqualTo(VerificationMethod.FACE);
        assertThat(locked.consecutiveFailures()).isEqualTo(MAX_FAILURES);
        assertThat(locked.nextMethods()).containsExactly(VerificationMethod.BANK_CARD);
        assertThat(locked.sessionId()).isEqualTo(id);
    }

    @Test
    void R6_closedFaceIsRefusedWithoutAskingTheVendorAgain() {
        Person person = known();
        String id = Sessions.openId(person, "REGISTRATION");
        Sessions.closeFace(person, id);
        int comparisons = Simulator.checks("face", person.permitNumber());
        Simulator.face(person.permitNumber(), Map.of("outcome", "PASS"));

        Sessions.face(id).statusCode(423).body("code", equalTo("FACE_LOCKED")).body("nextMethods", contains("BANK_CARD"));

        assertThat(Simulator.checks("face", person.permitNumber())).isEqualTo(comparisons);
        assertThat(failures(person)).isEqualTo(MAX_FAILURES);
    }

    @Test
    void R6_failuresCountPerPersonSoANewSessionDoesNotResetThem() {
        Person person = known();
        Simulator.face(person.permitNumber(), Map.of("outcome", "FAIL"));
        String first = Sessions.openId(person, "REGISTRATION");
        for (int i = 0; i < 4; i++) {
            Sessions.face(first).statusCode(422);
        }

        String second = Sessions.openId(person, "REGISTRATION");
        Sessions.get(second).statusCode(200).body("faceAttemptsRemaining", equalTo(2));
        Sessions.face(second).statusCode(422).body("remainingAttempts", equalTo(1));
        Sessions.face(second).statusCode(423).body("code", equalTo("FACE_LOCKED"));

        String third = Sessions.openId(person, "PASSWORD_RESET");
        Sessions.get(third).statusCode(200).body("openMethods", contains("BANK_CARD"));
        Sessions.face(third).statusCode(423).body("code", equalTo("FACE_LOCKED"));
    }

    @Test
    void R6_aFaceSuccessEndsTheSeriesOfFailures() {
        Person person = known();
        Simulator.face(person.permitNumber(), Map.of("failNext", 5));
        String first = Sessions.openId(person, "REGISTRATION");
        for (int i = 0; i < 5; i++) {
            Sessions.face(first).statusCode(422);
        }
        Sessions.face(first).statusCode(200).body("status", equalTo("VERIFIED"));
        assertThat(failures(person)).isZero();

        Simulator.face(person.permitNumber(), Map.of("outcome", "FAIL"));
        String second = Sessions.openId(person, "PASSWORD_RESET");
        Sessions.face(second).statusCode(422).body("remainingAttempts", equalTo(5));
    }

    @RepeatedTest(value = 3, name = "{displayName}, round {currentRepetition}")
    void R6_tenConcurrentFailuresCountExactlySixAndCloseFaceOnce() throws Exception {
        Person person = known();
        Simulator.face(person.permitNumber(), Map.of("outcome", "FAIL"));
        String first = Sessions.openId(person, "REGISTRATION");
        String second = Sessions.openId(person, "REGISTRATION");

        List<Integer> statuses = concurrently(CONCURRENT_ATTEMPTS, i -> Sessions.face(i % 2 == 0 ? first : second)
                .extract().statusCode());

        assertThat(failures(person)).isEqualTo(MAX_FAILURES);
        assertThat(statuses).filteredOn(s -> s == 422).hasSize(MAX_FAILURES - 1);
        // the rest: face closed (423), or refused before the vendor while six attempts were with it (409, A18)
        assertThat(statuses).filteredOn(s -> s == 423).isNotEmpty();
        assertThat(statuses).filteredOn(s -> s == 423 || s == 409).hasSize(CONCURRENT_ATTEMPTS - MAX_FAILURES + 1);
        assertThat(audited(person, "FAILED") + audited(person, "LOCKED")).isEqualTo(MAX_FAILURES);
        assertThat(audited(person, "LOCKED")).isEqualTo(1);
        List<CloudEvent> events = IdentityEvents.of(person.permitNumber(), 1);
        assertThat(events).extracting(CloudEvent::type).containsExactly(VerificationLocked.TYPE);
    }

    @Test
    void R14_passwordResetSessionPassesItsFaceStep() {
        Person person = known();
        String id = Sessions.openId(person, "PASSWORD_RESET");
        Sessions.get(id).statusCode(200).body("openMethods", contains("FACE")).body("purpose", equalTo("PASSWORD_RESET"));

        Sessions.face(id).statusCode(200).body("status", equalTo("VERIFIED")).body("verifiedMethod", equalTo("FACE"));

        IdentityVerified verified = IdentityEvents.of(person.permitNumber(), 1).get(0).dataAs(IdentityVerified.class, EventJson.mapper());
        assertThat(verified.purpose()).isEqualTo(VerificationPurpose.PASSWORD_RESET);
        assertThat(verified.method()).isEqualTo(VerificationMethod.FACE);
    }

    @Test
    void aFaceVendorOutageCountsNothing() {
        Person person = known();
        String id = Sessions.openId(person, "REGISTRATION");
        Simulator.face(person.permitNumber(), Map.of("outcome", "ERROR"));

        Sessions.face(id).statusCode(503).contentType("application/problem+json")
                .body("code", equalTo("PROVIDER_UNAVAILABLE"))
                .body("retryAfterSeconds", equalTo(10))
                .header("Retry-After", "10")
                .body("detail", containsString("facial recognition"));

        assertThat(Simulator.checks("face", person.permitNumber())).as("an answer, even an error, is not retried").isEqualTo(1);
        assertThat(failures(person)).isZero();
        Sessions.get(id).statusCode(200).body("faceAttemptsRemaining", equalTo(6));
    }

    @Test
    void aFaceVendorSlowerThanTheTimeoutCountsNothing() {
        Person person = known();
        String id = Sessions.openId(person, "REGISTRATION");
        Simulator.face(person.permitNumber(), Map.of("outcome", "FAIL", "delayMillis", 2500));

        long start = System.nanoTime();
        Sessions.face(id).statusCode(503).body("code", equalTo("PROVIDER_UNAVAILABLE"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
        assertThat(failures(person)).isZero();
    }

    private Person known() {
        Person person = People.newPerson();
        PermitEvents.issued(dataSource, person);
        return person;
    }

    private int failures(Person person) {
        return queryInt("select coalesce(max(consecutive_failures), 0) from face_attempt_counter where permit_number = ?",
                person.permitNumber());
    }

    private int audited(Person person, String outcome) {
        return queryInt("select count(*) from verification_audit where permit_number = ? and method = 'FACE' and outcome = '"
                + outcome + "'", person.permitNumber());
    }

    private int queryInt(String sql, String permitNumber) {
        try (var c = dataSource.getConnection(); var s = c.prepareStatement(sql)) {
            s.setString(1, permitNumber);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs {@code n} calls at the same moment and returns their results. */
    static <T> List<T> concurrently(int n, java.util.function.IntFunction<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<T> task = () -> {
                    start.await();
                    return call.apply(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
