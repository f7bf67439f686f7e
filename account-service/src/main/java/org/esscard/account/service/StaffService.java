package org.esscard.account.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.esscard.account.config.StaffConfig;
import org.esscard.account.repository.StaffAccount;
import org.esscard.account.rest.AccountError;
import org.esscard.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Staff accounts: created from configuration at start, and their password login. */
@ApplicationScoped
public class StaffService {

    static final Set<String> STAFF_GROUPS = Set.of("permit-authority", "exit-entry-officer", "support");

    private final PasswordHasher hasher;
    private final TokenIssuer tokens;
    private final Vertx vertx;
    private final Clock clock;
    private final String unknownUserHash;

    public StaffService(PasswordHasher hasher, TokenIssuer tokens, Vertx vertx, Clock clock) {
        this.hasher = hasher;
        this.unknownUserHash = hasher.hash(java.util.UUID.randomUUID().toString());
        this.tokens = tokens;
        this.vertx = vertx;
        this.clock = clock;
    }

    /** Creates each configured staff account, or resets its password and group when the configuration changed. */
    void bootstrap(@Observes StartupEvent start, StaffConfig config) throws Throwable {
        for (String entry : config.accounts().orElse(List.of())) {
            String[] parts = entry.split(":", 3);
            if (parts.length != 3 || parts[0].isBlank() || !STAFF_GROUPS.contains(parts[1]) || parts[2].isEmpty()) {
                throw new IllegalStateException("esscard.staff.accounts: each entry must be username:group:password with group one of "
                        + STAFF_GROUPS + "; got an entry for '" + (parts.length > 0 ? parts[0] : "") + "'");
            }
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> upsert(parts[0], parts[1], parts[2])));
        }
    }

    private Uni<Void> upsert(String username, String group, String password) {
        return StaffAccount.<StaffAccount>findById(username).chain(existing -> {
            OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
            if (existing == null) {
                StaffAccount staff = new StaffAccount();
                staff.username = username;
                staff.group = group;
                staff.passwordHash = hasher.hash(password);
                staff.createdAt = now;
                staff.updatedAt = now;
                Log.infof("staff account %s (%s) created from configuration", username, group);
                return staff.persist().replaceWithVoid();
            }
            if (!existing.group.equals(group) || !hasher.verify(password, existing.passwordHash)) {
                existing.group = group;
                existing.passwordHash = hasher.hash(password);
                existing.updatedAt = now;
                Log.infof("staff account %s (%s) updated from configuration", username, group);
            }
            return Uni.createFrom().voidItem();
        });
    }

    /** Checks a staff password and issues a token; the same answer for an unknown user and a wrong password. */
    public Uni<TokenIssuer.IssuedToken> login(String username, String password) {
        return Panache.withSession(() -> StaffAccount.<StaffAccount>findById(username))
                .chain(staff -> vertx.executeBlocking(() -> {
                    // an unknown user costs a hash too, so timing does not tell who exists
                    boolean matches = hasher.verify(password, staff != null ? staff.passwordHash : unknownUserHash);
                    if (staff == null || !matches) {
                        throw new ProblemException(AccountError.INVALID_CREDENTIALS);
                    }
                    return tokens.issue("staff:" + staff.username, Set.of(staff.group), List.of("pwd"),
                            Map.of("preferred_username", staff.username));
                }, false));
    }
}
