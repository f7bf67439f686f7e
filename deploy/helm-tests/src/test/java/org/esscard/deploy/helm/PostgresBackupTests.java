package org.esscard.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.esscard.deploy.helm.support.BarmanCloudModel;
import org.esscard.deploy.helm.support.CnpgModel;
import org.esscard.deploy.helm.support.HelmChart;
import org.esscard.deploy.helm.support.HelmChart.Scenario;
import org.esscard.deploy.helm.support.Manifests;
import org.esscard.deploy.helm.support.StrictManifests;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

/**
 * PostgreSQL backups through CloudNativePG's Barman Cloud plugin (the in-tree barmanObjectStore is deprecated): an
 * ObjectStore, the Cluster's plugin as WAL archiver, a ScheduledBackup by the plugin; and the point-in-time recovery
 * of docs/KUBERNETES.md in its two steps (a restored Cluster beside the live one, then the services switched to it).
 * {@link PointInTimeRecoveryTests} rehearses the recovery itself on a real PostgreSQL.
 */
class PostgresBackupTests {

    private static final String PLUGIN = "barman-cloud.cloudnative-pg.io";
    private static final String LIVE = "esscard-pg";
    private static final String RESTORED = "esscard-pg-r1";
    private static final String TARGET = "2026-12-02T09:41:00Z";
    private static final List<String> SERVICES = List.of("account", "identity", "permit", "notification");

    @Test
    void backupsAreOffByDefault() {
        Manifests manifests = HelmChart.manifests(Scenario.DEFAULT);
        CnpgModel.Cluster cluster = manifests.named(CnpgModel.Cluster.class, LIVE);

        assertThat(manifests.kinds()).doesNotContain("ObjectStore", "ScheduledBackup");
        assertThat(cluster.spec().plugins()).isNull();
        assertThat(cluster.spec().bootstrap()).isNull();
        assertThat(cluster.metadata().getAnnotations()).as("Helm never deletes the data").containsEntry("helm.sh/resource-policy", "keep");
    }

    @Test
    void productionArchivesTheWalAndTakesANightlyBaseBackupThroughThePlugin() {
        Manifests manifests = HelmChart.manifests(Scenario.PRODUCTION);
        BarmanCloudModel.ObjectStore store = manifests.all(BarmanCloudModel.ObjectStore.class).get(0);
        CnpgModel.Cluster cluster = manifests.named(CnpgModel.Cluster.class, LIVE);
        CnpgModel.ScheduledBackup schedule = manifests.all(CnpgModel.ScheduledBackup.class).get(0);

        assertThat(store.metadata().getName()).isEqualTo("esscard-backups");
        assertThat(store.spec().configuration().destinationPath()).startsWith("s3://");
        assertThat(store.spec().configuration().s3Credentials().secretAccessKey().name()).as("credentials by reference").isNotBlank();
        assertThat(store.spec().retentionPolicy()).matches("[1-9][0-9]*[dwm]");
        assertThat(cluster.spec().plugins()).singleElement().satisfies(plugin -> {
            assertThat(plugin.name()).isEqualTo(PLUGIN);
            assertThat(plugin.isWALArchiver()).isTrue();
            assertThat(plugin.parameters()).containsExactly(Map.entry("barmanObjectName", store.metadata().getName()));
        });
        assertThat(schedule.spec().method()).isEqualTo(CnpgModel.BackupMethod.PLUGIN);
        assertThat(schedule.spec().pluginConfiguration().name()).isEqualTo(PLUGIN);
        assertThat(schedule.spec().cluster().name()).isEqualTo(LIVE);
        assertThat(schedule.spec().schedule().split(" ")).as("six fields, seconds first").hasSize(6);
        assertThat(schedule.spec().immediate()).as("a base backup right away: a recovery needs one from before its target").isTrue();
    }

    @Test
    void aRecoveryRestoresASecondClusterBesideTheLiveOneAndTheServicesStay() {
        Manifests manifests = render(Map.of("postgres.cnpg.recovery.enabled", true, "postgres.cnpg.recovery.name", RESTORED,
                "postgres.cnpg.recovery.source", LIVE, "postgres.cnpg.recovery.targetTime", TARGET));
        CnpgModel.Cluster live = manifests.named(CnpgModel.Cluster.class, LIVE);
        CnpgModel.Cluster restored = manifests.named(CnpgModel.Cluster.class, RESTORED);

        assertThat(live.spec().bootstrap()).isNull();
        assertThat(restored.spec().bootstrap().recovery().source()).isEqualTo(LIVE);
        assertThat(restored.spec().bootstrap().recovery().recoveryTarget().targetTime()).isEqualTo(TARGET);
        assertThat(restored.spec().externalClusters()).singleElement().satisfies(source -> {
            assertThat(source.name()).isEqualTo(LIVE);
            assertThat(source.plugin().name()).isEqualTo(PLUGIN);
            // the live cluster's folder of the same store; the restored one archives into a folder of its own name
            assertThat(source.plugin().parameters()).containsEntry("barmanObjectName", "esscard-backups").containsEntry("serverName", LIVE);
        });
        assertThat(restored.spec().plugins()).isEqualTo(live.spec().plugins());
        assertThat(restored.spec().managed()).as("the same roles, passwords from the same Secrets").isEqualTo(live.spec().managed());
        assertThat(manifests.all(CnpgModel.Database.class)).allSatisfy(d -> assertThat(d.spec().cluster().name()).isEqualTo(LIVE));
        assertThat(manifests.all(CnpgModel.ScheduledBackup.class)).singleElement()
                .satisfies(s -> assertThat(s.spec().cluster().name()).isEqualTo(LIVE));
        for (String service : SERVICES) {
            assertThat(jdbcUrl(manifests, service)).as("still the live cluster while the restored one is checked").contains("//" + LIVE + "-rw:");
        }
    }

