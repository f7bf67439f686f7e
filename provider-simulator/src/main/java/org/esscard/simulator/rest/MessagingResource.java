package org.esscard.simulator.rest;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.esscard.simulator.service.Channel;
import org.esscard.simulator.service.Message;
import org.esscard.simulator.service.MessagingService;

/**
 * The SMS gateway and push service endpoints callers send to, and the read-back endpoints tests use.
 */
@Path("/sim")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "messaging", description = "Simulated SMS gateway and push service")
public class MessagingResource {

    private final MessagingService messaging;

    MessagingResource(MessagingService messaging) {
        this.messaging = messaging;
    }

    @POST
    @Path("/sms/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send an SMS", description = "202 when accepted; a scripted status when the sms channel is told to fail")
    public Response sendSms(@Valid @NotNull SmsRequest request) {
        Message message = messaging.sendSms(request.to(), request.text(), request.sender());
        return accepted(message);
    }

    @POST
    @Path("/push/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a push notification", description = "202 when accepted; a scripted status when the push channel is told to fail")
    public Response sendPush(@Valid @NotNull PushRequest request) {
        Message message = messaging.sendPush(request.to(), request.title(), request.body(), request.data());
        return accepted(message);
    }

    @GET
    @Path("/messages")
    @Operation(summary = "Messages received, oldest first", description = "Filtered by recipient and channel (sms or push) when given")
    public List<Message> received(@QueryParam("to") String to,
            @QueryParam("channel") @Pattern(regexp = "(?i)sms|push", message = "must be sms or push") String channel) {
        Channel only = channel == null ? null : Channel.fromKey(channel).orElseThrow();
        return messaging.received(to == null || to.isBlank() ? null : to, only);
    }

    @DELETE
    @Path("/messages")
    @Operation(summary = "Forget every message received")
    public Response clear() {
        messaging.clear();
        return Response.noContent().build();
    }

    private static Response accepted(Message message) {
        return Response.accepted(new Accepted(message.messageId(), message.acceptedAt())).build();
    }
}
