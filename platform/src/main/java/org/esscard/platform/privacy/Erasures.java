package org.esscard.platform.privacy;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esscard.events.erasure.ErasureCarriedOut;
import org.esscard.events.permit.HolderErased;
import org.esscard.platform.outbox.Outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * Carries out an erasure with the service's {@link HolderErasure} and reports it: an {@link ErasureCarriedOut} with
 * the rows per table goes to the erasure ledger through the outbox, in the same transaction. Logs name the pseudonym,
 * never the permit number.
 */
@ApplicationScoped
public class Erasures {

    private final Instance<HolderErasure> erasure;
    private final Pseudonyms pseudonyms;
    private final Outbox outbox;
    private final PrivacyConfig config;
    private final Clock clock;
    private final String service;
    private final MeterRegistry registry;

    /** Metric name (Prometheus: {@code esscard_erasures_total}), tagged {@code replay}: holders erased by this service. */
    public static final String ERASURES = "esscard.erasures";

    public Erasures(Instance<HolderErasure> erasure, Pseudonyms pseudonyms, Outbox outbox, PrivacyConfig config, Clock clock,
            @ConfigProperty(name = "quarkus.application.name", defaultValue = "esscard") String service, MeterRegistry registry) {
        this.registry = registry;
        this.erasure = erasure;
        this.pseudonyms = pseudonyms;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
        this.service = service;
    }

    /** Carries out a {@code HolderErased} in the current transaction (the consumer's, its inbox mark with it). */
    public Uni<ErasureCarriedOut> carryOut(HolderErased erased) {
        String pseudonym = pseudonyms.of(erased.permitNumber());
        if (!pseudonym.equals(erased.pseudonym())) {
            Log.errorf("erasure %s: this service's pseudonym of the permit is %s; esscard.privacy.pseudonym-key differs from"
                    + " permit-service's, so the ledger will not find this holder here after a restore", erased.pseudonym(), pseudonym);
        }
        return carryOut(erased.permitNumber(), false);
    }

    /** Erases the holder of {@code permitNumber} in the current transaction and reports it to the ledger. */
    public Uni<ErasureCarriedOut> carryOut(String permitNumber, boolean replay) {
        String pseudonym = pseudonyms.of(permitNumber);
        return erasure.get().erase(permitNumber, pseudonym).chain(rows -> {
            Map<String, Integer> counted = new TreeMap<>(rows);
            ErasureCarriedOut report = new ErasureCarriedOut(pseudonym, service, counted, replay, clock.instant());
            Log.infof("erasure of %s carried out%s: %s", pseudonym, replay ? " again (ledger replay after a restore)" : "", counted);
            // counted when the statements ran; a transaction that then fails is retried and counted again
            Counter.builder(ERASURES).tag("replay", String.valueOf(replay))
                    .description("Erasures of holders this service carried out (replay: again, after a restore)").register(registry).increment();
            return outbox.add(config.ledgerTopic(), report).replaceWith(report);
        });
    }
}
