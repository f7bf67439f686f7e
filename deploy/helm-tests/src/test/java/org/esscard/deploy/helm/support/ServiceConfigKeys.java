package org.esscard.deploy.helm.support;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The configuration keys a service reads, gathered from its sources: the keys of its
 * {@code application.properties}, of the platform's {@code microprofile-config.properties} (the four services
 * only), the {@code @ConfigMapping} interfaces and the {@code @ConfigProperty} names of both. A map member
 * of a mapping becomes a {@code *} segment. Environment variable names are matched with SmallRye Config's
 * rule: every character that is not a letter or digit becomes {@code _}, and the name is upper case.
 */
public final class ServiceConfigKeys {

    /** Read by the JVM, not by the application's configuration. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    /**
     * Keys of the reactive PostgreSQL extension every service includes, which no service file mentions: the
     * chart sets them for verified TLS to PostgreSQL (postgres.tls). Checked against a running permit-service
     * and a TLS-only PostgreSQL: without them the reactive client refuses verify-full.
     */
    private static final Set<String> DATASOURCE_TLS_KEYS = Set.of(
            "quarkus.datasource.reactive.trust-certificate-pem",
            "quarkus.datasource.reactive.trust-certificate-pem.certs",
            "quarkus.datasource.reactive.hostname-verification-algorithm");

    /**
     * Kafka client settings that no service file mentions: every {@code kafka.*} key goes to the connector's channels
     * and the platform's own clients as it is (KafkaClientConfig), and the chart sets these for the SCRAM login of
     * its Strimzi listener (KafkaAclsOnABrokerTests uses the same three on a broker).
     */
    private static final Set<String> KAFKA_LOGIN_KEYS = Set.of("kafka.security.protocol", "kafka.sasl.mechanism", "kafka.sasl.jaas.config");

    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\s*\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern METHOD = Pattern.compile(
            "((?:@[\\w.]+(?:\\([^)]*\\))?\\s+)*)([\\w.]+(?:<[^;(){}]*>)?)\\s+(\\w+)\\s*\\(\\s*\\)\\s*;");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\s*\\(\\s*\"([^\"]+)\"\\s*\\)");

    private final String service;
    private final Set<String> keys;

    private ServiceConfigKeys(String service, Set<String> keys) {
        this.service = service;
        this.keys = keys;
    }

    /** The keys of a module of the repository, e.g. permit-service or provider-simulator. */
    public static ServiceConfigKeys of(Path root, String module) {
        Set<String> keys = new TreeSet<>();
        List<Path> sourceRoots = new ArrayList<>(List.of(root.resolve(module)));
        if (module.endsWith("-service")) {
            sourceRoots.add(root.resolve("platform"));
            keys.addAll(DATASOURCE_TLS_KEYS);
            keys.addAll(KAFKA_LOGIN_KEYS);
        }
        for (Path moduleRoot : sourceRoots) {
            Path resources = moduleRoot.resolve("src/main/resources");
            keys.addAll(propertyKeys(resources.resolve("application.properties")));
            keys.addAll(propertyKeys(resources.resolve("META-INF/microprofile-config.properties")));
            for (Path java : javaFiles(moduleRoot.resolve("src/main/java"))) {
                String source = read(java);
                keys.addAll(mappingKeys(source));
                Matcher property = CONFIG_PROPERTY.matcher(source);
                while (property.find()) {
                    keys.add(property.group(1));
                }
            }
        }
        return new ServiceConfigKeys(module, keys);
    }

    public String service() {
        return service;
    }

    public Set<String> keys() {
        return keys;
    }

    /** The key an environment variable sets, if the service reads one by that name. */
    public Optional<String> keyForEnv(String name) {
        if (JVM_VARIABLES.contains(name)) {
            return Optional.of(name);
        }
        return keys.stream().filter(key -> envPattern(key).matcher(name).matches()).findFirst();
    }

    /** Whether a key of a mounted properties file is one the service reads (map keys may be quoted). */
    public boolean readsKey(String key) {
        return keys.stream().anyMatch(known -> keyPattern(known).matcher(key).matches());
    }

    public static String toEnv(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static Pattern envPattern(String key) {
        String[] parts = key.split("\\*", -1);
        return Pattern.compile(Stream.of(parts).map(p -> Pattern.quote(toEnv(p))).collect(Collectors.joining("[A-Z0-9_]+")));
    }

    private static Pattern keyPattern(String key) {
        String[] parts = key.split("\\*", -1);
        return Pattern.compile(Stream.of(parts).map(Pattern::quote).collect(Collectors.joining("(?:\"[^\"]+\"|[^.\"]+)")));
    }

    static Set<String> propertyKeys(Path file) {
        if (!Files.exists(file)) {
            return Set.of();
        }
        return propertyKeys(new StringReader(read(file)));
    }

    public static Set<String> propertyKeys(Reader text) {
        Properties properties = new Properties();
        try {
            properties.load(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // "%test.x" and "%dev,test.x" configure x in a profile
        return properties.stringPropertyNames().stream()
                .map(k -> k.startsWith("%") ? k.substring(k.indexOf('.') + 1) : k)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Keys of a {@code @ConfigMapping} interface: its members, nested groups and map members. */
    static Set<String> mappingKeys(String source) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
        Matcher mapping = MAPPING.matcher(code);
        Set<String> keys = new TreeSet<>();
        if (mapping.find()) {
            int open = code.indexOf('{', mapping.end());
            collect(mapping.group(1), block(code, open), keys);
        }
        return keys;
    }

    private static void collect(String prefix, String body, Set<String> keys) {
        // the interface's own members, with nested interfaces cut out and kept by name
        StringBuilder members = new StringBuilder();
        java.util.Map<String, String> nested = new java.util.HashMap<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '{') {
                if (depth == 0) {
                    String head = body.substring(start, i);
                    Matcher name = Pattern.compile("interface\\s+(\\w+)").matcher(head);
                    String block = block(body, i);
                    if (name.find()) {
                        nested.put(name.group(1), block);
                        members.append(head, 0, name.start());
                    } else {
                        members.append(head);
                    }
                    i += block.length() + 1;
                    start = i + 1;
                    continue;
                }
                depth++;
            } else if (c == '}') {
                depth--;
            }
        }
        members.append(body.substring(Math.min(start, body.length())));
        Matcher method = METHOD.matcher(members);
        while (method.find()) {
            Matcher withName = WITH_NAME.matcher(method.group(1));
            String segment = withName.find() ? withName.group(1) : kebab(method.group(3));
            String type = unwrapOptional(method.group(2));
            String key = method.group(1).contains("@WithParentName") ? prefix : prefix + "." + segment;
            if (type.startsWith("Map<")) {
                String valueType = type.substring(type.indexOf(',') + 1, type.length() - 1).trim();
                key = key + ".*";
                if (nested.containsKey(valueType)) {
                    collect(key, nested.get(valueType), keys);
                } else {
                    keys.add(key);
                }
            } else if (nested.containsKey(type)) {
                collect(key, nested.get(type), keys);
            } else {
                keys.add(key);
            }
        }
    }

    private static String unwrapOptional(String type) {
        return type.startsWith("Optional<") ? type.substring("Optional<".length(), type.length() - 1).trim() : type;
    }

    /** The text between the brace at {@code open} and its partner. */
    private static String block(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            if (code.charAt(i) == '{') {
                depth++;
            } else if (code.charAt(i) == '}' && --depth == 0) {
                return code.substring(open + 1, i);
            }
        }
        throw new IllegalArgumentException("unbalanced braces");
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static List<Path> javaFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
