package org.esscard.permit.service.credential;

/** A freshly signed permit QR code: the text to render as the QR symbol, what it asserts and the key that signed it. */
public record SignedQr(String text, QrClaims claims, String kid) {
}
