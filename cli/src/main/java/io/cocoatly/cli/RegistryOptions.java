package io.cocoatly.cli;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.registry.FileRegistry;
import java.util.List;
import picocli.CommandLine.Option;

/** The options {@code resolve} and {@code check} share: where the registry is and the version policy. */
final class RegistryOptions {

    /** The environment variable naming the default registry directory. */
    static final String REGISTRY_ENV = "COCOATLY_REGISTRY";

    @Option(names = "--registry", paramLabel = "DIR",
            description = "Registry directory (default: $" + REGISTRY_ENV + ").")
    String registry;

    @Option(names = "--multiple-versions", paramLabel = "POLICY", defaultValue = "one",
            description = "How many versions of a package may be selected: `one` (default) or `semver-major`"
                    + " (one per compatibility class, as Cargo does).")
    String multipleVersions;

    /** Opens the registry named by {@code --registry}, else by the environment. */
    FileRegistry open(Context context) {
        String dir = registry != null ? registry : context.env().get(REGISTRY_ENV);
        if (dir == null || dir.isBlank()) {
            throw new CocoatlyException("usage", "no registry given: `--registry` is not set and neither is `"
                    + REGISTRY_ENV + "`", List.of("pass `--registry DIR` or set " + REGISTRY_ENV));
        }
        return FileRegistry.open(context.path(dir));
    }

    /** The policy {@code --multiple-versions} names, spelled as {@link VersionPolicy#fromOption} reads it. */
    VersionPolicy policy() {
        return VersionPolicy.fromOption(multipleVersions).orElseThrow(() -> new CocoatlyException("usage",
                "invalid value for `--multiple-versions`: `" + multipleVersions + "`",
                List.of("use " + String.join(" or ", VersionPolicy.options().stream().map(o -> "`" + o + "`").toList()))));
    }
}
