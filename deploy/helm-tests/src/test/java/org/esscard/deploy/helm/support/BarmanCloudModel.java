package org.esscard.deploy.helm.support;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * A hand-written model of the {@code barmancloud.cnpg.io/v1} ObjectStore of CloudNativePG's Barman Cloud plugin
 * (the plugin publishes no Java model), from its CRD ({@code config/crd/bases/barmancloud.cnpg.io_objectstores.yaml}
 * of cloudnative-pg/plugin-barman-cloud): the fields of {@code spec} and of {@code spec.configuration} (the
 * barman-cloud {@code BarmanObjectStoreConfiguration}) that an install may set, enumerations as the CRD lists them.
 * {@code serverName} is left out on purpose: the plugin documents that it must stay empty in an ObjectStore (the
 * Cluster's plugin parameters name the folder), so a values file that sets it fails the parse.
 */
public final class BarmanCloudModel {

    private BarmanCloudModel() {
    }

    public record ObjectStore(
            @JsonProperty(required = true) String apiVersion,
            @JsonProperty(required = true) String kind,
            @JsonProperty(required = true) ObjectMeta metadata,
            @JsonProperty(required = true) ObjectStoreSpec spec) {
    }

    /** The chart renders no instanceSidecarConfiguration (the sidecar's defaults), so the model has none. */
    public record ObjectStoreSpec(@JsonProperty(required = true) Configuration configuration, String retentionPolicy) {
    }

    public record Configuration(
            @JsonProperty(required = true) String destinationPath,
            String endpointURL,
            SecretKeySelector endpointCA,
            S3Credentials s3Credentials,
            AzureCredentials azureCredentials,
            GoogleCredentials googleCredentials,
            WalConfiguration wal,
            DataConfiguration data,
            Map<String, String> tags,
            Map<String, String> historyTags) {
    }

    public record SecretKeySelector(@JsonProperty(required = true) String name, @JsonProperty(required = true) String key) {
    }

    public record S3Credentials(
            SecretKeySelector accessKeyId,
            SecretKeySelector secretAccessKey,
            SecretKeySelector region,
            SecretKeySelector sessionToken,
            Boolean inheritFromIAMRole) {
    }

    public record AzureCredentials(
            SecretKeySelector connectionString,
            SecretKeySelector storageAccount,
            SecretKeySelector storageKey,
            SecretKeySelector storageSasToken,
            Boolean inheritFromAzureAD,
            Boolean useDefaultAzureCredentials) {
    }

    public record GoogleCredentials(SecretKeySelector applicationCredentials, Boolean gkeEnvironment) {
    }

    public record WalConfiguration(
            WalCompression compression,
            Encryption encryption,
            Integer maxParallel,
            List<String> archiveAdditionalCommandArgs,
            List<String> restoreAdditionalCommandArgs) {
    }

    public record DataConfiguration(
            DataCompression compression,
            Encryption encryption,
            Boolean immediateCheckpoint,
            Integer jobs,
            List<String> additionalCommandArgs,
            List<String> restoreAdditionalCommandArgs) {
    }

    public enum WalCompression {
        @JsonProperty("bzip2") BZIP2,
        @JsonProperty("gzip") GZIP,
        @JsonProperty("lz4") LZ4,
        @JsonProperty("snappy") SNAPPY,
        @JsonProperty("xz") XZ,
        @JsonProperty("zstd") ZSTD
    }

    /** Base backups know fewer compressions than the WAL (no xz, no zstd). */
    public enum DataCompression {
        @JsonProperty("bzip2") BZIP2,
        @JsonProperty("gzip") GZIP,
        @JsonProperty("lz4") LZ4,
        @JsonProperty("snappy") SNAPPY
    }

    public enum Encryption {
        @JsonProperty("AES256") AES256,
        @JsonProperty("aws:kms") AWS_KMS
    }
}
