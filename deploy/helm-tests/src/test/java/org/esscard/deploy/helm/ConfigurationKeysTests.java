package org.esscard.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.esscard.deploy.helm.support.HelmChart;
import org.esscard.deploy.helm.support.HelmChart.Scenario;
import org.esscard.deploy.helm.support.Manifests;
import org.esscard.deploy.helm.support.ServiceConfigKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

/** Every setting the chart gives a service is one the service reads; secret settings come only from Secrets. */
class ConfigurationKeysTests {

    /** Settings that carry secrets: never in a ConfigMap, always a secretKeyRef. */
    private static final Set<String> SECRET_SETTINGS = Set.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
            "ESSCARD_STAFF_ACCOUNTS", "ESSCARD_PIN_PEPPER", "ESSCARD_IDENTITY_HASH_KEY", "KAFKA_SASL_JAAS_CONFIG");

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void everyEnvironmentVariableIsAKeyTheServiceReads(Scenario scenario) {
        Manifests manifests = HelmChart.manifests(scenario);
        List<String> unknown = new ArrayList<>();
        for (Deployment deployment : manifests.all(Deployment.class)) {
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            ServiceConfigKeys keys = ServiceConfigKeys.of(HelmChart.ROOT, container.getName());
            assertThat(keys.keys()).as(container.getName() + " keys found in its sources").isNotEmpty();
            for (String name : environmentNames(manifests, container)) {
                if (keys.keyForEnv(name).isEmpty()) {
                    unknown.add(container.getName() + ": " + name);
                }
            }
        }
        assertThat(unknown).as("environment variables no service reads").isEmpty();
    }

    @Test
    void aSettingNoServiceReadsIsCaught() {
        Manifests manifests = StrictManifestsOf.render(Map.of(
                "services.permit.env.ESSCARD_PERMIT_EXPIRY_CRON", "0 0 2 * * ?",
                "services.permit.env.ESSCARD_PERMIT_EXPIRY_CRONN", "0 0 2 * * ?"));
        Container permit = manifests.named(Deployment.class, HelmChart.workload("permit-service"))
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        ServiceConfigKeys keys = ServiceConfigKeys.of(HelmChart.ROOT, "permit-service");

        assertThat(environmentNames(manifests, permit)).filteredOn(name -> keys.keyForEnv(name).isEmpty())
                .containsExactly("ESSCARD_PERMIT_EXPIRY_CRONN");
    }

    @Test
    void environmentNamesMapToKeysAsSmallRyeConfigMapsThem() {
        ServiceConfigKeys account = ServiceConfigKeys.of(HelmChart.ROOT, "account-service");
        ServiceConfigKeys permit = ServiceConfigKeys.of(HelmChart.ROOT, "permit-service");
        ServiceConfigKeys identity = ServiceConfigKeys.of(HelmChart.ROOT, "identity-service");

        assertThat(account.keyForEnv("ESSCARD_TOKEN_PUBLIC_KEY_LOCATION")).contains("esscard.token.public-key-location");
        assertThat(account.keyForEnv("SMALLRYE_JWT_SIGN_KEY_LOCATION")).contains("smallrye.jwt.sign.key.location");
        assertThat(account.keyForEnv("KAFKA_BOOTSTRAP_SERVERS")).contains("kafka.bootstrap.servers");
        assertThat(permit.keys()).contains("esscard.permit.qr.active-kid", "esscard.permit.qr.keys.*.private-key",
                "esscard.permit.qr.keys.*.public-key", "esscard.outbox.relay-enabled", "esscard.clock.offset");
        assertThat(permit.keyForEnv("ESSCARD_PERMIT_QR_KEYS__QR_2026_01__PUBLIC_KEY")).contains("esscard.permit.qr.keys.*.public-key");
        assertThat(permit.readsKey("esscard.permit.qr.keys.\"qr-2026-01\".private-key")).isTrue();
        assertThat(permit.readsKey("esscard.permit.qr.key.\"qr-2026-01\".private-key")).isFalse();
        assertThat(identity.keys()).contains("esscard.identity.sms.code-ttl", "esscard.identity.hash-key");
        assertThat(identity.keyForEnv("ESSCARD_IDENTITY_HASHKEY")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void everyKeyOfAMountedConfigurationFileIsOneTheServiceReads(Scenario scenario) throws IOException {
        Manifests manifests = HelmChart.manifests(scenario);
        ConfigMap files = manifests.named(ConfigMap.class, HelmChart.workload("permit-service") + "-files");
        String text = files.getData().get("application.properties");
        Set<String> fileKeys = ServiceConfigKeys.propertyKeys(new StringReader(text));
        ServiceConfigKeys keys = ServiceConfigKeys.of(HelmChart.ROOT, "permit-service");

        assertThat(fileKeys).isNotEmpty().allSatisfy(key -> assertThat(keys.readsKey(key)).as(key).isTrue());
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        String active = properties.getProperty("esscard.permit.qr.active-kid");
        assertThat(properties).containsKeys("esscard.permit.qr.keys.\"" + active + "\".private-key",
                "esscard.permit.qr.keys.\"" + active + "\".public-key");
    }

    @Test
    void aVerifyOnlyQrKeyIsConfiguredAndMountedWithoutItsPrivateKey() {
        Manifests manifests = StrictManifestsOf.render(Map.of("secrets.qrSigningKeys.verifyOnlyKids[0]", "qr-2025-07"));
        String text = manifests.named(ConfigMap.class, HelmChart.workload("permit-service") + "-files").getData().get("application.properties");
        assertThat(text).contains("esscard.permit.qr.keys.\"qr-2025-07\".public-key=").doesNotContain("\"qr-2025-07\".private-key");
        Deployment permit = manifests.named(Deployment.class, HelmChart.workload("permit-service"));
        List<String> mounted = permit.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getSecret() != null).flatMap(v -> v.getSecret().getItems().stream()).map(i -> i.getKey()).toList();
        assertThat(mounted).containsExactlyInAnyOrder("qr-2026-01.private.pem", "qr-2026-01.public.pem", "qr-2025-07.public.pem");
    }

    @Test
    void theQrStatusListsAreNamedByTheIngressHost_orByTheirOwnValue() {
        String key = "esscard.permit.qr.status-list.uri-base=";
        String byHost = StrictManifestsOf.render(Map.of("ingress.host", "esscard.example.gov"))
                .named(ConfigMap.class, HelmChart.workload("permit-service") + "-files").getData().get("application.properties");
        assertThat(byHost).contains(key + "https://esscard.example.gov/api/permits/qr/status-lists");
        String own = StrictManifestsOf.render(Map.of("ingress.host", "esscard.example.gov",
                        "qrStatusLists.uriBase", "https://qr.example.gov/lists"))
                .named(ConfigMap.class, HelmChart.workload("permit-service") + "-files").getData().get("application.properties");
        assertThat(own).contains(key + "https://qr.example.gov/lists").doesNotContain("esscard.example.gov/api");
    }

    @Test
    void aChangedSettingRollsOnlyThePodsOfItsService() {
        Manifests before = HelmChart.manifests(Scenario.DEFAULT);
        Manifests after = StrictManifestsOf.render(Map.of("services.permit.env.ESSCARD_PERMIT_EXPIRY_CRON", "0 0 2 * * ?"));
        for (Deployment deployment : before.all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            String old = deployment.getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
            String now = after.named(Deployment.class, name).getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
            assertThat(old).as(name).isNotBlank();
            if (name.equals(HelmChart.workload("permit-service"))) {
                assertThat(now).as(name).isNotEqualTo(old);
            } else {
                assertThat(now).as(name).isEqualTo(old);
            }
        }
    }

    @Test
    void aNewTokenKeyIsPublishedBeforeItSigns() {
        // step 1 of a rotation: the new public key in the JWKS, the old key still signing
        Manifests manifests = StrictManifestsOf.render(Map.of("secrets.tokenSigningKey.nextKeyIds[0]", "esscard-2"));
        String account = HelmChart.workload("account-service");
        Map<String, String> config = manifests.named(ConfigMap.class, account).getData();
        assertThat(config).containsEntry("ESSCARD_TOKEN_KEY_ID", "esscard-1")
                .containsEntry("ESSCARD_TOKEN_NEXT_PUBLIC_KEYS", "esscard-2=/var/run/secrets/esscard/token/esscard-2.public.pem")
                .doesNotContainKey("ESSCARD_TOKEN_PREVIOUS_PUBLIC_KEYS");
        assertThat(ServiceConfigKeys.of(HelmChart.ROOT, "account-service").keyForEnv("ESSCARD_TOKEN_NEXT_PUBLIC_KEYS")).isPresent();
        List<String> mounted = manifests.named(Deployment.class, account).getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getSecret() != null).flatMap(v -> v.getSecret().getItems().stream()).map(i -> i.getPath()).toList();
        assertThat(mounted).containsExactlyInAnyOrder("private.pem", "public.pem", "esscard-2.public.pem");
    }

    @Test
    void aRetiredTokenKeyStaysPublishedAfterARotation() {
        Manifests manifests = StrictManifestsOf.render(Map.of("secrets.tokenSigningKey.keyId", "esscard-2",
                "secrets.tokenSigningKey.previousKeyIds[0]", "esscard-1"));
        String account = HelmChart.workload("account-service");
        Map<String, String> config = manifests.named(ConfigMap.class, account).getData();
        assertThat(config).containsEntry("ESSCARD_TOKEN_KEY_ID", "esscard-2")
                .containsEntry("ESSCARD_TOKEN_PREVIOUS_PUBLIC_KEYS", "esscard-1=/var/run/secrets/esscard/token/esscard-1.public.pem");
        assertThat(ServiceConfigKeys.of(HelmChart.ROOT, "account-service").keyForEnv("ESSCARD_TOKEN_PREVIOUS_PUBLIC_KEYS")).isPresent();
        List<String> mounted = manifests.named(Deployment.class, account).getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getSecret() != null).flatMap(v -> v.getSecret().getItems().stream()).map(i -> i.getPath()).toList();
        assertThat(mounted).containsExactlyInAnyOrder("private.pem", "public.pem", "esscard-1.public.pem");
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void secretSettingsComeOnlyFromSecrets(Scenario scenario) {
        Manifests manifests = HelmChart.manifests(scenario);
        for (ConfigMap configMap : manifests.all(ConfigMap.class)) {
            assertThat(configMap.getData().keySet()).as(configMap.getMetadata().getName()).doesNotContainAnyElementsOf(SECRET_SETTINGS);
        }
        for (Deployment deployment : manifests.all(Deployment.class)) {
            for (EnvVar env : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
                assertThat(env.getValue()).as(env.getName() + " has no literal value").isNull();
                assertThat(env.getValueFrom().getSecretKeyRef()).as(env.getName()).isNotNull();
            }
        }
        Deployment account = manifests.named(Deployment.class, HelmChart.workload("account-service"));
        assertThat(account.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()).extracting(EnvVar::getName)
                .contains("ESSCARD_STAFF_ACCOUNTS", "ESSCARD_PIN_PEPPER", "QUARKUS_DATASOURCE_PASSWORD");
        Deployment identity = manifests.named(Deployment.class, HelmChart.workload("identity-service"));
        assertThat(identity.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()).extracting(EnvVar::getName)
                .contains("ESSCARD_IDENTITY_HASH_KEY");
    }

    @Test
    void theValuesFilesHoldNoSecretMaterial() throws IOException {
        for (Path file : List.of(HelmChart.DIR.resolve("values.yaml"), HelmChart.PRODUCTION_VALUES)) {
            String text = Files.readString(file);
            assertThat(text).as(file.toString()).doesNotContain("BEGIN ", "password:", "pepper:");
        }
    }

    @Test
    void everyTopicAServiceUsesIsDeclared() {
        Set<String> declared = new TreeSet<>();
        HelmChart.manifests(Scenario.DEFAULT).all(KafkaTopic.class).forEach(t -> declared.add(t.getSpec().getTopicName()));
        Set<String> used = new TreeSet<>();
        for (String service : List.of("account-service", "identity-service", "permit-service", "notification-service")) {
            Path file = HelmChart.ROOT.resolve(service).resolve("src/main/resources/application.properties");
            Properties properties = new Properties();
            try (var reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            properties.stringPropertyNames().stream()
                    .filter(k -> !k.startsWith("%") && k.startsWith("mp.messaging.") && k.endsWith(".topic"))
                    .forEach(k -> used.add(properties.getProperty(k)));
        }
        assertThat(used).isNotEmpty();
        assertThat(declared).containsAll(used).contains("permit-events", "identity-events", "account-events");
    }

    /** Names the container's environment gets: its env entries and the keys of the ConfigMaps it reads whole. */
    private static List<String> environmentNames(Manifests manifests, Container container) {
        List<String> names = new ArrayList<>();
        container.getEnv().forEach(e -> names.add(e.getName()));
        for (var source : container.getEnvFrom()) {
            assertThat(source.getSecretRef()).as("a whole Secret as environment hides its names").isNull();
            names.addAll(manifests.named(ConfigMap.class, source.getConfigMapRef().getName()).getData().keySet());
        }
        return names;
    }

    /** Renders the default values with extra --set values. */
    static final class StrictManifestsOf {
        static Manifests render(Map<String, Object> sets) {
            return org.esscard.deploy.helm.support.StrictManifests.parse(HelmChart.template(HelmChart.DIR, null, sets));
        }
    }
}
