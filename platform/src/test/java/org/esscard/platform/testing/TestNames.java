package org.esscard.platform.testing;

import java.util.concurrent.ThreadLocalRandom;

/** Names and numbers no other test uses, so a scan for them (issue 18's, {@link Sql#rowsContaining}) finds only one test's. */
public final class TestNames {

    private TestNames() {
    }

    /** A passport name of capitals: {@code ERASED} and ten random letters. */
    public static String uniqueHolderName() {
        StringBuilder name = new StringBuilder("ERASED ");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 10; i++) {
            name.append((char) ('A' + random.nextInt(26)));
        }
        return name.toString();
    }

    /** A passport number: {@code P} and eight digits. */
    public static String uniquePassport() {
        return "P" + (10_000_000 + ThreadLocalRandom.current().nextInt(90_000_000));
    }
}
