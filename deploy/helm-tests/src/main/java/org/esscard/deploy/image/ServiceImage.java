package org.esscard.deploy.image;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;

/**
 * Builds a service's container image as a tarball, with neither a Docker engine nor a registry: Jib (jib-core)
 * writes the image from scratch. Quarkus' own Jib extension cannot do that here: it only loads into a Docker
 * daemon or pushes to a registry, and its base image must come from a registry this machine cannot reach.
 *
 * <p>Layers, least to most often changed:
 * <ol>
 *   <li>{@code os}: the shared libraries the JRE links against (ldd), the dynamic loader, {@code /etc/passwd}
 *       with the non-root user 10001, {@code /tmp};</li>
 *   <li>{@code jre}: a jlink runtime in {@code /opt/java} (headless: no X11 or sound) of a JDK 21 or newer
 *       ({@link #runtimeJdk}: the one named, else the newest under {@code /usr/lib/jvm}, Temurin 25 on these
 *       machines); the jars are built for 17, the image runs them on the newer JVM, which starts faster;</li>
 *   <li>the Quarkus fast-jar as Quarkus' Jib extension layers it: {@code lib}, {@code quarkus-run.jar},
 *       {@code quarkus}, {@code app}, in {@code /deployments}.</li>
 * </ol>
 * The entrypoint is {@code java -jar /deployments/quarkus-run.jar}; JVM options come from JAVA_TOOL_OPTIONS.
 *
 * <p>Usage: {@code ServiceImage <repository root> <module> <port> <image reference> [<jdk home>]}; the tarball
 * goes to {@code <module>/target/<module>-image.tar} (Docker format: {@code docker load}, {@code podman load},
 * {@code skopeo copy docker-archive:...}). With {@code --base} for the module, only the OS and JRE layers are
 * written, to {@code deploy/helm-tests/target/image-work/jre-base.tar}: a base image for Quarkus' Jib extension
 * where no registry serves a JRE image.
 */
public final class ServiceImage {

    public static final int USER = 10001;
    public static final String APP_DIR = "/deployments";
    public static final String JAVA_HOME = "/opt/java";
    /** The oldest JDK an image's runtime may come from. */
    public static final int MIN_RUNTIME_FEATURE = 21;

    /** Java SE plus what Quarkus, Netty, the Kafka client and the ES256 keys need; Chinese and English locale data. */
    static final String MODULES = "java.se,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.localedata,jdk.unsupported,jdk.zipfs,"
            + "jdk.naming.dns,jdk.management,jdk.jfr";
    /** Native libraries of the JRE that need X11 or ALSA; a headless server never loads them. */
    static final Set<String> DESKTOP_LIBRARIES = Set.of("libawt_xawt.so", "libjawt.so", "libsplashscreen.so", "libjsound.so");

    private static final Pattern LDD_LINE = Pattern.compile("^\\s*(\\S+)\\s+=>\\s+(/\\S+)\\s+\\(");
    private static final Pattern LDD_LOADER = Pattern.compile("^\\s*(/\\S+)\\s+\\(");
    private static final FilePermissions READ_ONLY = FilePermissions.fromOctalString("644");
    private static final FilePermissions EXECUTABLE = FilePermissions.fromOctalString("755");

    private ServiceImage() {
    }

    /** What to put in an image. {@code jre} is a runtime image (jlink output); {@code rootfs} extra OS files. */
    public record Plan(Path quarkusApp, Path jre, Path rootfs, int port, String reference, Map<String, String> labels) {
    }

