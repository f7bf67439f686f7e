package org.esscard.account.rest;

import org.esscard.account.config.LoginConfig;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The client address that attempt limits count against: the first {@code X-Forwarded-For} hop, which the
 * gateway sets to the address it received the request from, or else the peer address of the connection.
 */
@ApplicationScoped
public class ClientAddress {

    private static final int MAX_LENGTH = 64;

    private final LoginConfig config;

    public ClientAddress(LoginConfig config) {
        this.config = config;
    }

    public String of(HttpServerRequest request) {
        if (config.trustForwardedFor()) {
            String forwarded = request.getHeader("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                String first = forwarded.split(",", 2)[0].strip();
                if (!first.isEmpty()) {
                    return first.length() > MAX_LENGTH ? first.substring(0, MAX_LENGTH) : first;
                }
            }
        }
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
