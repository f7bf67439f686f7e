package org.esscard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.esscard.events.Topics;
import org.esscard.events.permit.HolderErased;
import org.esscard.events.permit.PermitCancelled;
import org.esscard.events.permit.PermitIssued;
import org.esscard.events.permit.PermitUpdated;
import org.esscard.identity.support.People;
import org.esscard.platform.testing.Sql;
import org.esscard.platform.testing.TestEvents;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The permit examples {@code events} ships (events/README.md), fed to this service as permit-service publishes them:
 * each becomes the subject sessions are opened for. An example that drifts from what the consumer reads fails here.
 */
@QuarkusTest
class ShippedExamplesTests {

    private static final String EXAMPLE_PERMIT = "W3101202400012345";
    private static final String EXAMPLE_PSEUDONYM = "~5c1e0a9b7d3f2e8c4a6";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    org.esscard.platform.privacy.Pseudonyms pseudonyms;

    @Test
    void everyShippedPermitExampleBecomesTheSubjectItDescribes() throws Exception {
        String issued = People.newPerson().permitNumber();
        String extended = People.newPerson().permitNumber();
        String cancelled = People.newPerson().permitNumber();

        TestEvents.awaitProcessed(dataSource, TestEvents.publishExample(Topics.PERMIT_EVENTS, PermitIssued.class, Map.of(EXAMPLE_PERMIT, issued)));
        TestEvents.awaitProcessed(dataSource, TestEvents.publishExample(Topics.PERMIT_EVENTS, PermitUpdated.class, Map.of(EXAMPLE_PERMIT, extended)));
        TestEvents.awaitProcessed(dataSource, TestEvents.publishExample(Topics.PERMIT_EVENTS, PermitCancelled.class, Map.of(EXAMPLE_PERMIT, cancelled)));
        String erased = People.newPerson().permitNumber();
        TestEvents.awaitProcessed(dataSource, TestEvents.publishExample(Topics.PERMIT_EVENTS, PermitCancelled.class, Map.of(EXAMPLE_PERMIT, erased)));

        assertThat(row(issued)).isEqualTo("SMITH JOHN-PAUL 533380006 ACTIVE");
        assertThat(row(extended)).isEqualTo("SMITH JOHN-PAUL 533380006 ACTIVE");
        // the erasure's example, for another cancelled permit: nothing of it is left
        TestEvents.awaitProcessed(dataSource, TestEvents.publishExample(Topics.PERMIT_EVENTS, HolderErased.class,
                Map.of(EXAMPLE_PERMIT, erased, EXAMPLE_PSEUDONYM, pseudonyms.of(erased))));
        assertThat(Sql.rowsContaining(dataSource, erased)).isEmpty();

        assertThat(row(cancelled)).isEqualTo("SMITH JOHN-PAUL 533380006 CANCELLED");
    }

    private String row(String permit) throws Exception {
        return Sql.string(dataSource, "select holder_name || ' ' || passport_number || ' ' || status from permit_subject where permit_number = ?", permit);
    }
}
