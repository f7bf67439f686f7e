package org.esscard.deploy.helm.support;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * CloudNativePG publishes no Java model on Maven Central, so these records are a hand-written model of the
 * fields of {@code postgresql.cnpg.io/v1} Cluster, Database and ScheduledBackup that the chart uses, named as in the
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
            ManagedConfiguration managed,
            List<PluginConfiguration> plugins,
            BootstrapConfiguration bootstrap,
            List<ExternalCluster> externalClusters) {
    }

    /** A CNPG-I plugin of the cluster: the Barman Cloud plugin, which archives the WAL when isWALArchiver. */
    public record PluginConfiguration(
            @JsonProperty(required = true) String name,
            Boolean enabled,
            Boolean isWALArchiver,
            Map<String, String> parameters) {
    }

    /** How a new cluster is made; the chart uses only recovery (from an external cluster's backups). */
    public record BootstrapConfiguration(@JsonProperty(required = true) BootstrapRecovery recovery) {
    }

    public record BootstrapRecovery(@JsonProperty(required = true) String source, RecoveryTarget recoveryTarget) {
    }

    /** The chart's only target is a time; the API's others (targetLSN, targetXID, targetName, ...) stay out. */
    public record RecoveryTarget(@JsonProperty(required = true) String targetTime) {
    }

    /** Another cluster, here the one whose backups a recovery reads through a plugin. */
    public record ExternalCluster(
            @JsonProperty(required = true) String name,
            @JsonProperty(required = true) PluginConfiguration plugin) {
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

    public record ScheduledBackup(
            @JsonProperty(required = true) String apiVersion,
            @JsonProperty(required = true) String kind,
            @JsonProperty(required = true) ObjectMeta metadata,
            @JsonProperty(required = true) ScheduledBackupSpec spec) {
    }

    /** Its schedule has six fields, seconds first (robfig/cron), unlike a CronJob's five. */
    public record ScheduledBackupSpec(
            @JsonProperty(required = true) String schedule,
            @JsonProperty(required = true) LocalObjectReference cluster,
            Boolean suspend,
            Boolean immediate,
            BackupOwnerReference backupOwnerReference,
            BackupTarget target,
            BackupMethod method,
            BackupPluginConfiguration pluginConfiguration) {
    }

    public enum BackupOwnerReference {
        @JsonProperty("none") NONE,
        @JsonProperty("self") SELF,
        @JsonProperty("cluster") CLUSTER
    }

    public enum BackupTarget {
        @JsonProperty("primary") PRIMARY,
        @JsonProperty("prefer-standby") PREFER_STANDBY
    }

    public enum BackupMethod {
        @JsonProperty("barmanObjectStore") BARMAN_OBJECT_STORE,
        @JsonProperty("volumeSnapshot") VOLUME_SNAPSHOT,
        @JsonProperty("plugin") PLUGIN
    }

    public record BackupPluginConfiguration(@JsonProperty(required = true) String name, Map<String, String> parameters) {
    }
}
