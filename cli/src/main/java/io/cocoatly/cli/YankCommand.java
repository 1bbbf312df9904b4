package io.cocoatly.cli;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.registry.RegistryEditor;
import io.cocoatly.registry.http.RegistryApi;
import io.cocoatly.registry.http.RegistryLocations;
import io.cocoatly.registry.http.VersionInfo;
import io.cocoatly.transport.Transport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cocoatly yank}: withdraws a published version, or restores it with {@code --undo}. */
@Command(name = "yank", addMethodSubcommands = false,
        mixinStandardHelpOptions = true,
        description = {
            "Mark a published version as yanked, or with --undo as not yanked.",
            "Resolvers no longer choose a yanked version for new lockfiles, but a lockfile that already",
            "pins it still installs it (the artifact stays). An https --registry is changed through its",
            "API (token: $COCOATLY_REGISTRY_TOKEN)."},
        footer = {"",
            "Examples:",
            "  cocoatly yank http 1.2.2 --registry ./registry",
            "  cocoatly yank http@1.2.2 --registry ./registry --undo",
            "  cocoatly yank http@1.2.2 --registry https://registry.example/team/",
            "",
            "Exit codes: 0 done (also when the version already was in that state), 2 invalid usage,",
            "name or version, or no such registry, package or version, 4 the registry cannot be written",
            "or the server refused.",
            "See docs/publishing.md."})
final class YankCommand implements Callable<Integer> {

    private final Context context;

    @Parameters(index = "0", paramLabel = "NAME[@VERSION]", description = "The package name, or NAME@VERSION.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION",
            description = "The exact version, e.g. 1.2.2, unless given as NAME@VERSION.")
    String version;

    @Option(names = "--registry", paramLabel = "DIR|URL",
            description = "The registry directory, or the https URL of a registry with an API (default: the configured"
                    + " registry, as for every command).")
    String registry;

    @Option(names = "--undo", description = "Un-yank: make the version selectable again.")
    boolean undo;

    @Option(names = "--json", description = "Print the JSON envelope: data = {\"name\", \"version\", \"yanked\", \"changed\"}.")
    boolean json;

    YankCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PackageId asked = id();
        PackageId id = asked;
        CommandSettings settings = CommandSettings.load(context, "cocoatly yank", ManifestLocator.locate(context, null),
                registry);
        registry = registry != null ? registry : settings.requireRegistry();
        boolean before;
        if (RegistryLocations.isRemote(registry)) {
            before = yankThroughApi(settings, id);
        } else {
            // The registry's spelling of the version is shown: `1.0.0` finds `1.0.0+linux`.
            try (RegistryEditor editor = RegistryEditor.open(context.path(registry))) {
                PublishCommand.reportLeftovers(context, editor);
                before = editor.listing(asked.name())
                        .flatMap(l -> l.releases().stream().filter(r -> r.version().equals(asked.version())).findFirst())
                        .map(Release::yanked).orElse(false);
                id = editor.yank(asked.name(), asked.version(), !undo).id();
            }
        }
        boolean now = !undo;
        boolean changed = before != now;
        if (json) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("name", id.name().value());
            data.put("version", id.version().toString());
            data.put("yanked", now);
            data.put("changed", changed);
            Json.write(context.out(), Envelope.success(data));
        } else {
            context.out().println(changed ? (now ? "yanked " : "un-yanked ") + id
                    : id + " was already " + (now ? "yanked" : "not yanked"));
            context.out().flush();
        }
        return ExitCodes.OK;
    }

    /** Yanks or un-yanks through the API, after asking it the version's state (for "changed"). */
    private boolean yankThroughApi(CommandSettings settings, PackageId id) {
        try (Transport transport = RegistryApiAccess.transport(settings)) {
            RegistryApi api = RegistryApiAccess.require(settings, transport, registry, "cocoatly yank");
            boolean before = api.info(id.name()).versions().stream().filter(v -> v.version().equals(id.version()))
                    .findFirst().map(VersionInfo::yanked).orElse(false);
            if (undo) {
                api.unyank(id.name(), id.version());
            } else {
                api.yank(id.name(), id.version());
            }
            return before;
        }
    }

    /** {@code NAME VERSION} or {@code NAME@VERSION}, but not both and not neither. */
    private PackageId id() {
        int at = name.indexOf('@');
        if ((at >= 0) == (version != null)) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", at >= 0
                    ? "the version is given twice: `" + name + "` and `" + version + "`"
                    : "which version of `" + name + "`? Give NAME VERSION or NAME@VERSION",
                    List.of("e.g. `cocoatly yank http@1.2.2 --registry ./registry`"));
        }
        String n = at >= 0 ? name.substring(0, at) : name;
        String v = at >= 0 ? name.substring(at + 1) : version;
        return new PackageId(PackageName.of(n), Version.parse(v));
    }
}
