package org.esscard.account.service.staff;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.esscard.account.config.StaffConfig;
import org.esscard.account.repository.StaffAccount;
import org.esscard.account.service.AccountError;
import org.esscard.account.service.credential.CredentialHashing;
import org.esscard.account.service.credential.PasswordHasher;
import org.esscard.account.service.credential.PasswordPolicy;
import org.esscard.account.service.login.AddressThrottling;
import org.esscard.account.service.login.LoginMetrics;
import org.esscard.account.service.token.SessionRevocations;
import org.esscard.account.service.token.TokenIssuer;
import org.esscard.events.account.SessionsRevoked;
import org.esscard.platform.problem.ProblemException;
import org.esscard.platform.revocation.RevocationCheck;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Staff accounts: kept in line with the configuration at start (created, updated, and disabled with their sessions
 * ended when no longer listed; enabled again when listed again), and their password login with a lockout per account.
 */
@ApplicationScoped
public class StaffService {

    static final Set<String> STAFF_GROUPS = Set.of("permit-authority", "exit-entry-officer", "support");
    static final String SUBJECT_PREFIX = "staff:";

    private final PasswordHasher hasher;
    private final CredentialHashing hashing;
    private final AddressThrottling throttle;
    private final StaffLockout lockout;
    private final TokenIssuer tokens;
    private final SessionRevocations sessions;
    private final Clock clock;
    private final LoginMetrics metrics;

    public StaffService(PasswordHasher hasher, CredentialHashing hashing, AddressThrottling throttle, StaffLockout lockout,
            TokenIssuer tokens, SessionRevocations sessions, Clock clock, LoginMetrics metrics) {
        this.hasher = hasher;
        this.hashing = hashing;
        this.throttle = throttle;
        this.lockout = lockout;
        this.tokens = tokens;
        this.sessions = sessions;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Creates each configured staff account, or resets its password and group when the configuration changed. */
    void bootstrap(@Observes StartupEvent start, StaffConfig config) throws Throwable {
        reconcile(config.accounts().orElse(List.of()));
    }

    /**
     * Brings the staff accounts in line with {@code entries} ({@code username:group:password} each), as at a start:
     * listed accounts are created, updated or enabled again; every other one is disabled and its tokens revoked.
     */
    public void reconcile(List<String> entries) throws Throwable {
        Set<String> listed = new HashSet<>();
        for (String entry : entries) {
            String[] parts = entry.split(":", 3);
            if (parts.length != 3 || parts[0].isBlank() || !STAFF_GROUPS.contains(parts[1]) || parts[2].isEmpty()) {
                throw new IllegalStateException("esscard.staff.accounts: each entry must be username:group:password with group one of "
                        + STAFF_GROUPS + "; got an entry for '" + (parts.length > 0 ? parts[0] : "") + "'");
            }
            listed.add(parts[0]);
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> upsert(parts[0], parts[1], parts[2])));
        }
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> disableUnlisted(listed)));
    }

    private Uni<Void> upsert(String username, String group, String password) {
        return StaffAccount.<StaffAccount>findById(username).chain(existing -> {
            OffsetDateTime now = now();
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
            if (existing.disabledAt != null) {
                existing.disabledAt = null;
                StaffLockout.clear(existing);
                existing.updatedAt = now;
                Log.infof("staff account %s (%s) enabled again: listed in the configuration", username, group);
            }
            return Uni.createFrom().voidItem();
        });
    }

    /** Disables every enabled account the configuration no longer lists, and ends all of its sessions. */
    private Uni<Void> disableUnlisted(Set<String> listed) {
        return StaffAccount.<StaffAccount>list("disabledAt is null").chain(enabled -> {
            Uni<Void> done = Uni.createFrom().voidItem();
            OffsetDateTime now = now();
            for (StaffAccount staff : enabled) {
                if (!listed.contains(staff.username)) {
                    staff.disabledAt = now;
                    staff.updatedAt = now;
                    Log.warnf("staff account %s (%s) disabled: no longer in the configuration; its tokens are revoked",
                            staff.username, staff.group);
                    done = done.chain(() -> sessions.revokeAll(SUBJECT_PREFIX + staff.username, SessionsRevoked.STAFF_REMOVED));
                }
            }
            return done;
        });
    }

    /**
     * Checks a staff password and issues a token. An unknown user, a disabled account, a locked account and a wrong
     * password get the same answer after the same hashing work, and failures count against the client address like
     * holders' logins, and against the account ({@link StaffLockout}) whatever the address.
     */
    public Uni<TokenIssuer.IssuedToken> login(String username, String password, String address) {
        return throttle.check(address)
                .onFailure().invoke(() -> metrics.failed(LoginMetrics.Kind.STAFF, LoginMetrics.Reason.ADDRESS_THROTTLED))
                .chain(() -> Panache.withSession(() -> StaffAccount.<StaffAccount>findById(username)))
                .chain(staff -> {
                    boolean unknown = staff == null || staff.disabledAt != null;
                    Uni<Boolean> reserved = unknown ? Uni.createFrom().item(false) : lockout.reserve(username);
                    return reserved.chain(checked -> {
                        if (!checked) {
                            // unknown, disabled or locked: the work of a check, then the answer of a wrong password
                            return hashing.decoy(password).chain(ignored -> refuse(address,
                                    unknown ? LoginMetrics.Reason.UNKNOWN_ACCOUNT : LoginMetrics.Reason.LOCKED));
                        }
                        return hashing.verifyPassword(password, staff.passwordHash)
                                .onFailure().call(() -> lockout.release(username))
                                .chain(matches -> lockout.settle(username, matches)
                                        .invoke(lockedOut -> {
                                            if (lockedOut) {
                                                metrics.lockedOut(LoginMetrics.Kind.STAFF);
                                            }
                                        })
                                        .chain(() -> matches ? Uni.createFrom().item(issue(staff))
                                                : refuse(address, LoginMetrics.Reason.WRONG_PASSWORD)));
                    });
                });
    }

    private TokenIssuer.IssuedToken issue(StaffAccount staff) {
        return tokens.issue(SUBJECT_PREFIX + staff.username, Set.of(staff.group), List.of("pwd"), Map.of(
                "preferred_username", staff.username,
                RevocationCheck.SESSION_ID, sessions.newSessionId().toString()));
    }

    private Uni<TokenIssuer.IssuedToken> refuse(String address, LoginMetrics.Reason reason) {
        return throttle.fail(address).invoke(() -> metrics.failed(LoginMetrics.Kind.STAFF, reason)).chain(() -> Uni.createFrom().failure(new ProblemException(AccountError.INVALID_CREDENTIALS)));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
