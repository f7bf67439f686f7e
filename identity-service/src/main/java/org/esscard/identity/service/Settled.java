package org.esscard.identity.service;

import org.esscard.platform.problem.ProblemException;

/**
 * What a transaction settled: a value, or a refusal to answer with once the transaction has committed. A
 * failed attempt must be counted and audited, so it cannot roll back by throwing inside the transaction.
 */
record Settled<T>(T value, ProblemException problem) {

    static <T> Settled<T> of(T value) {
        return new Settled<>(value, null);
    }

    static <T> Settled<T> refused(ProblemException problem) {
        return new Settled<>(null, problem);
    }

    T orThrow() {
        if (problem != null) {
            throw problem;
        }
        return value;
    }
}
