package io.cocoatly.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Real plugin jars for tests, compiled from Java source text with the JDK's compiler against the
 * test's own class path (so the plugin API is there), with the service file
 * {@code META-INF/services/io.cocoatly.plugin.Plugin} listing the given providers:
 *
 * <pre>
 * Path jar = PluginJars.builder()
 *         .source("demo.Recorder", "package demo; public class Recorder implements io.cocoatly.plugin.Plugin {}")
 *         .provider("demo.Recorder")
 *         .write(home.pluginsDir().resolve("recorder.jar"));
 * </pre>
 */
public final class PluginJars {

    /** The service file a plugin jar lists its providers in. */
    public static final String SERVICE_FILE = "META-INF/services/io.cocoatly.plugin.Plugin";

    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> providers = new ArrayList<>();
    private final Map<String, byte[]> resources = new LinkedHashMap<>();
    private String version;

    private PluginJars() {
    }

    /** A new, empty jar description. */
    public static PluginJars builder() {
        return new PluginJars();
    }

    /** Adds the class {@code className} (fully qualified) with source {@code text}. */
    public PluginJars source(String className, String text) {
        sources.put(className, text);
        return this;
    }

    /** Lists {@code className} in the service file, in call order. */
    public PluginJars provider(String className) {
        providers.add(className);
        return this;
    }

    /** Adds a file at {@code path} inside the jar. */
    public PluginJars resource(String path, String text) {
        resources.put(path, text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Sets the manifest's {@code Implementation-Version}. */
    public PluginJars version(String implementationVersion) {
        this.version = implementationVersion;
        return this;
    }

    /**
     * Compiles the sources and writes the jar at {@code jar} (its directory is created).
     *
     * @return {@code jar}
     * @throws IllegalStateException with the compiler's messages if a source does not compile
     */
    public Path write(Path jar) {
        try {
            Path classes = Files.createTempDirectory("plugin-classes");
            try {
                compile(classes);
                Files.createDirectories(jar.toAbsolutePath().getParent());
                Manifest manifest = new Manifest();
                manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
                if (version != null) {
                    manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
                }
                try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
                    List<Path> files;
                    try (Stream<Path> walk = Files.walk(classes)) {
                        files = walk.filter(Files::isRegularFile).sorted().toList();
                    }
                    for (Path f : files) {
                        put(out, classes.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                    }
                    if (!providers.isEmpty()) {
                        put(out, SERVICE_FILE, (String.join("\n", providers) + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                    for (Map.Entry<String, byte[]> r : resources.entrySet()) {
                        put(out, r.getKey(), r.getValue());
                    }
                }
                return jar;
            } finally {
                deleteQuietly(classes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    private void compile(Path classes) throws IOException {
        if (sources.isEmpty()) {
            return;
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler: run the tests on a JDK, not a JRE");
        }
        Path src = Files.createTempDirectory("plugin-sources");
        try {
            List<Path> files = new ArrayList<>();
            for (Map.Entry<String, String> s : sources.entrySet()) {
                Path f = src.resolve(s.getKey().replace('.', '/') + ".java");
                Files.createDirectories(f.getParent());
                Files.writeString(f, s.getValue());
                files.add(f);
            }
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager fm = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
                List<String> options = List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path"),
                        "--release", "17", "-proc:none");
                boolean ok = compiler.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files)).call();
                if (!ok) {
                    StringBuilder text = new StringBuilder("plugin sources do not compile:");
                    diagnostics.getDiagnostics().forEach(d -> text.append('\n').append(d));
                    throw new IllegalStateException(text.toString());
                }
            }
        } finally {
            deleteQuietly(src);
        }
    }
}
