package org.esscard.platform.token;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The verified-token cache ({@link VerifiedTokenCache}). */
@ConfigMapping(prefix = "esscard.token-cache")
public interface TokenCacheConfig {

    /**
     * Tokens held at most (about 2 KB each with their claims); 0 turns the cache off. Sized for the tokens of the
     * last 15 minutes a replica sees, not for all of them: an evicted token is only verified again.
     */
    @WithDefault("20000")
    int maximumSize();
}
