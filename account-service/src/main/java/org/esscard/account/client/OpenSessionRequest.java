package org.esscard.account.client;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What identity-service needs to open a verification session: why, and who (permit number and passport name). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpenSessionRequest(String purpose, String permitNumber, String name, String accountId) {
}
