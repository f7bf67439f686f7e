package org.esscard.benchmarks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Data the load needs, put in through the services' own APIs: holders by support import, permits by the authority. */
public final class Seed {

    private static final int WRITERS = 8;

    private Seed() {
    }

    public static String staffLogin(Target target, String username, String password) {
        return Http.postJson(target.accountUrl() + "/api/accounts/staff/login", null,
                "{\"username\":" + Http.json(username) + ",\"password\":" + Http.json(password) + "}").expect(200).field("access_token");
    }

    /**
     * {@code count} active holders who log in with a social security number and {@link Target#PASSWORD}; their numbers.
     * Support's import links each to a permit record of its own (issue 13: an SSN reaches an account only with a
     * verified person), so the authority issues one permit per holder first, numbered {@code B} + run + six digits.
     */
    public static List<String> holders(Target target, String runId, int count) throws Exception {
        String support = staffLogin(target, "support", "Support#2026");
        String authority = staffLogin(target, "authority", "Authority#2026");
        String hash = HashBound.phc(Target.PASSWORD);
        String validUntil = LocalDate.now().plusYears(1).toString();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // 18 characters: 8 of the run, 9 of the holder, a final X
            numbers.add(runId + String.format("%09d", i) + "X");
        }
        parallel(numbers, ssn -> {
            String permit = "B" + ssn.substring(0, 17);
            String name = "BENCH HOLDER " + ssn;
            Http.postJson(target.permitUrl() + "/api/permits", authority,
                    "{\"permitNumber\":\"" + permit + "\",\"holderName\":\"" + name + "\",\"passportNumber\":\"P" + ssn.substring(8, 17)
                            + "\",\"nationality\":\"GBR\",\"talentCategory\":\"B\",\"validUntil\":\"" + validUntil + "\"}").expect(201);
            String body = "{\"holderName\":\"" + name + "\",\"permitNumber\":\"" + permit + "\",\"socialSecurityNumber\":\"" + ssn
                    + "\",\"passwordHash\":" + Http.json(hash) + "}";
            // account-service learns the permit from permit-events: until then the import is IMPORT_NOT_MATCHED
            long deadline = System.nanoTime() + 30_000_000_000L;
            Http.Answer answer = Http.postJson(target.accountUrl() + "/api/accounts/support/holders", support, body);
            while (answer.status() == 400 && answer.body().contains("IMPORT_NOT_MATCHED") && System.nanoTime() < deadline) {
                Thread.sleep(50);
                answer = Http.postJson(target.accountUrl() + "/api/accounts/support/holders", support, body);
            }
            answer.expect(201);
        });
        return numbers;
    }

    /** {@code count} active permits valid for a year, numbered {@code prefix} + six digits; their numbers. */
    public static List<String> permits(Target target, String prefix, int count) throws Exception {
        String authority = staffLogin(target, "authority", "Authority#2026");
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            numbers.add(prefix + String.format("%06d", i));
        }
        String validUntil = LocalDate.now().plusYears(1).toString();
        parallel(numbers, number -> Http.postJson(target.permitUrl() + "/api/permits", authority,
                "{\"permitNumber\":\"" + number + "\",\"holderName\":\"SMITH JOHN-PAUL\",\"passportNumber\":\"533380006\","
                        + "\"nationality\":\"GBR\",\"talentCategory\":\"B\",\"validUntil\":\"" + validUntil + "\"}").expect(201));
        return numbers;
    }

    private interface Call {
        void run(String item) throws Exception;
    }

    private static void parallel(List<String> items, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (String item : items) {
                all.add(pool.submit(() -> {
                    call.run(item);
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
