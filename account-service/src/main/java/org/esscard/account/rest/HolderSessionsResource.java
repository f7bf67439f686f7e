package org.esscard.account.rest;

import java.util.List;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.esscard.account.service.AccountError;
import org.esscard.account.service.session.HolderSessions;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The holder's own sessions and logins (issue 18): where they are logged in, ending one or all of those sessions, and
 * the logins and failed attempts of the last 30 days, addresses masked.
 */
@Path("/api/accounts")
@RolesAllowed("holder")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Holder sessions", description = "Holder login, token refresh and logout")
public class HolderSessionsResource {

    private final HolderSessions sessions;
    private final JsonWebToken jwt;

    public HolderSessionsResource(HolderSessions sessions, JsonWebToken jwt) {
        this.sessions = sessions;
        this.jwt = jwt;
    }

    @GET
    @Path("/sessions")
    @Operation(operationId = "listSessions", summary = "Where I am logged in",
            description = "Each live session: its device (as the app names itself), whether the app identified the device,"
                    + " when it started and was last used (its last token refresh), the masked address it started from, and"
                    + " whether it is the one asking. Most recently used first.")
    public Uni<List<HolderSessions.LiveSession>> list() {
        return sessions.live(HolderPrincipal.accountId(jwt), HolderPrincipal.sessionId(jwt));
    }

    @DELETE
    @Path("/sessions/{sessionId}")
    @Operation(operationId = "endSession", summary = "End one of my sessions",
            description = "Its refresh token stops working at once and its access tokens at every service within seconds."
                    + " 204; 404 SESSION_NOT_FOUND when no live session of mine has this id.")
    @Extension(name = "x-problem-codes", value = "SESSION_NOT_FOUND")
    public Uni<Response> end(@PathParam("sessionId") String sessionId) {
        return sessions.end(HolderPrincipal.accountId(jwt), HolderPrincipal.ownId(sessionId, AccountError.SESSION_NOT_FOUND))
                .map(done -> Response.noContent().build());
    }

    @DELETE
    @Path("/sessions")
    @Operation(operationId = "endAllSessions", summary = "End all my sessions, this one included",
            description = "Every refresh token of the account stops working, every access token issued until now is refused"
                    + " at every service within seconds; the app logs in again. 204.")
    public Uni<Response> endAll() {
        return sessions.endAll(HolderPrincipal.accountId(jwt)).map(done -> Response.noContent().build());
    }

    @GET
    @Path("/logins")
    @Operation(operationId = "listLogins", summary = "My logins and failed attempts of the last 30 days",
            description = "Newest first, at most 200: when, whether it succeeded, the device and the masked address.")
    public Uni<List<HolderSessions.LoginAttempt>> logins() {
        return sessions.history(HolderPrincipal.accountId(jwt));
    }
}
