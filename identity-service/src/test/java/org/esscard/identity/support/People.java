package org.esscard.identity.support;

import java.util.concurrent.ThreadLocalRandom;

import org.esscard.platform.testing.SimulatorClient;

/** Fresh people, card and mobile numbers for each test, so limits and counters of one test never touch another's. */
public final class People {

    public static final String NAME = "SMITH JOHN-PAUL";

    private People() {
    }

    /** A work permit holder as the permit authority knows them. */
    public record Person(String permitNumber, String name, String passportNumber) {
    }

    public static Person newPerson() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new Person("W" + String.format("%014d", random.nextLong(100_000_000_000_000L)), NAME,
                "E" + String.format("%08d", random.nextInt(100_000_000)));
    }

    /** A China mobile number as identity-service writes it: +86 and 11 digits. */
    public static String newMobile() {
        return SimulatorClient.newMobile();
    }

    /** A 19-digit UnionPay card number (prefix 62) with a valid Luhn check digit. */
    public static String newCard() {
        return SimulatorClient.newUnionPayCard();
    }

    /** The check digit that makes {@code payload} + digit pass the Luhn check. */
    public static int luhnDigit(String payload) {
        return SimulatorClient.luhnDigit(payload);
    }
}
