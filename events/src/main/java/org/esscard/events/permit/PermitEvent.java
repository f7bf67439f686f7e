package org.esscard.events.permit;

import java.util.Map;

import org.esscard.events.EventPayload;

/**
 * Every event of {@code permit-events}: each carries the permit as it is after the change, so a consumer that keeps
 * its own copy needs one code path for all of them ({@link #typeOf}, then {@link #permit()}).
 */
public sealed interface PermitEvent extends EventPayload
        permits PermitIssued, PermitUpdated, PermitCancelled, PermitExpired, PermitExpiring {

    /** The payload classes by CloudEvents type. */
    Map<String, Class<? extends PermitEvent>> TYPES = Map.of(
            PermitIssued.TYPE, PermitIssued.class,
            PermitUpdated.TYPE, PermitUpdated.class,
            PermitCancelled.TYPE, PermitCancelled.class,
            PermitExpired.TYPE, PermitExpired.class,
            PermitExpiring.TYPE, PermitExpiring.class);

    /** The payload class of a CloudEvents type, or null for a type this version does not know. */
    static Class<? extends PermitEvent> typeOf(String eventType) {
        return eventType == null ? null : TYPES.get(eventType);
    }

    /** The permit after the change. */
    PermitSnapshot permit();
}
