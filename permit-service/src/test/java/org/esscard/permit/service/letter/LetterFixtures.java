package org.esscard.permit.service.letter;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Random;

import org.esscard.events.permit.TalentCategory;

/** Letters and QR tokens shaped like the real ones, for the letter tests. */
final class LetterFixtures {

    static final String PERMIT_NUMBER = "WP2024000123";
    static final String LATIN_NAME = "O'NEIL-ÅSTRÖM MARÍA";
    static final String CHINESE_NAME = "王小明";
    static final String NATIONALITY = "SWE";
    static final String PASSPORT_MASKED = "P1*****89";
    static final String EMPLOYER = "Beijing Nordic Technology Co., Ltd. 北京北欧科技有限公司";
    static final String POSITION = "Senior Software Engineer";
    static final String WORK_CITY = "北京市 Beijing";
    static final LocalDate ISSUE_DATE = LocalDate.of(2024, 7, 1);
    static final LocalDate VALID_UNTIL = LocalDate.of(2026, 6, 30);
    static final Instant GENERATED_AT = Instant.parse("2025-03-14T08:30:15.123Z");
    /** The JWS header of the permit QR credential; the rest of a token is random base64url. */
    static final String TOKEN_PREFIX = "ESSC1:eyJhbGciOiJFUzI1NiIsImtpZCI6InFyLTEifQ.";

    private LetterFixtures() {
    }

    /** A token of exactly {@code length} characters: header, payload and a 64-byte ES256 signature. */
    static String token(int length, long seed) {
        Random random = new Random(seed);
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        byte[] signature = new byte[64];
        random.nextBytes(signature);
        String sig = "." + base64url.encodeToString(signature);
        byte[] payload = new byte[length];
        random.nextBytes(payload);
        String body = base64url.encodeToString(payload).substring(0, length - TOKEN_PREFIX.length() - sig.length());
        return TOKEN_PREFIX + body + sig;
    }

    static LetterContent letter(TalentCategory category, String holderName) {
        return new LetterContent(PERMIT_NUMBER, holderName, NATIONALITY, PASSPORT_MASKED, EMPLOYER, POSITION, WORK_CITY,
                category, ISSUE_DATE, VALID_UNTIL, token(450, 7), GENERATED_AT);
    }
}