    /** Sizes of a built tarball: the layers as stored (gzip) and unpacked. */
    public record Result(Path tarball, String digest, long compressedBytes, long uncompressedBytes, int layers) {
        @Override
        public String toString() {
            return String.format("%s: %d layers, %.1f MiB compressed, %.1f MiB unpacked, tarball %.1f MiB, digest %s",
                    tarball.getFileName(), layers, mib(compressedBytes), mib(uncompressedBytes), mib(size(tarball)), digest);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: ServiceImage <repository root> <module> <port> <image reference> [<jdk home>]");
            System.exit(2);
        }
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        String module = args[1];
        int port = Integer.parseInt(args[2]);
        String reference = args[3];
        Path jdk = runtimeJdk(args.length > 4 ? Optional.of(Path.of(args[4])) : Optional.ofNullable(System.getenv("ESSCARD_JAVA_HOME"))
                .filter(h -> !h.isBlank()).map(Path::of), Path.of("/usr/lib/jvm"), Path.of(System.getProperty("java.home")));
        Path work = root.resolve("deploy/helm-tests/target/image-work");
        if (module.equals("--base")) {
            Path jre = jlink(jdk, work.resolve("jre-" + jdkRelease(jdk)));
            Path rootfs = nativeRootfs(jre, work.resolve("rootfs-" + jdkRelease(jdk)));
            Result base = buildBase(jre, rootfs, reference, Map.of("org.esscard.image.jre", "jlink of " + jdk + " (" + jdkRelease(jdk) + ")",
                    "org.esscard.image.os-packages", debianPackages(rootfs)), work.resolve("jre-base.tar"));
            System.out.printf("%s%n%s%n", reference, base);
            return;
        }
        Path quarkusApp = root.resolve(module).resolve("target/quarkus-app");
        if (!Files.isRegularFile(quarkusApp.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(quarkusApp + " has no quarkus-run.jar: package the module first ("
                    + "./mvnw -B -pl " + module + " package -DskipTests)");
        }
        long t0 = System.nanoTime();
        Path jre = jlink(jdk, work.resolve("jre-" + jdkRelease(jdk)));
        Path rootfs = nativeRootfs(jre, work.resolve("rootfs-" + jdkRelease(jdk)));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", module);
        labels.put("org.opencontainers.image.version", reference.substring(reference.lastIndexOf(':') + 1));
        labels.put("org.opencontainers.image.base.name", "scratch");
        labels.put("org.esscard.image.jre", "jlink of " + jdk + " (" + jdkRelease(jdk) + ")");
        labels.put("org.esscard.image.os-packages", debianPackages(rootfs));
        Path tarball = root.resolve(module).resolve("target").resolve(module + "-image.tar");
        Result result = build(new Plan(quarkusApp, jre, rootfs, port, reference, labels), tarball);
        System.out.printf("%s built in %.1f s%n%s%n", reference, (System.nanoTime() - t0) / 1e9, result);
    }

    /** Writes the image as a tarball and measures it. */
    public static Result build(Plan plan, Path tarball) throws Exception {
        Files.createDirectories(tarball.getParent());
        JibContainerBuilder image = Jib.fromScratch()
                .setFormat(ImageFormat.Docker)
                .setCreationTime(Instant.EPOCH)
                .addFileEntriesLayer(directoryLayer("os", plan.rootfs(), AbsoluteUnixPath.get("/")))
                .addFileEntriesLayer(directoryLayer("jre", plan.jre(), AbsoluteUnixPath.get(JAVA_HOME)));
        Path app = plan.quarkusApp();
        AbsoluteUnixPath appDir = AbsoluteUnixPath.get(APP_DIR);
        image.addFileEntriesLayer(directoryLayer("lib", app.resolve("lib"), appDir.resolve("lib")))
                .addFileEntriesLayer(FileEntriesLayer.builder().setName("quarkus-run.jar")
                        .addEntry(entry(app.resolve("quarkus-run.jar"), appDir.resolve("quarkus-run.jar"))).build())
                .addFileEntriesLayer(directoryLayer("quarkus", app.resolve("quarkus"), appDir.resolve("quarkus")))
                .addFileEntriesLayer(directoryLayer("app", app.resolve("app"), appDir.resolve("app")))
                .setEntrypoint(JAVA_HOME + "/bin/java", "-Djava.awt.headless=true", "-Djava.io.tmpdir=/tmp",
                        "-jar", APP_DIR + "/quarkus-run.jar")
                .setWorkingDirectory(appDir)
                .setUser(USER + ":" + USER)
                .setExposedPorts(Set.of(Port.tcp(plan.port())))
                .setEnvironment(Map.of("JAVA_HOME", JAVA_HOME, "PATH", JAVA_HOME + "/bin", "LANG", "C.UTF-8"))
                .setLabels(plan.labels());
        Path cache = tarball.getParent().resolve("jib-cache");
        JibContainer container = image.containerize(Containerizer.to(TarImage.at(tarball).named(plan.reference()))
                .setApplicationLayersCache(cache)
                .setBaseImageLayersCache(cache)
                .setOfflineMode(true)
                .setToolName("esscard-service-image"));
        return measure(tarball, container.getDigest().toString());
    }

