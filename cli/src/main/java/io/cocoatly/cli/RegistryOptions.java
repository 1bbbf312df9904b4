package io.cocoatly.cli;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.registry.FileRegistry;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options the resolving commands share: where the registry is and the version policy. */
final class RegistryOptions {

    /** How help describes where the registry comes from without {@code --registry}. */
    static final String DEFAULT = "default: $COCOATLY_REGISTRY, else the `registry.url` setting of the project's"
            + " or the home's config.json";

    @Option(names = CommandSettings.REGISTRY_FLAG, paramLabel = "DIR|URL",
            description = "Registry directory or URL (" + DEFAULT + ").")
    String registry;

    @Mixin
    RemoteFlags remote;

    @Option(names = "--multiple-versions", paramLabel = "POLICY", defaultValue = "one",
            description = "How many versions of a package may be selected: `one` (default) or `semver-major`"
                    + " (one per compatibility class, as Cargo does).")
    String multipleVersions;

    /** The settings of {@code command}, with {@code --registry} as the highest layer. */
    CommandSettings settings(Context context, String command, Path manifest) {
        return CommandSettings.load(context, command, manifest, registry, remote);
    }

    /** The policy {@code --multiple-versions} names, spelled as {@link VersionPolicy#fromOption} reads it. */
    VersionPolicy policy() {
        return VersionPolicy.fromOption(multipleVersions).orElseThrow(() -> new CocoatlyException(ErrorKind.INVALID_INPUT, "usage",
                "invalid value for `--multiple-versions`: `" + multipleVersions + "`",
                List.of("use " + String.join(" or ", VersionPolicy.options().stream().map(o -> "`" + o + "`").toList()))));
    }
}
