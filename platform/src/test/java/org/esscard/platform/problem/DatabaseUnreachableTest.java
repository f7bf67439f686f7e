package org.esscard.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** Which failures mean "the database is away, try again" (503) rather than a fault of ours (500). */
class DatabaseUnreachableTest {

    /** Shaped like the reactive client's PgException: a state through {@code getSqlState()}. */
    static final class ServerError extends RuntimeException {
        private final String state;

        ServerError(String state) {
            super("server said " + state);
            this.state = state;
        }

        public String getSqlState() {
            return state;
        }
    }

    static final class ClosedConnectionException extends RuntimeException {
    }

    @Test
    void aRefusedConnectionDeepInTheCausesIsTheDatabaseAway() {
        assertThat(ProblemMappers.databaseUnreachable(new IllegalStateException("pool", new RuntimeException(new ConnectException("refused")))))
                .isTrue();
        assertThat(ProblemMappers.databaseUnreachable(new RuntimeException(new ClosedConnectionException()))).isTrue();
    }

    @Test
    void connectionAndShutdownStatesAreTheDatabaseAway() {
        assertThat(ProblemMappers.databaseUnreachable(new SQLException("gone", "08006"))).isTrue();
        assertThat(ProblemMappers.databaseUnreachable(new ServerError("57P01"))).isTrue(); // admin shutdown
        assertThat(ProblemMappers.databaseUnreachable(new ServerError("57P03"))).isTrue(); // cannot connect now
    }

    @Test
    void everythingElseIsNot() {
        assertThat(ProblemMappers.databaseUnreachable(new SQLException("duplicate", "23505"))).isFalse();
        assertThat(ProblemMappers.databaseUnreachable(new ServerError("42P01"))).isFalse();
        assertThat(ProblemMappers.databaseUnreachable(new IllegalStateException("bug"))).isFalse();
        assertThat(ProblemMappers.databaseUnreachable(new NullPointerException())).isFalse();
    }
}
