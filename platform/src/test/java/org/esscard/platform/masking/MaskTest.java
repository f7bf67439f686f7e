package org.esscard.platform.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/** Passport, card and phone numbers never reach a log line whole. */
class MaskTest {

    private static final String UNIONPAY_CARD = "6222021234567890128"; // 19 digits, Luhn-valid
    private static final String MOBILE = "13800138000";

    @Test
    void passportKeepsTwoCharactersEachEnd() {
        assertThat(Mask.passport("E12345678")).isEqualTo("E1*****78");
        assertThat(Mask.passport("AB1")).isEqualTo("***");
    }

    @Test
    void cardKeepsTheLastFourDigits() {
        assertThat(Mask.card(UNIONPAY_CARD)).isEqualTo("***************0128");
    }

    @Test
    void addressKeepsTheNetworkNotTheHost() {
        assertThat(Mask.address("203.0.113.25")).isEqualTo("203.0.113.*");
        assertThat(Mask.address("2001:db8:85a3:8d3:1319:8a2e:370:7348")).isEqualTo("2001:db8:85a3:8d3::*");
        assertThat(Mask.address("2001:db8::1")).isEqualTo("2001:db8::*");
        assertThat(Mask.address("not-an-address")).isEqualTo("**************");
        assertThat(Mask.address(null)).isNull();
    }

    @Test
    void phoneKeepsPrefixAndLastFour() {
        assertThat(Mask.phone("+86" + MOBILE)).isEqualTo("+86138****8000");
        assertThat(Mask.phone(MOBILE)).isEqualTo("138****8000");
    }

    @Test
    void scrubMasksCardsAndMobilesInFreeText() {
        String line = "bank check for card " + UNIONPAY_CARD + " and mobile +86" + MOBILE + " (also " + MOBILE + ")";
        String scrubbed = Mask.scrub(line);
        assertThat(scrubbed).doesNotContain(UNIONPAY_CARD).doesNotContain(MOBILE)
                .contains("***************0128").contains("+86138****8000").contains("138****8000");
    }

    @Test
    void scrubLeavesNumbersThatAreNotCardsOrMobiles() {
        String permitLine = "permit 1234567890123456 issued, order 42";
        assertThat(Mask.luhnValid("1234567890123456")).isFalse();
        assertThat(Mask.scrub(permitLine)).isEqualTo(permitLine);
    }

    @Test
    void logFilterRewritesRecordsHoldingACardNumber() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "verifying card %s for %s", ExtLogRecord.FormatStyle.PRINTF,
                MaskTest.class.getName());
        record.setParameters(new Object[] { UNIONPAY_CARD, "+86" + MOBILE });

        boolean loggable = new MaskingLogFilter().isLoggable(record);

        assertThat(loggable).isTrue();
        assertThat(record.getFormattedMessage()).isEqualTo("verifying card ***************0128 for +86138****8000");
    }

    @Test
    void logFilterMasksNumbersInLoggedExceptions() {
        ExtLogRecord record = new ExtLogRecord(Level.SEVERE, "bank call failed", MaskTest.class.getName());
        record.setThrown(new IllegalStateException("outer", new RuntimeException("card " + UNIONPAY_CARD + " refused")));

        new MaskingLogFilter().isLoggable(record);

        java.io.StringWriter printed = new java.io.StringWriter();
        record.getThrown().printStackTrace(new java.io.PrintWriter(printed));
        assertThat(printed.toString()).doesNotContain(UNIONPAY_CARD)
                .contains("java.lang.RuntimeException: card ***************0128 refused")
                .contains("at org.esscard.platform.masking.MaskTest");
    }
}
