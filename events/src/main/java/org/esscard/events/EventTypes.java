package org.esscard.events;

import java.util.Map;

import org.esscard.events.account.AccountRegistered;
import org.esscard.events.account.NewDeviceLogin;
import org.esscard.events.account.PasswordChanged;
import org.esscard.events.account.SessionsRevoked;
import org.esscard.events.erasure.ErasureCarriedOut;
import org.esscard.events.identity.IdentityVerified;
import org.esscard.events.identity.VerificationLocked;
import org.esscard.events.permit.ErasureLifted;
import org.esscard.events.permit.ErasureRecorded;
import org.esscard.events.permit.HolderErased;
import org.esscard.events.permit.PermitCancelled;
import org.esscard.events.permit.PermitExpired;
import org.esscard.events.permit.PermitExpiring;
import org.esscard.events.permit.PermitIssued;
import org.esscard.events.permit.PermitUpdated;

/**
 * Every CloudEvents {@code type} of the suite, named {@code esscard.<service>.<Name>.v<N>}, and its payload record.
 */
public final class EventTypes {

    public static final String PERMIT_ISSUED = PermitIssued.TYPE;
    public static final String PERMIT_UPDATED = PermitUpdated.TYPE;
    public static final String PERMIT_EXPIRING = PermitExpiring.TYPE;
    public static final String PERMIT_EXPIRED = PermitExpired.TYPE;
    public static final String PERMIT_CANCELLED = PermitCancelled.TYPE;
    public static final String HOLDER_ERASED = HolderErased.TYPE;
    public static final String ERASURE_RECORDED = ErasureRecorded.TYPE;
    public static final String ERASURE_LIFTED = ErasureLifted.TYPE;
    public static final String ERASURE_CARRIED_OUT = ErasureCarriedOut.TYPE;

    public static final String IDENTITY_VERIFIED = IdentityVerified.TYPE;
    public static final String VERIFICATION_LOCKED = VerificationLocked.TYPE;

    public static final String ACCOUNT_REGISTERED = AccountRegistered.TYPE;
    public static final String PASSWORD_CHANGED = PasswordChanged.TYPE;
    public static final String SESSIONS_REVOKED = SessionsRevoked.TYPE;
    public static final String NEW_DEVICE_LOGIN = NewDeviceLogin.TYPE;

    /** Payload record by type, for consumers that dispatch on {@link CloudEvent#type()}. */
    public static final Map<String, Class<? extends EventPayload>> ALL = Map.ofEntries(
            Map.entry(PERMIT_ISSUED, PermitIssued.class),
            Map.entry(PERMIT_UPDATED, PermitUpdated.class),
            Map.entry(PERMIT_EXPIRING, PermitExpiring.class),
            Map.entry(PERMIT_EXPIRED, PermitExpired.class),
            Map.entry(PERMIT_CANCELLED, PermitCancelled.class),
            Map.entry(HOLDER_ERASED, HolderErased.class),
            Map.entry(ERASURE_RECORDED, ErasureRecorded.class),
            Map.entry(ERASURE_LIFTED, ErasureLifted.class),
            Map.entry(ERASURE_CARRIED_OUT, ErasureCarriedOut.class),
            Map.entry(IDENTITY_VERIFIED, IdentityVerified.class),
            Map.entry(VERIFICATION_LOCKED, VerificationLocked.class),
            Map.entry(ACCOUNT_REGISTERED, AccountRegistered.class),
            Map.entry(PASSWORD_CHANGED, PasswordChanged.class),
            Map.entry(SESSIONS_REVOKED, SessionsRevoked.class),
            Map.entry(NEW_DEVICE_LOGIN, NewDeviceLogin.class));

    private EventTypes() {
    }
}
