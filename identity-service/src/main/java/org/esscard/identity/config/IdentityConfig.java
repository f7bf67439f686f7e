package org.esscard.identity.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The verification limits; each is explained in {@code docs/IDENTITY.md}. */
@ConfigMapping(prefix = "esscard.identity")
public interface IdentityConfig {

    /** How long a verification session stays open. */
    @WithDefault("PT30M")
    Duration sessionTtl();

    /** How many bank-card checks, and how many mobile checks, one session may make (each is a vendor call). */
    @WithDefault("3")
    int checksPerMethod();

    /**
     * How long a vendor call holds its reserved attempt: longer than a call can take (5 s, two retries), so a reservation
     * of a request that died with its pod frees itself.
     */
    @WithDefault("PT30S")
    Duration vendorReservationTtl();

    /** Secret that keys the hashes of SMS codes and of mobile numbers in the send log. */
    String hashKey();

    Face face();

    Sms sms();

    BankCard bankCard();

    /** Facial recognition (R5, R6). */
    interface Face {

        /** Consecutive failures after which face closes for the person (R6). */
        @WithDefault("6")
        int maxConsecutiveFailures();
    }

    /** SMS verification codes. */
    interface Sms {

        /** How long a code can be used. */
        @WithDefault("PT5M")
        Duration codeTtl();

        /** Wrong entries after which a code is dead and a new one is needed. */
        @WithDefault("5")
        int maxWrongAttempts();

        /** Least time between two codes to the same number, or within the same session. */
        @WithDefault("PT60S")
        Duration minInterval();

        /** Codes one number may receive in any 24 hours. */
        @WithDefault("10")
        int maxPerNumberPerDay();

        /** Codes one session may send. */
        @WithDefault("5")
        int maxPerSession();
    }

    /** UnionPay cards issued in China (R7). */
    interface BankCard {

        /** The leading digits of UnionPay card numbers. */
        @WithDefault("62,81")
        List<String> prefixes();
    }
}
