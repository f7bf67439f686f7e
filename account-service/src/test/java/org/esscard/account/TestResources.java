package org.esscard.account;

import org.esscard.account.support.IdentityServiceTestResource;
import org.esscard.platform.testing.KafkaTestResource;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * The processes every test of this module runs against, declared once: a resource with
 * {@code restrictToAnnotatedClass = false} applies to every test of the module, wherever it is declared, so each test
 * class need not repeat it (and all of them share one application start).
 */
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = IdentityServiceTestResource.class, restrictToAnnotatedClass = false)
public final class TestResources {

    private TestResources() {
    }
}
