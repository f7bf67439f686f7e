package org.esscard.identity.rest;

import org.esscard.platform.problem.Problem;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Adds {@code Retry-After} to every problem that says when to retry ({@code retryAfterSeconds}: send limits,
 * unavailable vendors), so clients and gateways that know only HTTP wait too.
 */
public class RetryAfterHeader {

    @ServerResponseFilter
    public void retryAfter(ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem problem && problem.extensions() != null
                && problem.extensions().get("retryAfterSeconds") instanceof Number seconds) {
            response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, String.valueOf(seconds.longValue()));
        }
    }
}
