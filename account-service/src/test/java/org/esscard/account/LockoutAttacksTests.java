package org.esscard.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import org.esscard.account.service.credential.CredentialHashing;
import org.esscard.account.support.Events;
import org.esscard.account.support.Holders.Holder;
import org.esscard.account.support.Holders;
import org.esscard.platform.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/**
 * Issue 13, lockouts turned against the holder: attempts cut mid-hash or answered 503 that used to count for good
 * (A2, A15, A21), and failures from other addresses that locked the holder out of their own device (A16), with the
 * account-wide bound that replaces the account lock (A20).
 */
@QuarkusTest
class LockoutAttacksTests {

    private static final String WRONG_PASSWORD = "Wrong#2026";
    private static final String PIN = "204816";
    private static final String WRONG_PIN = "111222";
    /** Past the attempt timeout (longer than the check timeout), after which an unsettled attempt is void. */
    private static final Duration PAST_ATTEMPT_TIMEOUT = Duration.ofSeconds(16);
    private static final Duration PAST_FIRST_LOCKOUT = Duration.ofSeconds(61);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CredentialHashing hashing;

    private int idleSlots;

    @BeforeEach
    void idle() {
        await().atMost(Duration.ofSeconds(10)).until(() -> hashing.available() > 0);
        idleSlots = hashing.available();
    }

    @AfterEach
    void resetClock() {
        TestClock.CLOCK.reset();
    }

    @Test
    void A2_cutConnectionLockout() throws Exception {
        Holder holder = Holders.withPermit(dataSource);
        String address = Holders.newAddress();
        String wrong = "{\"permitNumber\":\"" + holder.permitNumber() + "\",\"password\":\"" + WRONG_PASSWORD + "\"}";

        int cut = cutSix("/api/accounts/login", null, address, wrong);

        assertThat(cut).as("requests cut while their hash ran").isGreaterThanOrEqualTo(5);
        // right after the hash timeout the cut attempts no longer count: the right password logs in
        TestClock.CLOCK.advance(PAST_ATTEMPT_TIMEOUT);
        Holders.login(holder.permitNumber(), Holders.PASSWORD, address).statusCode(200);

        cutSix("/api/accounts/login", null, address, wrong);
        TestClock.CLOCK.advance(PAST_FIRST_LOCKOUT);
        Holders.login(holder.permitNumber(), Holders.PASSWORD, address).statusCode(200);
    }

    @Test
    void A15_cutConnectionPinLockout() throws Exception {
        Holder holder = Holders.withPermit(dataSource);
        String token = Holders.accessToken(holder);
        ServicePinTests.setPin(token, Holders.PASSWORD, PIN, null).statusCode(204);
        String wrong = "{\"pin\":\"" + WRONG_PIN + "\"}";

        int cut = cutSix("/api/accounts/pin/verification", token, Holders.newAddress(), wrong);

        assertThat(cut).as("requests cut while their hash ran").isGreaterThanOrEqualTo(5);
        TestClock.CLOCK.advance(PAST_ATTEMPT_TIMEOUT);
        ServicePinTests.verify(token, PIN).statusCode(200);
        ServicePinTests.state(token).body("locked", equalTo(false)).body("remainingAttempts", equalTo(5));
    }

