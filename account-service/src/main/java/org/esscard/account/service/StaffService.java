package org.esscard.account.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Staff accounts: created from configuration at start, and their password login. */
@ApplicationScoped
public class StaffService {

    static final Set<String> STAFF_GROUPS = Set.of("permit-authority", "exit-entry-officer", "support");

    private final PasswordHasher hasher;
    private final CredentialHashing hashing;
    private final AddressThrottling throttle;
    private final TokenIssuer tokens;
    private final Clock clock;

    public StaffService(PasswordHasher hasher, CredentialHashing hashing, AddressThrottling throttle, TokenIssuer tokens, Clock clock) {
        this.hasher = hasher;
        this.hashing = hashing;
        this.throttle = throttle;
        this.tokens = tokens;
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
                staff.passwordHash = hasher.hash(PasswordPolicy.normalize(password));
                staff.createdAt = now;
                staff.updatedAt = now;
                Log.infof("staff account %s (%s) created from configuration", username, group);
                return staff.persist().replaceWithVoid();
            }
            if (!existing.group.equals(group) || !hasher.verify(PasswordPolicy.normalize(password), existing.passwordHash)) {
                existing.group = group;
                existing.passwordHash = hasher.hash(PasswordPolicy.normalize(password));
                existing.updatedAt = now;
                Log.infof("staff account %s (%s) updated from configuration", username, group);
            }
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * Checks a staff password and issues a token; the same answer for an unknown user and a wrong password, and
     * failures count against the client address like holders' logins.
     */
    public Uni<TokenIssuer.IssuedToken> login(String username, String password, String address) {
        return throttle.check(address)
                .chain(() -> Panache.withSession(() -> StaffAccount.<StaffAccount>findById(username)))
                // an unknown user costs a hash too, so timing does not tell who exists
                .chain(staff -> (staff == null ? hashing.decoy(password) : hashing.verifyPassword(password, staff.passwordHash))
                        .chain(matches -> {
                            if (staff == null || !matches) {
                                return throttle.fail(address)
                                        .chain(() -> Uni.createFrom().failure(new ProblemException(AccountError.INVALID_CREDENTIALS)));
                            }
                            return Uni.createFrom().item(tokens.issue("staff:" + staff.username, Set.of(staff.group), List.of("pwd"),
                                    Map.of("preferred_username", staff.username)));
                        }));
    }
}
