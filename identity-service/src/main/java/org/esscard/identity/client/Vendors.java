package org.esscard.identity.client;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The port to the identity vendors and the SMS gateway. Every answer comes back as a verdict or as
 * {@link VendorUnavailableException}, and on the caller's Vert.x context, where the next database step
 * (Hibernate Reactive) must run.
 */
@ApplicationScoped
public class Vendors {

    static final String ID_TYPE_PASSPORT = "PASSPORT";
    static final String MATCH = "MATCH";
    static final String SENDER = "identity-service";

    private final FaceVendor face;
    private final BankVendor bank;
    private final CarrierVendor carrier;
    private final SmsGateway sms;

    public Vendors(@RestClient FaceVendor face, @RestClient BankVendor bank, @RestClient CarrierVendor carrier,
            @RestClient SmsGateway sms) {
        this.face = face;
        this.bank = bank;
        this.carrier = carrier;
        this.sms = sms;
    }

    /** Whether the liveness capture behind {@code livenessTicket} is the person of {@code permitNumber} (R5). */
    public Uni<Boolean> faceMatches(String permitNumber, String name, String livenessTicket) {
        return guarded(VendorKind.FACE, face.compare(new FaceVendor.CompareRequest(permitNumber, name, livenessTicket))
                .map(FaceVendor.CompareResult::match));
    }

    /** Whether the bank confirms that the four elements belong together (R7). */
    public Uni<Boolean> bankCardMatches(String name, String passportNumber, String cardNumber, String mobile) {
        return guarded(VendorKind.BANK, bank.verify(new BankVendor.CheckRequest(name, ID_TYPE_PASSPORT, passportNumber, cardNumber, mobile))
                .map(result -> MATCH.equals(result.result())));
    }

    /** Whether the carrier confirms that {@code mobile} is registered to the person (R8). */
    public Uni<Boolean> mobileMatches(String name, String passportNumber, String mobile) {
        return guarded(VendorKind.CARRIER, carrier.verify(new CarrierVendor.CheckRequest(name, ID_TYPE_PASSPORT, passportNumber, mobile))
                .map(result -> MATCH.equals(result.result())));
    }

    /** Hands an SMS to the gateway. */
    public Uni<Void> sendSms(String mobile, String text) {
        return guarded(VendorKind.SMS, sms.send(new SmsGateway.SmsMessage(mobile, text, SENDER)).replaceWithVoid());
    }

    private static <T> Uni<T> guarded(VendorKind vendor, Uni<T> call) {
        Context context = Vertx.currentContext();
        Uni<T> answered = call.onFailure().transform(failure -> {
            // the exception's text names the vendor's address and status, never a request body
            Log.warnf("%s vendor gave no answer: %s", vendor, failure.toString());
            return new VendorUnavailableException(vendor, failure);
        });
        return context == null ? answered : answered.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
