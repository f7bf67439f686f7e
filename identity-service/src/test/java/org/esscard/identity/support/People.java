package org.esscard.identity.support;

import java.util.concurrent.ThreadLocalRandom;

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
        return "+86139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** A 19-digit UnionPay card number (prefix 62) with a valid Luhn check digit. */
    public static String newCard() {
        StringBuilder digits = new StringBuilder("62");
        while (digits.length() < 18) {
            digits.append(ThreadLocalRandom.current().nextInt(10));
        }
        return digits.append(luhnDigit(digits.toString())).toString();
    }

    /** The check digit that makes {@code payload} + digit pass the Luhn check. */
    public static int luhnDigit(String payload) {
        int sum = 0;
        boolean doubled = true;
        for (int i = payload.length() - 1; i >= 0; i--) {
            int d = payload.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return (10 - sum % 10) % 10;
    }
}
