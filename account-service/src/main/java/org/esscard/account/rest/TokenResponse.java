package org.esscard.account.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** An access token (and for holders' logins a refresh token) as OAuth 2.0 clients expect it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("refresh_expires_in") Long refreshExpiresIn) {

    public static TokenResponse bearer(String token, long expiresIn) {
        return new TokenResponse(token, "Bearer", expiresIn, null, null);
    }

    public static TokenResponse bearer(String token, long expiresIn, String refreshToken, long refreshExpiresIn) {
        return new TokenResponse(token, "Bearer", expiresIn, refreshToken, refreshExpiresIn);
    }
}
