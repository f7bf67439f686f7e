package org.esscard.deploy.helm.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleClusterResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTransactionalIdResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;

/**
 * The chart's Kafka access rules in two forms: as written in {@code files/kafka-acls.yaml} (what each service
 * needs), and a rendered KafkaUser's rules turned into the Kafka ACL bindings that Strimzi's User Operator creates
 * for them (principal {@code User:<KafkaUser name>}, host {@code *}).
 */
public final class KafkaAcls {

    /** deploy/helm/esscard/files/kafka-acls.yaml */
    public static final Path FILE = HelmChart.DIR.resolve("files/kafka-acls.yaml");

    private static final ObjectMapper YAML = new YAMLMapper();

    private KafkaAcls() {
    }

    /** One service's entry of the file. */
    public record ServiceAccess(List<String> produce, List<Consume> consume, List<String> read, List<String> deadLetters) {

        /** Topics it may write: its own events and its dead-letter topics. */
        public Set<String> writes() {
            Set<String> topics = new LinkedHashSet<>(produce);
            topics.addAll(deadLetters);
            return topics;
        }

        /** Topics it may read, with a group or without. */
        public Set<String> reads() {
            Set<String> topics = new LinkedHashSet<>(read);
            consume.forEach(c -> topics.add(c.topic()));
            return topics;
        }

        public Set<String> groups() {
            Set<String> groups = new LinkedHashSet<>();
            consume.forEach(c -> groups.add(c.group()));
            return groups;
        }
    }

    /** An incoming channel: the topic and the consumer group it reads it with. */
    public record Consume(String topic, String group) {
    }

    /** Every service's entry, by the chart's service key (account, identity, permit, notification). */
    public static Map<String, ServiceAccess> file() {
        try {
            return YAML.readValue(FILE.toFile(), YAML.getTypeFactory().constructMapType(Map.class, String.class, ServiceAccess.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ACL bindings of a rendered KafkaUser, as the User Operator would create them. */
    public static List<AclBinding> bindings(KafkaUser user) {
        String principal = "User:" + user.getMetadata().getName();
        List<AclBinding> bindings = new ArrayList<>();
        for (AclRule rule : ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls()) {
            ResourcePattern pattern = pattern(rule);
            AclPermissionType permission = rule.getType() == AclRuleType.DENY ? AclPermissionType.DENY : AclPermissionType.ALLOW;
            String host = rule.getHost() == null ? "*" : rule.getHost();
            for (io.strimzi.api.kafka.model.user.acl.AclOperation operation : rule.getOperations()) {
                bindings.add(new AclBinding(pattern, new AccessControlEntry(principal, host, operation(operation), permission)));
            }
        }
        return bindings;
    }

    private static ResourcePattern pattern(AclRule rule) {
        if (rule.getResource() instanceof AclRuleTopicResource topic) {
            return new ResourcePattern(ResourceType.TOPIC, topic.getName(), patternType(topic.getPatternType()));
        }
        if (rule.getResource() instanceof AclRuleGroupResource group) {
            return new ResourcePattern(ResourceType.GROUP, group.getName(), patternType(group.getPatternType()));
        }
        if (rule.getResource() instanceof AclRuleTransactionalIdResource id) {
            return new ResourcePattern(ResourceType.TRANSACTIONAL_ID, id.getName(), patternType(id.getPatternType()));
        }
        if (rule.getResource() instanceof AclRuleClusterResource) {
            return new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL);
        }
        throw new IllegalArgumentException("unknown ACL resource " + rule.getResource());
    }

    private static PatternType patternType(AclResourcePatternType type) {
        return type == AclResourcePatternType.PREFIX ? PatternType.PREFIXED : PatternType.LITERAL;
    }

    /** Strimzi writes IdempotentWrite where Kafka writes IDEMPOTENT_WRITE. */
    private static AclOperation operation(io.strimzi.api.kafka.model.user.acl.AclOperation operation) {
        for (AclOperation candidate : AclOperation.values()) {
            if (candidate.name().replace("_", "").equals(operation.name())) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no Kafka operation for " + operation);
    }
}
