package org.esscard.deploy.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
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
