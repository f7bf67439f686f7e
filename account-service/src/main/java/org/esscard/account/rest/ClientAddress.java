package org.esscard.account.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The client address that attempt limits count against: the peer of the connection as Quarkus resolved it, which
 * is the gateway's {@code X-Forwarded-For} only when the peer is a configured trusted proxy
 * ({@code quarkus.http.proxy.*}, see the platform's defaults); a header from anyone else changes nothing.
 */
@ApplicationScoped
public class ClientAddress {

    /** Longer than any IPv6 text form: whatever a trusted proxy forwards stays a bounded counter key. */
    private static final int MAX_LENGTH = 64;

    public String of(HttpServerRequest request) {
        if (request.remoteAddress() == null || request.remoteAddress().hostAddress() == null) {
            return "unknown";
        }
        String address = request.remoteAddress().hostAddress();
        return address.length() > MAX_LENGTH ? address.substring(0, MAX_LENGTH) : address;
    }
}
