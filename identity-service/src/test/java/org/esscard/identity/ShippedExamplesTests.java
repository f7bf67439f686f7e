package org.esscard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.esscard.events.Topics;
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

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyShippedPermitExampleBecomesTheSubjectItDescribes() throws Exception {
        String issued = People.newPerson().permitNumber();
        String extended = People.newPerson().permitNumber();
        String cancelled = People.newPerson().permitNumber();

        TestEvents.awaitProcessed(dataSource, TestEvents.publishExample(Topics.PERMIT_EVENTS, PermitIssued.class, Map.of(EXAMPLE_PERMIT, issued)));
        TestEvents.awaitProcessed(dataSource, TestEvents.publishExample(Topics.PERMIT_EVENTS, PermitUpdated.class, Map.of(EXAMPLE_PERMIT, extended)));
        TestEvents.awaitProcessed(dataSource, TestEvents.publishExample(Topics.PERMIT_EVENTS, PermitCancelled.class, Map.of(EXAMPLE_PERMIT, cancelled)));

        assertThat(row(issued)).isEqualTo("SMITH JOHN-PAUL 533380006 ACTIVE");
        assertThat(row(extended)).isEqualTo("SMITH JOHN-PAUL 533380006 ACTIVE");
        assertThat(row(cancelled)).isEqualTo("SMITH JOHN-PAUL 533380006 CANCELLED");
    }

    private String row(String permit) throws Exception {
        return Sql.string(dataSource, "select holder_name || ' ' || passport_number || ' ' || status from permit_subject where permit_number = ?", permit);
    }
}
