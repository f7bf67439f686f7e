package org.esscard.deploy.helm.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

/**
 * Reads rendered manifests the way the API server would refuse them: each document goes into the model class
 * for its apiVersion and kind, and an unknown field, a wrongly typed scalar, a duplicate key or an unknown kind
 * is an error. fabric8's own deserialisation would keep unknown fields in additionalProperties instead, so
 * the mapper switches the models' any-setters off.
 */
public final class StrictManifests {

    /** The kinds the chart may render, each with the class it must fit. */
    static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class),
            Map.entry("postgresql.cnpg.io/v1/Cluster", CnpgModel.Cluster.class),
            Map.entry("postgresql.cnpg.io/v1/Database", CnpgModel.Database.class),
            Map.entry("postgresql.cnpg.io/v1/ScheduledBackup", CnpgModel.ScheduledBackup.class),
            Map.entry("barmancloud.cnpg.io/v1/ObjectStore", BarmanCloudModel.ObjectStore.class),
            // the Prometheus Operator's kinds, in fabric8's published model of them (openshift-model-monitoring)
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PodMonitor", PodMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class));

    static final ObjectMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // "8081" is not an integer to the API server either
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated a) {
                    return Boolean.FALSE;
                }
            })
            .build();

    private StrictManifests() {
    }

    /** Parses every document of a {@code helm template} output; the first one that does not fit throws. */
    public static Manifests parse(String rendered) {
        List<Manifests.Document> documents = new ArrayList<>();
        String source = "?";
        StringBuilder current = new StringBuilder();
        for (String line : (rendered + "\n---").split("\n", -1)) {
            if (line.equals("---")) {
                Manifests.Document document = parseOne(source, current.toString());
                if (document != null) {
                    documents.add(document);
                }
                current.setLength(0);
                source = "?";
            } else {
                if (line.startsWith("# Source: ")) {
                    source = line.substring("# Source: ".length());
                }
                current.append(line).append('\n');
            }
        }
        return new Manifests(documents);
    }

    private static Manifests.Document parseOne(String source, String text) {
        try {
            JsonNode tree = MAPPER.readTree(text);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                return null;
            }
            String apiVersion = tree.path("apiVersion").asText("");
            String kind = tree.path("kind").asText("");
            Class<?> model = MODELS.get(apiVersion + "/" + kind);
            if (model == null) {
                throw new StrictParseException(source + ": no model for apiVersion " + apiVersion + ", kind " + kind);
            }
            Object object = MAPPER.readValue(text, model);
            String name = tree.path("metadata").path("name").asText("");
            return new Manifests.Document(source, apiVersion, kind, name, object);
        } catch (IOException e) {
            throw new StrictParseException(source + ": " + e.getMessage(), e);
        }
    }

    /** A model object as the tree it serialises to, to compare with the file it was rendered from. */
    public static JsonNode tree(Object object) {
        return MAPPER.valueToTree(object);
    }

    /** A rendered document that does not fit its model. */
    public static final class StrictParseException extends RuntimeException {
        StrictParseException(String message) {
            super(message);
        }

        StrictParseException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