    /** The OS and JRE layers alone, with the non-root user and the JRE on the PATH. */
    public static Result buildBase(Path jre, Path rootfs, String reference, Map<String, String> labels, Path tarball) throws Exception {
        Files.createDirectories(tarball.getParent());
        JibContainer container = Jib.fromScratch()
                .setFormat(ImageFormat.Docker)
                .setCreationTime(Instant.EPOCH)
                .addFileEntriesLayer(directoryLayer("os", rootfs, AbsoluteUnixPath.get("/")))
                .addFileEntriesLayer(directoryLayer("jre", jre, AbsoluteUnixPath.get(JAVA_HOME)))
                .setWorkingDirectory(AbsoluteUnixPath.get(APP_DIR))
                .setUser(USER + ":" + USER)
                .setEnvironment(Map.of("JAVA_HOME", JAVA_HOME, "PATH", JAVA_HOME + "/bin", "LANG", "C.UTF-8"))
                .setLabels(labels)
                .containerize(Containerizer.to(TarImage.at(tarball).named(reference))
                        .setApplicationLayersCache(tarball.getParent().resolve("jib-cache"))
                        .setBaseImageLayersCache(tarball.getParent().resolve("jib-cache"))
                        .setOfflineMode(true)
                        .setToolName("esscard-service-image"));
        return measure(tarball, container.getDigest().toString());
    }

    /** A jlink runtime of the JDK, made once per JDK release and reused. */
    static Path jlink(Path jdk, Path output) throws IOException, InterruptedException {
        if (Files.isRegularFile(output.resolve("bin/java"))) {
            return output;
        }
        deleteTree(output);
        Files.createDirectories(output.getParent());
        run(List.of(jdk.resolve("bin/jlink").toString(), "--add-modules", MODULES, "--include-locales=en,zh",
                "--strip-debug", "--no-man-pages", "--no-header-files", "--compress=zip-6", "--output", output.toString()));
        for (String library : DESKTOP_LIBRARIES) {
            Files.deleteIfExists(output.resolve("lib").resolve(library));
        }
        return output;
    }

