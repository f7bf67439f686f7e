package org.esscard.permit.service.credential;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.esscard.permit.config.QrConfig;
import org.esscard.permit.repository.WorkPermit;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/** Signs the QR credentials of permits (R18) and verifies them, with the configured key ring. */
@ApplicationScoped
public class PermitCredentials {

    private final QrKeyRing keys;
    private final QrCredentialSigner screen;
    private final QrCredentialSigner letter;
    private final QrCredentialVerifier verifier;
    private final QrConfig.StatusLists lists;

    public PermitCredentials(QrConfig config, Clock clock) {
        this.lists = config.statusList();
        this.keys = ring(config);
        this.screen = new QrCredentialSigner(keys, config.ttl(), clock);
        this.letter = new QrCredentialSigner(keys, config.letterTtl(), clock);
        this.verifier = new QrCredentialVerifier(keys, clock, config.clockSkew());
    }

    /** The short-lived QR the app shows. */
    public SignedQr forScreen(WorkPermit permit) {
        return sign(screen, permit);
    }

    /** The QR printed in the Notification Letter, which the holder keeps. */
    public SignedQr forLetter(WorkPermit permit) {
        return sign(letter, permit);
    }

    /** Signature, expiry and key of a scanned QR; the permit's current status is the caller's to check. */
    public Verdict verify(String qrText) {
        return verifier.verify(qrText);
    }

    /** The public keys, for officers' apps that verify offline. */
    public Map<String, Object> jwks() {
        return keys.jwks();
    }

    /** The ring that signs codes and status lists alike. */
    public QrKeyRing keys() {
        return keys;
    }

    /** The uri of status list {@code n}, as codes name it and its token's {@code sub} says. */
    public String statusListUri(long n) {
        return lists.uriBase() + "/" + n;
    }

    private SignedQr sign(QrCredentialSigner signer, WorkPermit p) {
        StatusReference status = p.statusIndex == null ? null
                : new StatusReference(p.statusIndex, statusListUri(p.statusIndex / lists.size()));
        return signer.sign(p.permitNumber, p.holderName, p.nationality, p.talentCategory, p.validUntil, status);
    }

    private static QrKeyRing ring(QrConfig config) {
        if (config.keys().isEmpty()) {
            String kid = "generated-" + UUID.randomUUID().toString().substring(0, 8);
            Log.warnf("no QR signing key configured (esscard.permit.qr.keys): generated %s in memory; QR codes will"
                    + " not verify at other instances or after a restart. Configure keys in production.", kid);
            return QrKeyRing.generate(kid);
        }
        List<QrKeyRing.PemKey> pems = config.keys().entrySet().stream()
                .map(e -> QrKeyRing.PemKey.load(e.getKey(), e.getValue().privateKey().orElse(null), e.getValue().publicKey()))
                .toList();
        String active = config.activeKid().orElseThrow(() -> new IllegalArgumentException(
                "esscard.permit.qr.active-kid is required when esscard.permit.qr.keys are configured"));
        return QrKeyRing.of(pems, active);
    }
}
