package org.esscard.account.service.credential;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Argon2id at OWASP parameters; a pepper changes the hash; an imported hash must be no weaker. */
class PasswordHasherTest {

    private static final byte[] PEPPER = "pepper".getBytes(StandardCharsets.UTF_8);
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesAtOwaspParametersAndVerifies() {
        String hash = hasher.hash("Secret#2026");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hasher.verify("Secret#2026", hash)).isTrue();
        assertThat(hasher.verify("Secret#2027", hash)).isFalse();
    }

    @Test
    void R15_aPepperedPinOnlyVerifiesWithThePepper() {
        String hash = hasher.hash("204816", PEPPER);
        assertThat(hasher.verify("204816", hash, PEPPER)).isTrue();
        assertThat(hasher.verify("204816", hash)).isFalse();
        assertThat(hasher.verify("204816", hash, "other".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void importedHashesMustBeArgon2idNoWeakerThanOwasp() {
        assertThat(PasswordHasher.isArgon2id(hasher.hash("x"))).isTrue();
        assertThat(PasswordHasher.isArgon2id("$argon2id$v=19$m=4096,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNo")).isFalse();
        assertThat(PasswordHasher.isArgon2id("$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW")).isFalse();
        assertThat(hasher.verify("x", "not a hash")).isFalse();
    }
}
