package io.cocoatly.cli;

import io.cocoatly.plugin.Plugin;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;

/**
 * A plugin jar after loading: the {@link Plugin}s its service file names, each created in the jar's
 * own class loader, or why it could not be loaded. Loading never throws: a jar that is not a jar, a
 * service file naming a missing class, a constructor that throws are all a {@link #problem} naming
 * the plugin, for the caller to decide on (a changing operation refuses, a listing shows it).
 *
 * <p>The class loader sees the jar, the plugin API ({@code io.cocoatly.plugin}), the model
 * ({@code io.cocoatly.model}) and the JDK, and nothing else of Cocoatly's class path: a plugin can
 * neither reach Cocoatly's internals nor clash with the libraries Cocoatly uses (it may bundle
 * another version of Jackson), and two plugins' classes of the same name never meet.
 *
 * @param jar       the jar
 * @param plugins   the plugins it provides, in the order of its service file; empty on a problem
 * @param version   the jar manifest's {@code Implementation-Version}, if any
 * @param problem   why the jar could not be loaded, naming it; empty when it loaded
 */
record LoadedPlugin(PluginJar jar, List<Plugin> plugins, Optional<String> version, Optional<String> problem) {

    /** The packages a plugin's class loader takes from Cocoatly's: the API and what it speaks in. */
    private static final List<String> SHARED_PACKAGES = List.of("io.cocoatly.plugin.", "io.cocoatly.model.");

    LoadedPlugin {
        Objects.requireNonNull(jar, "jar");
        plugins = List.copyOf(plugins);
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(problem, "problem");
    }

    /** The plugin's name. */
    String name() {
        return jar.name();
    }

    /** Whether it loaded. */
    boolean ok() {
        return problem.isEmpty();
    }

    /** Opens {@code jar} in a class loader of its own and creates its plugins. */
    static LoadedPlugin load(PluginJar jar) {
        Optional<String> version;
        try (JarFile file = new JarFile(jar.path().toFile())) {
            var manifest = file.getManifest();
            version = Optional.ofNullable(manifest == null ? null
                    : manifest.getMainAttributes().getValue("Implementation-Version"));
        } catch (IOException | SecurityException e) {
            return failed(jar, "`" + jar.path() + "` is not a readable jar: " + e.getMessage());
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader("plugin-" + jar.name(), new URL[] {jar.path().toUri().toURL()}, ApiOnly.INSTANCE);
        } catch (MalformedURLException e) {
            return failed(jar, "cannot open `" + jar.path() + "`: " + e.getMessage());
        }
        List<Plugin> plugins = new ArrayList<>();
        try {
            for (Plugin p : ServiceLoader.load(Plugin.class, loader)) {
                plugins.add(p);
            }
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            close(loader);
            return failed(jar, "cannot load its plugin classes: " + describe(e));
        }
        if (plugins.isEmpty()) {
            close(loader);
            return failed(jar, "`" + jar.path() + "` names no plugin in META-INF/services/" + Plugin.class.getName());
        }
        // The loader stays open as long as the plugins are used: this run's.
        return new LoadedPlugin(jar, plugins, version, Optional.empty());
    }

    private static LoadedPlugin failed(PluginJar jar, String problem) {
        return new LoadedPlugin(jar, List.of(), Optional.empty(), Optional.of("plugin `" + jar.name() + "`: " + problem));
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getMessage() == null ? e.toString() : e.getMessage();
        return root == e ? text : text + " (" + root + ")";
    }

    private static void close(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            // Nothing was loaded from it that matters.
        }
    }

    /**
     * The parent of every plugin's class loader: the JDK's platform classes, and the plugin API and
     * model from Cocoatly's own loader (so a plugin's {@code Plugin} is the one Cocoatly calls).
     * Resources come from the platform alone, so Cocoatly's own service files are never seen.
     */
    private static final class ApiOnly extends ClassLoader {
        static final ApiOnly INSTANCE = new ApiOnly();
        private static final ClassLoader COCOATLY = Plugin.class.getClassLoader();

        static {
            ClassLoader.registerAsParallelCapable();
        }

        private ApiOnly() {
            super("cocoatly-plugin-api", ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            for (String shared : SHARED_PACKAGES) {
                if (name.startsWith(shared)) {
                    return COCOATLY.loadClass(name);
                }
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL getResource(String name) {
            return getParent().getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return getParent().getResources(name);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            return getParent().getResourceAsStream(name);
        }
    }
}
