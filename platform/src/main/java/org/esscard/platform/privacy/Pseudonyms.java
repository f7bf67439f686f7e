package org.esscard.platform.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What an erased holder's permit number becomes where a record must stay (the R6 face counter, audit rows): a keyed
 * hash (HMAC-SHA256 with a key every service shares and the databases do not hold), written {@code ~} and 19
 * hexadecimal digits. Twenty characters, so it fits every permit-number column, and never a permit number (they do
 * not start with {@code ~}). Without the key nobody can tell whose it is; with it a service finds the pseudonym of a
 * number it is given (the erasure ledger's replay, a permit issued again), never the other way round.
 */
@ApplicationScoped
public class Pseudonyms {

    static final String LOCAL_KEY = "local-only-pseudonym-key-change-me";
    private static final String ALGORITHM = "HmacSHA256";
    private static final String PREFIX = "~";
    private static final int DIGITS = 19;

    private final SecretKeySpec key;
    /**
     * One initialised Mac per thread: {@code Mac.getInstance} and {@code init} per number cost about as much again as the
     * hash (1,000,000 numbers: 460–1,035 ms against 220 ms), and the ledger's replay hashes every permit number a
     * service holds (docs/BENCHMARKS.md, the erasure ledger's replay).
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    @Inject
    public Pseudonyms(PrivacyConfig config) {
        this(config.pseudonymKey());
        if (LOCAL_KEY.equals(config.pseudonymKey()) && LaunchMode.current() == LaunchMode.NORMAL) {
            Log.warn("esscard.privacy.pseudonym-key is the local default: set ESSCARD_PRIVACY_PSEUDONYM_KEY from a secret in production");
        }
    }

    Pseudonyms(String key) {
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The pseudonyms of a key, outside a service (tools, the benchmarks). */
    public static Pseudonyms withKey(String key) {
        return new Pseudonyms(key);
    }

    /** The pseudonym of a work permit number. */
    public String of(String permitNumber) {
        byte[] digest = macs.get().doFinal(("permit:" + permitNumber).getBytes(StandardCharsets.UTF_8));
        return PREFIX + HexFormat.of().formatHex(digest, 0, (DIGITS + 1) / 2).substring(0, DIGITS);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " unavailable", e);
        }
    }
}