    /**
     * The OS part of the image: every shared library the JRE's executables and libraries link against (as ldd
     * resolves them on this machine), the dynamic loader, and the files a JVM expects in /etc.
     */
    static Path nativeRootfs(Path jre, Path output) throws IOException, InterruptedException {
        deleteTree(output);
        Set<Path> libraries = new TreeSet<>();
        List<Path> elves;
        try (Stream<Path> files = Files.walk(jre)) {
            elves = files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".so") || f.getParent().getFileName().toString().equals("bin"))
                    .collect(Collectors.toList());
        }
        for (Path elf : elves) {
            for (String line : run(List.of("ldd", elf.toString())).split("\n")) {
                Matcher linked = LDD_LINE.matcher(line);
                Matcher loader = LDD_LOADER.matcher(line);
                if (linked.find() && !linked.group(2).startsWith(jre.toString())) {
                    libraries.add(Path.of(linked.group(2)));
                } else if (loader.find() && !line.contains("=>")) {
                    libraries.add(Path.of(loader.group(1)));
                }
            }
        }
        // glibc loads it itself when a thread is cancelled or unwound; ldd does not show it
        Path gccS = Path.of("/lib/x86_64-linux-gnu/libgcc_s.so.1");
        if (Files.exists(gccS)) {
            libraries.add(gccS);
        }
        for (Path library : libraries) {
            // the loader looks the library up by this path: copy the file behind any symlink to it
            Path target = output.resolve(library.toString().substring(1));
            Files.createDirectories(target.getParent());
            Files.copy(library.toRealPath(), target);
        }
        Path etc = Files.createDirectories(output.resolve("etc"));
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/sbin/nologin\n"
                + "esscard:x:" + USER + ":" + USER + ":eSSCard:" + APP_DIR + ":/sbin/nologin\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\nesscard:x:" + USER + ":\n");
        Files.writeString(etc.resolve("nsswitch.conf"), "passwd: files\ngroup: files\nhosts: files dns\n");
        Files.createDirectories(output.resolve("tmp"));
        return output;
    }

    /** The Debian packages the OS layer's files come from, with versions (empty where dpkg is missing). */
    static String debianPackages(Path rootfs) {
        try (Stream<Path> files = Files.walk(rootfs)) {
            List<String> libs = files.filter(Files::isRegularFile).filter(f -> f.toString().contains("/lib"))
                    .map(f -> "/" + rootfs.relativize(f)).collect(Collectors.toList());
            Set<String> packages = new TreeSet<>();
            for (String lib : libs) {
                // Debian 12 has merged /usr: a package may list the file under /usr/lib or /lib
                for (String candidate : List.of(lib, "/usr" + lib)) {
                    String found = run(List.of("dpkg", "-S", candidate)).trim();
                    if (!found.startsWith("dpkg") && found.contains(":")) {
                        String owner = found.substring(0, found.indexOf(':'));
                        packages.add(owner + "=" + run(List.of("dpkg-query", "-W", "-f=${Version}", owner)).trim());
                        break;
                    }
                }
            }
            return String.join(",", packages);
        } catch (Exception e) {
            return "";
        }
    }

    /** A layer of every file and directory under {@code source}, keeping executable bits (as 755, others 644). */
    static FileEntriesLayer directoryLayer(String name, Path source, AbsoluteUnixPath target) throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        List<Path> paths;
        try (Stream<Path> files = Files.walk(source)) {
            paths = files.sorted().collect(Collectors.toList());
        }
        for (Path path : paths) {
            if (path.equals(source)) {
                continue;
            }
            AbsoluteUnixPath inImage = target.resolve(source.relativize(path).toString());
            if (Files.isDirectory(path)) {
                FilePermissions dirPermissions = inImage.toString().equals("/tmp") ? FilePermissions.fromOctalString("777") : EXECUTABLE;
                layer.addEntry(new FileEntry(path, inImage, dirPermissions, FileEntriesLayer.DEFAULT_MODIFICATION_TIME));
            } else {
                layer.addEntry(entry(path, inImage));
            }
        }
        return layer.build();
    }

    private static FileEntry entry(Path file, AbsoluteUnixPath inImage) throws IOException {
        boolean executable = Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE);
        return new FileEntry(file, inImage, executable ? EXECUTABLE : READ_ONLY, FileEntriesLayer.DEFAULT_MODIFICATION_TIME);
    }

    /** Sizes of the layer blobs in a Docker-format image tarball. */
    static Result measure(Path tarball, String digest) throws IOException {
        long compressed = 0;
        long uncompressed = 0;
        int layers = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(tarball)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.getName().endsWith(".tar.gz")) {
                    layers++;
                    compressed += entry.getSize();
                    uncompressed += countBytes(new GZIPInputStream(tar));
                }
            }
        }
        return new Result(tarball, digest, compressed, uncompressed, layers);
    }

    private static long countBytes(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
        }
        return total;
    }

    /**
     * The JDK whose jlink runtime goes into the image: {@code named} when given (it must be 21 or newer), else the
     * newest JDK 21+ in {@code jvmDir}, else {@code current} when it is 21 or newer.
     */
    static Path runtimeJdk(Optional<Path> named, Path jvmDir, Path current) throws IOException {
        if (named.isPresent()) {
            int feature = jdkFeature(named.get());
            if (feature < MIN_RUNTIME_FEATURE) {
                throw new IllegalArgumentException(named.get() + " is JDK " + feature + "; an image's runtime must be JDK "
                        + MIN_RUNTIME_FEATURE + " or newer");
            }
            return named.get();
        }
        List<Path> candidates = new java.util.ArrayList<>();
        if (Files.isDirectory(jvmDir)) {
            try (Stream<Path> homes = Files.list(jvmDir)) {
                homes.filter(h -> !Files.isSymbolicLink(h) && Files.isRegularFile(h.resolve("bin/jlink"))).forEach(candidates::add);
            }
        }
        candidates.add(current);
        return candidates.stream().filter(h -> jdkFeature(h) >= MIN_RUNTIME_FEATURE)
                .max(Comparator.comparingInt(ServiceImage::jdkFeature).thenComparing(Path::toString))
                .orElseThrow(() -> new IllegalStateException("no JDK " + MIN_RUNTIME_FEATURE + "+ with jlink in " + jvmDir
                        + " nor at " + current + ": install one (e.g. Temurin 25) or pass its home as the last argument"));
    }

    /** The feature version of a JDK home (25 for 25.0.3) from its {@code release} file; 0 when it has none. */
    static int jdkFeature(Path jdk) {
        try {
            return Files.readAllLines(jdk.resolve("release")).stream().filter(l -> l.startsWith("JAVA_VERSION="))
                    .map(l -> l.substring(l.indexOf('=') + 1).replace("\"", "").split("[.+-]")[0])
                    .filter(v -> v.matches("\\d+")).map(Integer::parseInt).findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    static String jdkRelease(Path jdk) {
        try {
            return Files.readAllLines(jdk.resolve("release")).stream().filter(l -> l.startsWith("JAVA_RUNTIME_VERSION="))
                    .map(l -> l.substring(l.indexOf('=') + 1).replace("\"", "")).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        if (process.exitValue() != 0 && command.get(0).endsWith("jlink")) {
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