    @Test
    void A16_lockoutAimedFromElsewhere() {
        Holder holder = Holders.withPermit(dataSource);
        String home = Holders.newAddress();
        Holders.login(holder.permitNumber(), Holders.PASSWORD, home).statusCode(200);

        int checked = 0;
        int delayed = 0;
        for (int i = 0; i < 30; i++) {
            int status = Holders.login(holder.permitNumber(), WRONG_PASSWORD + i, Holders.newAddress()).extract().statusCode();
            assertThat(status).isIn(401, 429);
            checked += status == 401 ? 1 : 0;
            delayed += status == 429 ? 1 : 0;
        }

        // the holder, at the address they logged in from before, is not locked out
        Holders.login(holder.permitNumber(), Holders.PASSWORD, home).statusCode(200);
        // and the attacker stays limited: at most 10 checks, then every new address must wait
        assertThat(checked).isLessThanOrEqualTo(10);
        assertThat(delayed).isGreaterThanOrEqualTo(20);
        Holders.login(holder.permitNumber(), Holders.PASSWORD, Holders.newAddress())
                .statusCode(429).contentType("application/problem+json")
                .body("code", equalTo("LOGIN_DELAYED"))
                .body("retryAfterSeconds", greaterThan(0))
                .header("Retry-After", notNullValue());
        // an unknown permit number gets the same slow-down after the same failures: it tells nobody who has an account
        String unknown = Holders.newPermitNumber();
        for (int i = 0; i < 10; i++) {
            Holders.login(unknown, WRONG_PASSWORD + i, Holders.newAddress()).statusCode(401);
        }
        Holders.login(unknown, WRONG_PASSWORD, Holders.newAddress()).statusCode(429).body("code", equalTo("LOGIN_DELAYED"));
    }

    @Test
    void A20_guessesSpreadOverManyAddressesAreBoundedPerDay() {
        Holder holder = Holders.withPermit(dataSource);
        Duration elapsed = Duration.ZERO;
        int checked = 0;
        for (int sent = 0; sent < 100 && elapsed.compareTo(Duration.ofHours(24)) < 0; sent++) {
            ValidatableResponse answer = Holders.login(holder.permitNumber(), WRONG_PASSWORD + checked, Holders.newAddress());
            int status = answer.extract().statusCode();
            assertThat(status).isIn(401, 429);
            if (status == 401) {
                checked++;
                continue;
            }
            // the attacker waits exactly as long as told, from yet another address
            Duration wait = Duration.ofSeconds(answer.extract().<Integer>path("retryAfterSeconds"));
            TestClock.CLOCK.advance(wait);
            elapsed = elapsed.plus(wait);
        }
        assertThat(checked).as("passwords checked in 24 hours from ever new addresses").isBetween(20, 40);
    }

    @Test
    void A21_aFullHashQueueAnswersAtOnceAndCountsNothing() throws Exception {
        Holder holder = Holders.withPermit(dataSource);
        String address = Holders.newAddress();
        String slowdown = "select attempts from login_slowdown where subject = 'account:' || ?";
        long attemptsBefore = Events.count(dataSource, slowdown, holder.accountId());
        double shedBefore = hashing.shedCount();
        Semaphore slots = slots();
        int admitted = idleSlots + hashing.queueLimit();
        // every hashing slot taken, and the queue behind them filled by logins of permit numbers nobody has
        slots.acquire(idleSlots);
        ExecutorService pool = Executors.newFixedThreadPool(admitted);
        try {
            List<Future<Integer>> queued = new ArrayList<>();
            for (int i = 0; i < admitted; i++) {
                queued.add(pool.submit(() -> Holders.login(Holders.newPermitNumber(), WRONG_PASSWORD, Holders.newAddress()).extract().statusCode()));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> slots.getQueueLength() == admitted);

            // one more is refused at once: answered while every slot is still held, so it waited for none
            Holders.login(holder.permitNumber(), WRONG_PASSWORD, address)
                    .statusCode(503).contentType("application/problem+json")
                    .body("code", equalTo("BUSY"))
                    .body("retryAfterSeconds", equalTo(1))
                    .header("Retry-After", "1");
            assertThat(slots.getQueueLength()).isEqualTo(admitted);
            assertThat(hashing.shedCount()).isEqualTo(shedBefore + 1);
            io.restassured.RestAssured.given().when().get("/q/metrics").then().statusCode(200)
                    .body(org.hamcrest.Matchers.containsString("esscard_login_hash_shed_total"));
            // and nothing of the account was counted: no reservation, no failure, no account-wide attempt
            assertThat(Events.count(dataSource, "select count(*) from credential_attempt where account_id = ?::uuid", holder.accountId())).isZero();
            assertThat(Events.count(dataSource, "select count(*) from login_failure where account_id = ?::uuid and client_address = ?",
                    holder.accountId(), address)).isZero();
            assertThat(Events.count(dataSource, slowdown, holder.accountId())).isEqualTo(attemptsBefore);

            slots.release(idleSlots);
            for (Future<Integer> answer : queued) {
                assertThat(answer.get()).as("a queued check, answered once it had a slot").isEqualTo(401);
            }
        } finally {
            if (slots.availablePermits() < idleSlots && slots.getQueueLength() > 0) {
                slots.release(idleSlots);
            }
            pool.shutdownNow();
        }
        // no clock advanced: the refused check never counted
        for (int i = 0; i < 4; i++) {
            Holders.login(holder.permitNumber(), WRONG_PASSWORD, address).statusCode(401);
        }
        Holders.login(holder.permitNumber(), Holders.PASSWORD, address).statusCode(200);
    }

