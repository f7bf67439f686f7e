package org.esscard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AsyncAPI document ({@code org/esscard/events/asyncapi.yaml}) says what the code and the chart do: one message
 * per event type with its schema, the chart's topics with their retention, partitions and replicas, and each
 * service's consumer groups and dead-letter topics as its {@code application.properties} configures them.
 */
class AsyncApiTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path ROOT = Path.of(System.getProperty("esscard.root", "..")).toAbsolutePath().normalize();
    private static final Path CHART = ROOT.resolve("deploy/helm/esscard");
    private static final List<String> CONSUMERS = List.of("account-service", "identity-service", "notification-service", "permit-service");
    private static final Pattern INCOMING = Pattern.compile("mp\\.messaging\\.incoming\\.([a-z-]+)\\.(topic|group\\.id|dead-letter-queue\\.topic)");

    private static JsonNode asyncApi;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = AsyncApiTest.class.getClassLoader().getResourceAsStream("org/esscard/events/asyncapi.yaml")) {
            assertThat(in).as("asyncapi.yaml on the classpath").isNotNull();
            asyncApi = YAML.readTree(in);
        }
    }

    @Test
    void isAnAsyncApi3Document() {
        assertThat(asyncApi.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(asyncApi.path("defaultContentType").asText()).isEqualTo(CloudEvent.STRUCTURED_CONTENT_TYPE);
    }

    @Test
    void everyTypeIsAMessageWithItsSchemas() {
        Map<String, JsonNode> byType = new TreeMap<>();
        asyncApi.path("components").path("messages").forEach(message -> byType.put(message.path("name").asText(), message));

        assertThat(byType.keySet()).isEqualTo(new TreeSet<>(EventTypes.ALL.keySet()));
        byType.forEach((type, message) -> {
            JsonNode parts = message.at("/payload/schema/allOf");
            assertThat(parts.get(0).path("$ref").asText()).isEqualTo("schemas/" + EventSchemas.ENVELOPE + ".json");
            JsonNode properties = parts.get(1).path("properties");
            assertThat(properties.at("/type/const").asText()).isEqualTo(type);
            assertThat(properties.at("/dataschema/const").asText()).isEqualTo(EventSchemas.dataschema(type));
            assertThat(properties.at("/data/$ref").asText()).isEqualTo("schemas/" + type + ".json");
            assertThat(EventSchemas.read(type)).as("schema of %s", type).isNotNull();
            assertThat(message.at("/bindings/kafka/key/type").asText()).isEqualTo("string");
        });
    }

    @Test
    void channelsAreTheChartsTopicsWithItsRetention() throws IOException {
        JsonNode kafkaTopics = YAML.readTree(CHART.resolve("values.yaml").toFile()).at("/kafka/topics");
        Map<String, String> topics = chartTopics();
        Map<String, String> channels = new TreeMap<>();

        asyncApi.path("channels").forEach(channel -> {
            String address = channel.path("address").asText();
            JsonNode binding = channel.at("/bindings/kafka");
            JsonNode settings = kafkaTopics.path(topics.getOrDefault(address, "events"));
            channels.put(address, topics.getOrDefault(address, "(not in the chart)"));
            assertThat(binding.path("topic").asText()).as(address).isEqualTo(address);
            assertThat(binding.path("partitions").asInt()).as("%s partitions", address).isEqualTo(settings.path("partitions").asInt());
            assertThat(binding.path("replicas").asInt()).as("%s replicas", address).isEqualTo(settings.path("replicas").asInt());
            assertThat(binding.at("/topicConfiguration/retention.ms").asLong()).as("%s retention", address)
                    .isEqualTo(settings.path("retentionMs").asLong());
        });

        assertThat(channels).isEqualTo(new TreeMap<>(topics));
    }

    @Test
    void consumerGroupsAndDeadLettersAreTheServicesOwn() throws IOException {
        Set<String> configured = new TreeSet<>();
        for (String service : CONSUMERS) {
            Map<String, Map<String, String>> channels = incomingChannels(ROOT.resolve(service + "/src/main/resources/application.properties"));
            channels.values().forEach(c -> configured.add(c.get("topic") + " " + c.get("group.id") + " " + c.get("dead-letter-queue.topic")));
        }
        Set<String> documented = new TreeSet<>();
        asyncApi.path("operations").forEach(operation -> {
            JsonNode group = operation.at("/bindings/kafka/groupId/enum/0");
            if ("receive".equals(operation.path("action").asText()) && !group.isMissingNode()) {
                String topic = channel(operation).path("address").asText();
                String deadLetters = deadLetterChannelOf(topic, group.asText());
                documented.add(topic + " " + group.asText() + " " + deadLetters);
            }
        });

        assertThat(documented).isEqualTo(configured);
    }

    /** The address of the channel a send operation of the group writes its dead letters of {@code topic} to. */
    private static String deadLetterChannelOf(String topic, String group) {
        for (JsonNode operation : asyncApi.path("operations")) {
            String address = channel(operation).path("address").asText();
            if ("send".equals(operation.path("action").asText()) && address.startsWith(topic + ".")
                    && operation.path("title").asText().startsWith(group + " ")) {
                return address;
            }
        }
        return "(none)";
    }

    private static JsonNode channel(JsonNode operation) {
        String ref = operation.at("/channel/$ref").asText();
        return asyncApi.path("channels").path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    /** Topic name to its kind (events, deadLetters) from the chart's {@code esscard.topics} helper. */
    private static Map<String, String> chartTopics() throws IOException {
        String helpers = Files.readString(CHART.resolve("templates/_helpers.tpl"), StandardCharsets.UTF_8);
        Matcher define = Pattern.compile("define \"esscard\\.topics\" -}}\\n(.*?)\\{\\{- end", Pattern.DOTALL).matcher(helpers);
        assertThat(define.find()).as("the esscard.topics helper in _helpers.tpl").isTrue();
        Map<String, String> topics = new LinkedHashMap<>();
        YAML.readTree(define.group(1)).fields().forEachRemaining(kind -> kind.getValue()
                .forEach(topic -> topics.put(topic.asText(), kind.getKey())));
        return topics;
    }

    /** Channel name to its topic, group.id and dead-letter-queue.topic. */
    private static Map<String, Map<String, String>> incomingChannels(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, Map<String, String>> channels = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            Matcher m = INCOMING.matcher(name);
            if (m.matches()) {
                channels.computeIfAbsent(m.group(1), c -> new TreeMap<>()).put(m.group(2), properties.getProperty(name));
            }
        }
        // a channel without its own group.id joins the connector's: the service's name (platform's connector defaults)
        channels.values().forEach(c -> c.putIfAbsent("group.id", properties.getProperty("quarkus.application.name")));
        return channels;
    }
}
