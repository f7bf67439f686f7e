package org.esscard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class EventTypesTest {

    /** Named after the producing service; {@code erasure}: the reports every service writes to the erasure ledger. */
    private static final String TYPE_PATTERN = "esscard\\.(permit|identity|account|erasure)\\.[A-Z][A-Za-z]+\\.v[1-9][0-9]*";

    @Test
    void everyTypeIsNamedAfterItsServiceAndRecord() throws ReflectiveOperationException {
        for (var entry : EventTypes.ALL.entrySet()) {
            String type = entry.getKey();
            Class<? extends EventPayload> payload = entry.getValue();

            assertThat(type).matches(TYPE_PATTERN);
            assertThat(type).contains("." + payload.getSimpleName() + ".v");
            assertThat(type).startsWith("esscard." + lastSegment(payload.getPackageName()) + ".");
            assertThat(payload.getField("TYPE").get(null)).as("%s.TYPE", payload.getSimpleName()).isEqualTo(type);
            assertThat(payload).isRecord();
        }
    }

    @Test
    void listsAtLeastTheEventsTheDesignAsksFor() {
        assertThat(EventTypes.ALL.values()).extracting(Class::getSimpleName).contains(
                "PermitIssued", "PermitUpdated", "PermitExpiring", "PermitExpired", "PermitCancelled",
                "IdentityVerified", "VerificationLocked", "AccountRegistered", "PasswordChanged");
    }

    @Test
    void everyTypeHasAnExample() {
        for (var payload : EventTypes.ALL.values()) {
            assertThat(Examples.read(payload)).as(Examples.resourceName(payload)).isNotBlank();
        }
    }

    @Test
    void everyExampleBelongsToAType() throws IOException, URISyntaxException {
        Path folder = Path.of(getClass().getClassLoader().getResource(Examples.FOLDER).toURI());
        List<String> names;
        try (Stream<Path> files = Files.list(folder)) {
            names = files.map(p -> p.getFileName().toString()).toList();
        }
        List<String> expected = EventTypes.ALL.values().stream().map(c -> c.getSimpleName() + ".json").toList();

        assertThat(names).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void topicsHaveTheirDefaultNames() {
        assertThat(List.of(Topics.PERMIT_EVENTS, Topics.IDENTITY_EVENTS, Topics.ACCOUNT_EVENTS))
                .containsExactly("permit-events", "identity-events", "account-events");
    }

    private static String lastSegment(String packageName) {
        return packageName.substring(packageName.lastIndexOf('.') + 1);
    }
}
