package org.esscard.platform.privacy;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Not ready after a start until the erasure ledger has been replayed ({@link ErasureLedger}): a service started on a
 * restored database must not answer for a holder who was erased after the backup.
 */
@Readiness
@ApplicationScoped
public class ErasureLedgerReadinessCheck implements HealthCheck {

    private final ErasureLedger ledger;

    public ErasureLedgerReadinessCheck(ErasureLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("erasure-ledger").status(ledger.replayed()).withData("erasedAgain", ledger.lastErased());
        if (!ledger.replayed() && ledger.lastError() != null) {
            response.withData("error", ledger.lastError());
        }
        return response.build();
    }
}
