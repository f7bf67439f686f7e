package org.esscard.account.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Staff accounts to create at start, each {@code username:group:password}. */
@ConfigMapping(prefix = "esscard.staff")
public interface StaffConfig {

    Optional<List<String>> accounts();
}
