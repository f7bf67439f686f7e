package org.esscard.account.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An access token as OAuth 2.0 clients expect it. */
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn) {

    public static TokenResponse bearer(String token, long expiresIn) {
        return new TokenResponse(token, "Bearer", expiresIn);
    }
}
