package org.esscard.permit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Rules of the permit records that the permit authority may change without a release. */
@ConfigMapping(prefix = "esscard.permit")
public interface PermitConfig {

    /** Regular expression every work permit number must match in full. */
    @WithDefault("[A-Z0-9]{8,20}")
    String numberPattern();

    /** How old the holder's PIN step-up (the token's {@code pin_at}) may be for permit services (R15). */
    @WithDefault("PT5M")
    java.time.Duration pinMaxAge();

    /** The longest import line (NDJSON or CSV), in characters; a longer one is rejected by number, unread. */
    @WithDefault("8192")
    int importMaxLineLength();
}
