package io.cocoatly.cli;

import io.cocoatly.config.Config;
import io.cocoatly.config.ConfigFlag;
import io.cocoatly.config.ConfigLayers;
import io.cocoatly.config.ConfigWarning;
import io.cocoatly.config.Home;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.registry.RegistrySources;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The settings one command runs with, read in layers (docs/config.md): defaults, the home's
 * {@code config.json}, the project's {@code .cocoatly/config.json}, {@code COCOATLY_*} variables and
 * the command's flags. And so the one place that decides where the registry is, for every command:
 * {@code --registry}, else {@code COCOATLY_REGISTRY_URL} / {@code COCOATLY_REGISTRY}, else the
 * project's {@code registry.url}, else the home's.
 *
 * @param command as errors name it, e.g. {@code cocoatly lock}
 */
record CommandSettings(String command, Home home, Config config, LeftOutWarnings leftOut) {

    /** The flag every registry-reading command has, as errors name it. */
    static final String REGISTRY_FLAG = "--registry";

    /** What every warning printed on stderr starts with. */
    static final String WARNING = "warning: ";

    /**
     * Reads the settings for a command run in {@code context}.
     *
     * @param manifest     the project's {@code cocoatly.json}; its directory's configuration is read
     *                     when it exists
     * @param registryFlag {@code --registry} as typed, or null
     */
    static CommandSettings load(Context context, String command, Path manifest, String registryFlag) {
        String userHome = context.env().getOrDefault("HOME", System.getProperty("user.home"));
        Home home = Home.locate(context.env(), userHome == null ? null : Path.of(userHome));
        ConfigLayers layers = ConfigLayers.of(home).withEnvironment(context.env(), context.cwd());
        Path absolute = manifest.toAbsolutePath().normalize();
        if (Files.isRegularFile(absolute)) {
            layers = layers.withProject(absolute.getParent());
        }
        if (registryFlag != null) {
            layers = layers.withFlag(new ConfigFlag(REGISTRY_FLAG, "registry.url", registryFlag));
        }
        return new CommandSettings(command, home, layers.read(), new LeftOutWarnings());
    }

    /**
     * The warnings of every layer, then those of the release entries the registry left out so far,
     * as text output prints them after {@code warning: } and JSON lists them. Call it once the
     * command has read what it needs from the registry, so that the list is complete.
     */
    List<String> warnings() {
        List<String> all = new ArrayList<>(config.warnings().stream().map(ConfigWarning::text).toList());
        all.addAll(leftOut.texts());
        return all;
    }

    /**
     * Prints the warnings on stderr, for text output: those of the settings and of the entries the
     * registry left out so far now, and every entry left out later as soon as it is found.
     */
    void printWarnings(Context context) {
        PrintWriter err = context.err();
        config.warnings().forEach(w -> err.println(WARNING + w.text()));
        err.flush();
        leftOut.printLive(err);
    }

    /**
     * For a command that gathers warnings of its own and shows them at the end: under {@code --json},
     * {@link #warnings()} (complete by now) followed by {@code own}; in text mode {@code own} alone,
     * since {@link #printWarnings} already printed the settings' and prints the registry's as found.
     */
    List<String> warningsAnd(List<String> own, boolean json) {
        if (!json) {
            return own;
        }
        List<String> all = new ArrayList<>(warnings());
        all.addAll(own);
        return all;
    }

    /** The registry location, a path or a URL, from the highest layer that names one. */
    Optional<String> registry() {
        return config.registry().url();
    }

    /**
     * The registry, for resolving.
     *
     * @throws CocoatlyException with code {@code usage} if no layer names one, or what
     *     {@link RegistrySources#open} throws (an HTTP URL is not yet readable)
     */
    FileRegistry openRegistry() {
        return openRegistryIfGiven().orElseThrow(() -> new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "no registry given: `"
                + REGISTRY_FLAG + "` is not set, nor `" + ConfigLayers.REGISTRY_VARIABLE + "`, nor `registry.url` in"
                + " a config file", List.of("pass `--registry DIR`, set " + ConfigLayers.REGISTRY_VARIABLE + ", or set"
                + " `registry.url` in the project's `.cocoatly/config.json` or the home's `config.json`")));
    }

    /** The registry if some layer names one; for commands that can do without. */
    Optional<FileRegistry> openRegistryIfGiven() {
        return registry().map(location -> FileRegistry.open(RegistrySources.open(location, command), leftOut));
    }

    /** The registry root that relative artifact URLs resolve against, if a registry is named. */
    Optional<URI> registryRoot() {
        return registry().map(RegistrySources::root);
    }
}
