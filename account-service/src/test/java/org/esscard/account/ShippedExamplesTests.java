package org.esscard.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.esscard.account.support.Holders;
import org.esscard.events.Topics;
import org.esscard.events.identity.IdentityVerified;
import org.esscard.events.permit.HolderErased;
import org.esscard.events.permit.PermitCancelled;
import org.esscard.events.permit.PermitIssued;
import org.esscard.events.permit.PermitUpdated;
import org.esscard.platform.testing.Sql;
import org.esscard.platform.testing.TestEvents;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The examples {@code events} ships (events/README.md), fed to this service as their producers publish them: the
 * permit projection takes in each permit event, and a verification of a session no account here waits for is taken
 * in and ignored, not dead-lettered. An example that drifts from what the consumers read fails here.
 */
@QuarkusTest
class ShippedExamplesTests {

    private static final String EXAMPLE_PERMIT = "W3101202400012345";
    private static final String EXAMPLE_PSEUDONYM = "~5c1e0a9b7d3f2e8c4a6";
    private static final String EXAMPLE_SESSION = "9a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    org.esscard.platform.privacy.Pseudonyms pseudonyms;

    @Test
    void everyShippedPermitAndIdentityExampleIsTakenIn() throws Exception {
        String issued = Holders.newPermitNumber();
        String extended = Holders.newPermitNumber();
        String cancelled = Holders.newPermitNumber();

        TestEvents.awaitProcessed(dataSource, TestEvents.publishExample(Topics.PERMIT_EVENTS, PermitIssued.class, Map.of(EXAMPLE_PERMIT, issued)));
        TestEvents.awaitProcessed(dataSource, TestEvents.publishExample(Topics.PERMIT_EVENTS, PermitUpdated.class, Map.of(EXAMPLE_PERMIT, extended)));
        TestEvents.awaitProcessed(dataSource, TestEvents.publishExample(Topics.PERMIT_EVENTS, PermitCancelled.class, Map.of(EXAMPLE_PERMIT, cancelled)));
        String erased = Holders.newPermitNumber();
        TestEvents.awaitProcessed(dataSource, TestEvents.publishExample(Topics.PERMIT_EVENTS, PermitCancelled.class, Map.of(EXAMPLE_PERMIT, erased)));
        TestEvents.awaitProcessed(dataSource, TestEvents.publishExample(Topics.IDENTITY_EVENTS, IdentityVerified.class,
                Map.of(EXAMPLE_PERMIT, Holders.newPermitNumber(), EXAMPLE_SESSION, java.util.UUID.randomUUID().toString())));

        assertThat(row(issued)).isEqualTo("SMITH JOHN-PAUL ACTIVE 2025-10-31");
        assertThat(row(extended)).isEqualTo("SMITH JOHN-PAUL ACTIVE 2026-10-31");
        // the erasure's example, for another cancelled permit: nothing of it is left
        TestEvents.awaitProcessed(dataSource, TestEvents.publishExample(Topics.PERMIT_EVENTS, HolderErased.class,
                Map.of(EXAMPLE_PERMIT, erased, EXAMPLE_PSEUDONYM, pseudonyms.of(erased))));
        assertThat(Sql.rowsContaining(dataSource, erased)).isEmpty();

        assertThat(row(cancelled)).isEqualTo("SMITH JOHN-PAUL CANCELLED 2025-10-31");
    }

    private String row(String permit) throws Exception {
        return Sql.string(dataSource, "select holder_name || ' ' || status || ' ' || valid_until from permit_record where permit_number = ?", permit);
    }
}
