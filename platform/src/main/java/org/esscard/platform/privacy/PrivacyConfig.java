package org.esscard.platform.privacy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Erasure of holders (issue 18): the pseudonym key every service shares, and the erasure ledger. */
@ConfigMapping(prefix = "esscard.privacy")
public interface PrivacyConfig {

    /**
     * The key of {@link Pseudonyms}: the same in every service (the chart's secret {@code secrets.pseudonymKey}) and
     * never changed, or erased holders' pseudonyms no longer match the ledger and the R6 counters.
     */
    @WithDefault(Pseudonyms.LOCAL_KEY)
    String pseudonymKey();

    /** The compacted topic of {@code ErasureRecorded} and {@code ErasureCarriedOut}. */
    @WithDefault("erasure-ledger")
    String ledgerTopic();

    /** Off only for an application that keeps nothing about holders. */
    @WithDefault("true")
    boolean ledgerReplay();
}
