package org.esscard.identity.service.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.esscard.identity.config.IdentityConfig;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keyed hashes (HMAC-SHA256) of what must be compared but not kept: SMS codes, and mobile numbers in the send
 * log. A 6-digit code has a million values, so a plain hash would be reversed in a moment; the key is not in
 * the database.
 */
@ApplicationScoped
public class Hashing {

    private static final String ALGORITHM = "HmacSHA256";
    private static final String LOCAL_KEY_PREFIX = "local-only";

    private final SecretKeySpec key;

    public Hashing(IdentityConfig config) {
        this.key = new SecretKeySpec(config.hashKey().getBytes(StandardCharsets.UTF_8), ALGORITHM);
        if (config.hashKey().startsWith(LOCAL_KEY_PREFIX) && LaunchMode.current() == LaunchMode.NORMAL) {
            Log.warn("esscard.identity.hash-key is the local default: set ESSCARD_IDENTITY_HASH_KEY from a secret in production");
        }
    }

    /** The stored form of {@code code} sent in {@code session}. */
    public String code(UUID session, String code) {
        return hmac("sms-code:" + session + ":" + code);
    }

    /** Whether {@code code} is the one whose stored form is {@code hash}; in constant time. */
    public boolean codeMatches(UUID session, String code, String hash) {
        return MessageDigest.isEqual(code(session, code).getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII));
    }

    /** The key of a mobile number ({@code +86...}) in the send log. */
    public String number(String mobile) {
        return hmac("mobile:" + mobile);
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " unavailable", e);
        }
    }
}
