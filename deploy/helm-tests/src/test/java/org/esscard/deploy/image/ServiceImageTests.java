package org.esscard.deploy.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The image tool on a stand-in fast-jar and runtime (the real jlink takes ~10 s; docs/KUBERNETES.md has the
 * real build): the tarball loads as a Docker image whose config runs the jar as the non-root user.
 */
class ServiceImageTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesARunnableNonRootImageOfTheFastJar(@TempDir Path dir) throws Exception {
        Path app = dir.resolve("quarkus-app");
        write(app.resolve("quarkus-run.jar"), "run");
        write(app.resolve("lib/boot/boot.jar"), "boot");
        write(app.resolve("lib/main/dependency.jar"), "dependency");
        write(app.resolve("quarkus/quarkus-application.dat"), "dat");
        write(app.resolve("app/permit-service.jar"), "service");
        Path jre = dir.resolve("jre");
        write(jre.resolve("bin/java"), "#!/bin/true");
        Files.setPosixFilePermissions(jre.resolve("bin/java"), PosixFilePermissions.fromString("rwxr-xr-x"));
        write(jre.resolve("lib/modules"), "modules");
        Path rootfs = dir.resolve("rootfs");
        write(rootfs.resolve("etc/passwd"), "esscard:x:10001:10001::/deployments:/sbin/nologin\n");
        Files.createDirectories(rootfs.resolve("tmp"));

        ServiceImage.Result result = ServiceImage.build(new ServiceImage.Plan(app, jre, rootfs, 8083,
                "esscard/permit-service:test", Map.of("org.opencontainers.image.title", "permit-service")), dir.resolve("out/image.tar"));

        Map<String, byte[]> files = untar(result.tarball());
        JsonNode manifest = JSON.readTree(files.get("manifest.json")).get(0);
        assertThat(manifest.get("RepoTags").get(0).asText()).isEqualTo("esscard/permit-service:test");
        JsonNode config = JSON.readTree(files.get(manifest.get("Config").asText())).get("config");
        assertThat(config.get("User").asText()).isEqualTo("10001:10001");
        assertThat(config.get("WorkingDir").asText()).isEqualTo("/deployments");
        assertThat(config.get("Entrypoint")).extracting(JsonNode::asText)
                .containsExactly("/opt/java/bin/java", "-Djava.awt.headless=true", "-Djava.io.tmpdir=/tmp", "-jar", "/deployments/quarkus-run.jar");
        assertThat(config.get("ExposedPorts").has("8083/tcp")).isTrue();
        assertThat(result.layers()).isEqualTo(6);

        Map<String, Integer> modes = new HashMap<>();
        for (JsonNode layer : manifest.get("Layers")) {
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(files.get(layer.asText()))))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    modes.put(entry.getName().replaceAll("/$", ""), entry.getMode() & 07777);
                }
            }
        }
        assertThat(modes).containsEntry("opt/java/bin/java", 0755).containsEntry("deployments/quarkus-run.jar", 0644)
                .containsEntry("deployments/lib/main/dependency.jar", 0644).containsEntry("etc/passwd", 0644)
                .containsKeys("deployments/app/permit-service.jar", "deployments/quarkus/quarkus-application.dat", "tmp");
    }

    @Test
    void theImageRuntimeIsTheNewestJdk21OrLaterNeverTheBuildsJdk17(@TempDir Path dir) throws Exception {
        Path jvm = dir.resolve("jvm");
        Path jdk17 = jdk(jvm.resolve("java-17-openjdk-amd64"), "17.0.15");
        Path jdk21 = jdk(jvm.resolve("java-21-openjdk-amd64"), "21.0.7");
        Path jdk25 = jdk(jvm.resolve("temurin-25-jdk-amd64"), "25.0.3");
        Files.createDirectories(jvm.resolve("no-jdk-here"));

        assertThat(ServiceImage.runtimeJdk(Optional.empty(), jvm, jdk17)).isEqualTo(jdk25);
        assertThat(ServiceImage.runtimeJdk(Optional.of(jdk21), jvm, jdk17)).isEqualTo(jdk21);
        assertThatThrownBy(() -> ServiceImage.runtimeJdk(Optional.of(jdk17), jvm, jdk17))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JDK 21 or newer");
        Path only17 = dir.resolve("only17");
        jdk(only17.resolve("java-17-openjdk-amd64"), "17.0.15");
        assertThatThrownBy(() -> ServiceImage.runtimeJdk(Optional.empty(), only17, jdk17))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no JDK 21+");
    }

    private static Path jdk(Path home, String version) throws IOException {
        write(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\nJAVA_RUNTIME_VERSION=\"" + version + "+1\"\n");
        write(home.resolve("bin/jlink"), "#!/bin/true");
        return home;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static Map<String, byte[]> untar(Path tarball) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(tarball)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                files.put(entry.getName(), tar.readAllBytes());
            }
        }
        return files;
    }
}