    @Test
    void theSwitchMovesEveryServiceToTheRestoredClusterAndChangesNothingInIt() {
        Map<String, Object> recovery = Map.of("postgres.cnpg.recovery.enabled", true, "postgres.cnpg.recovery.name", RESTORED,
                "postgres.cnpg.recovery.source", LIVE, "postgres.cnpg.recovery.targetTime", TARGET);
        Manifests before = render(recovery);
        Map<String, Object> switched = new HashMap<>(recovery);
        switched.put("postgres.cnpg.name", RESTORED);
        Manifests after = render(switched);

        assertThat(after.all(CnpgModel.Cluster.class)).extracting(c -> c.metadata().getName()).containsExactly(RESTORED);
        assertThat(after.named(CnpgModel.Cluster.class, RESTORED)).as("the cluster's spec, bootstrap included, as it was created")
                .isEqualTo(before.named(CnpgModel.Cluster.class, RESTORED));
        assertThat(after.all(CnpgModel.Database.class)).hasSize(SERVICES.size())
                .allSatisfy(d -> assertThat(d.spec().cluster().name()).isEqualTo(RESTORED));
        assertThat(after.all(CnpgModel.ScheduledBackup.class)).singleElement().satisfies(s -> {
            assertThat(s.metadata().getName()).as("a new one: its cluster cannot change").isEqualTo(RESTORED + "-scheduled");
            assertThat(s.spec().cluster().name()).isEqualTo(RESTORED);
        });
        for (String service : SERVICES) {
            assertThat(jdbcUrl(after, service)).contains("//" + RESTORED + "-rw:");
            NetworkPolicy policy = after.named(NetworkPolicy.class, HelmChart.workload(service + "-service"));
            assertThat(policy.getSpec().getEgress()).anySatisfy(rule -> assertThat(rule.getTo()).anySatisfy(peer ->
                    assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("cnpg.io/cluster", RESTORED)));
        }
    }

    @Test
    void aRecoveryWithoutItsBackupsOrItsNamesIsRefused() {
        assertThatThrownBy(() -> HelmChart.template(HelmChart.DIR, null, Map.of("postgres.cnpg.recovery.enabled", true,
                "postgres.cnpg.recovery.name", RESTORED, "postgres.cnpg.recovery.source", LIVE)))
                .hasMessageContaining("needs postgres.cnpg.backup.enabled");
        assertThatThrownBy(() -> render(Map.of("postgres.cnpg.recovery.enabled", true, "postgres.cnpg.recovery.name", RESTORED)))
                .hasMessageContaining("recovery.name and .source are required");
        assertThatThrownBy(() -> render(Map.of("postgres.cnpg.recovery.enabled", true, "postgres.cnpg.recovery.name", LIVE,
                "postgres.cnpg.recovery.source", LIVE)))
                .hasMessageContaining("must differ from .source");
        assertThatThrownBy(() -> render(Map.of("postgres.cnpg.recovery.enabled", true, "postgres.cnpg.recovery.name", RESTORED,
                "postgres.cnpg.recovery.source", LIVE, "postgres.cnpg.recovery.targetTime", "yesterday at noon")))
                .hasMessageContaining("targetTime");
    }

    @Test
    void anObjectStoreNeedsItsPathAndNeverAServerName() {
        assertThatThrownBy(() -> HelmChart.template(HelmChart.DIR, null, Map.of("postgres.cnpg.backup.enabled", true)))
                .hasMessageContaining("destinationPath is required");
        // the plugin keeps each cluster in a folder named by the Cluster's parameters; in the ObjectStore it must stay empty
        assertThatThrownBy(() -> render(Map.of("postgres.cnpg.backup.objectStore.serverName", "esscard-pg")))
                .hasMessageContaining("serverName");
    }

    private static Manifests render(Map<String, Object> sets) {
        return StrictManifests.parse(HelmChart.template(HelmChart.DIR, HelmChart.PRODUCTION_VALUES, sets));
    }

    private static String jdbcUrl(Manifests manifests, String service) {
        ConfigMap config = manifests.named(ConfigMap.class, HelmChart.workload(service + "-service"));
        return config.getData().get("QUARKUS_DATASOURCE_JDBC_URL");
    }
}
