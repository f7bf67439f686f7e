package org.esscard.platform.privacy;

import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;

/**
 * What one service does to erase a holder (issue 18); each service that keeps personal data about holders has one
 * bean of it. {@link Erasures} calls it for a {@code HolderErased} and for the ledger's replay after a restore.
 */
public interface HolderErasure {

    /**
     * Deletes, or pseudonymises where a row must stay, everything this service keeps about the holder of
     * {@code permitNumber}, in the caller's transaction. Rerunnable: a second run finds nothing and reports zeros.
     *
     * @return rows deleted or pseudonymised, per table
     */
    Uni<Map<String, Integer>> erase(String permitNumber, String pseudonym);

    /**
     * The permit numbers, in clear, under which this service keeps personal data now: the ledger's replay hashes each
     * one and erases those the ledger names.
     */
    Uni<List<String>> permitNumbers();
}
