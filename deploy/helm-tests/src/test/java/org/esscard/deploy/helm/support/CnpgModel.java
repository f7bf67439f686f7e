package org.esscard.deploy.helm.support;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * CloudNativePG publishes no Java model on Maven Central, so these records are a hand-written model of the
 * fields of {@code postgresql.cnpg.io/v1} Cluster and Database that the chart uses, named as in the
 * CloudNativePG API reference. Parsed strictly, a field outside this subset, a misspelt one or a missing
 * required one fails; enumerations accept only the values the API accepts.
 */
public final class CnpgModel {

    private CnpgModel() {
    }

    public record Cluster(
            @JsonProperty(required = true) String apiVersion,
            @JsonProperty(required = true) String kind,
            @JsonProperty(required = true) ObjectMeta metadata,
            @JsonProperty(required = true) ClusterSpec spec) {
    }

    public record ClusterSpec(
            @JsonProperty(required = true) int instances,
            String imageName,
            UpdateStrategy primaryUpdateStrategy,
            @JsonProperty(required = true) StorageConfiguration storage,
            ResourceRequirements resources,
            AffinityConfiguration affinity,
            PostgresConfiguration postgresql,
            ManagedConfiguration managed) {
    }

    public enum UpdateStrategy {
        @JsonProperty("unsupervised") UNSUPERVISED,
        @JsonProperty("supervised") SUPERVISED
    }

    public record StorageConfiguration(@JsonProperty(required = true) String size, String storageClass) {
    }

    public record AffinityConfiguration(Boolean enablePodAntiAffinity, String topologyKey, AntiAffinityType podAntiAffinityType) {
    }

    public enum AntiAffinityType {
        @JsonProperty("preferred") PREFERRED,
        @JsonProperty("required") REQUIRED
    }

    public record PostgresConfiguration(Map<String, String> parameters) {
    }

    public record ManagedConfiguration(List<RoleConfiguration> roles) {
    }

    public record RoleConfiguration(
            @JsonProperty(required = true) String name,
            Ensure ensure,
            Boolean login,
            LocalObjectReference passwordSecret) {
    }

    public enum Ensure {
        @JsonProperty("present") PRESENT,
        @JsonProperty("absent") ABSENT
    }

    public record LocalObjectReference(@JsonProperty(required = true) String name) {
    }

    public record Database(
            @JsonProperty(required = true) String apiVersion,
            @JsonProperty(required = true) String kind,
            @JsonProperty(required = true) ObjectMeta metadata,
            @JsonProperty(required = true) DatabaseSpec spec) {
    }

    public record DatabaseSpec(
            @JsonProperty(required = true) String name,
            @JsonProperty(required = true) String owner,
            @JsonProperty(required = true) LocalObjectReference cluster,
            Ensure ensure,
            ReclaimPolicy databaseReclaimPolicy) {
    }

    public enum ReclaimPolicy {
        @JsonProperty("retain") RETAIN,
        @JsonProperty("delete") DELETE
    }
}
