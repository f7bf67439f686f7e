package org.esscard.identity.client;

/**
 * A vendor did not give an answer: it timed out, failed, refused the call, or its circuit breaker is open.
 * Nothing about the person follows from it, so nothing is counted.
 */
public class VendorUnavailableException extends RuntimeException {

    private final VendorKind vendor;

    public VendorUnavailableException(VendorKind vendor, Throwable cause) {
        super(vendor + " vendor unavailable: " + cause, cause);
        this.vendor = vendor;
    }

    public VendorKind vendor() {
        return vendor;
    }
}
