package org.esscard.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The {@code data} of an event: every payload record names its CloudEvents type and subject.
 */
public interface EventPayload {

    /** The CloudEvents {@code type}, e.g. {@code esscard.permit.PermitIssued.v1}; also the record's {@code TYPE}. */
    @JsonIgnore
    String eventType();

    /** The CloudEvents {@code subject}: the aggregate id, also the Kafka record key. */
    @JsonIgnore
    String subject();
}
