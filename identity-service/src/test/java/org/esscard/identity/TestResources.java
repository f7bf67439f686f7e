package org.esscard.identity;

import org.esscard.platform.testing.KafkaTestResource;
import org.esscard.platform.testing.ProviderSimulatorTestResource;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * The processes every test of this module runs against, declared once: a resource with
 * {@code restrictToAnnotatedClass = false} applies to every test of the module, wherever it is declared, so each test
 * class need not repeat it (and all of them share one application start).
 */
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ProviderSimulatorTestResource.class, restrictToAnnotatedClass = false)
public final class TestResources {

    private TestResources() {
    }
}