    @Test
    void A22_aLoginPastItsTimeoutIsAnswered503AndItsReservationVoided() throws Exception {
        Holder holder = Holders.withPermit(dataSource);
        String address = Holders.newAddress();
        Semaphore slots = slots();
        slots.acquire(idleSlots);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // reserved, then waiting for a slot that does not come within the check timeout (14 s)
            Future<ValidatableResponse> stuck = pool.submit(() -> Holders.login(holder.permitNumber(), Holders.PASSWORD, address));
            await().atMost(Duration.ofSeconds(14)).until(() -> slots.getQueueLength() == 1);
            assertThat(Events.count(dataSource, "select count(*) from credential_attempt where account_id = ?::uuid", holder.accountId()))
                    .isEqualTo(1);

            stuck.get().statusCode(503).contentType("application/problem+json")
                    .body("code", equalTo("BUSY"))
                    .body("retryAfterSeconds", equalTo(5))
                    .header("Retry-After", "5");
            await().atMost(Duration.ofSeconds(5)).until(() -> Events.count(dataSource,
                    "select count(*) from credential_attempt where account_id = ?::uuid", holder.accountId()) == 0);
        } finally {
            slots.release(idleSlots);
            pool.shutdownNow();
        }
        // its turn came after the answer: skipped, the slots idle again, and the holder logs in at once
        await().atMost(Duration.ofSeconds(10)).until(() -> hashing.available() == idleSlots && hashing.waiting() == 0);
        Holders.login(holder.permitNumber(), Holders.PASSWORD, address).statusCode(200);
    }

    @Test
    void parallelLoginsOfSeveralHoldersAreAllAnswered() throws Exception {
        // issue 14: two logins settling at once could swap Hibernate Reactive's delete futures (500, or a login
        // never answered with its transaction holding the account's row lock)
        List<Holders.Imported> holders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            holders.add(Holders.imported(Holders.NAME, Holders.PASSWORD));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                Holders.Imported holder = holders.get(i % holders.size());
                answers.add(pool.submit(() -> Holders.loginBySsn(holder.socialSecurityNumber(), Holders.PASSWORD, Holders.newAddress())
                        .extract().statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsOnly(200);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The hashing slots themselves, to make the service busy. */
    private Semaphore slots() throws Exception {
        Field field = CredentialHashing.class.getDeclaredField("slots");
        field.setAccessible(true);
        return (Semaphore) field.get(ClientProxy.unwrap(hashing));
    }

    /**
     * Sends six requests one after the other, each on a connection of its own that is dropped (RST) as soon as its
     * credential hash runs; answers how many were cut while hashing rather than answered first.
     */
    private int cutSix(String path, String token, String address, String json) throws Exception {
        int cut = 0;
        for (int i = 0; i < 6; i++) {
            cut += cutMidHash(path, token, address, json) ? 1 : 0;
            await().atMost(Duration.ofSeconds(15)).until(() -> hashing.available() == idleSlots);
        }
        return cut;
    }

    private boolean cutMidHash(String path, String token, String address, String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "X-Forwarded-For: " + address + "\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + "Content-Length: " + body.length + "\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                if (hashing.available() < idleSlots) {
                    socket.setSoLinger(true, 0);
                    return true;
                }
                if (in.available() > 0) {
                    return false;
                }
                Thread.onSpinWait();
            }
            throw new AssertionError("neither a hash nor an answer within 10 s");
        }
    }
}
