package org.esscard.identity.service.session;

import org.esscard.platform.problem.ProblemException;

/**
 * What a transaction settled: a value, or a refusal to answer with once the transaction has committed. A
 * failed attempt must be counted and audited, so it cannot roll back by throwing inside the transaction.
 */
public record Settled<T>(T value, ProblemException problem) {

    public static <T> Settled<T> of(T value) {
        return new Settled<>(value, null);
    }

    public static <T> Settled<T> refused(ProblemException problem) {
        return new Settled<>(null, problem);
    }

    public T orThrow() {
        if (problem != null) {
            throw problem;
        }
        return value;
    }
}
