package org.esscard.platform.crypto;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Installs the native ES256 provider first thing at start and says once which provider signs. */
@ApplicationScoped
public class SignatureProviderStartup {

    void onStart(@Observes @Priority(1) StartupEvent start) {
        Log.info(SignatureProvider.install());
    }
}
