package io.cocoatly.cli;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.ManifestMetadata;
import io.cocoatly.model.PackageName;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.project.KnownPackages;
import io.cocoatly.registry.http.PackageInfo;
import io.cocoatly.registry.http.RegistryApi;
import io.cocoatly.registry.http.VersionInfo;
import io.cocoatly.registry.server.ServerState;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cocoatly info}: what a registry knows of one package. */
@Command(name = "info", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"Show what a registry knows of a package.",
            "Its description, its versions newest first with their dates and yanked marks, the",
            "dependencies of its newest version, and its owners and downloads.",
            "What the registry does not know is left out: a registry without an API (a directory, a",
            "static server) knows versions, yanked marks and dependencies only."},
        footer = {"", "Examples:",
            "  cocoatly info http --registry ./registry",
            "  cocoatly info http --registry https://registry.example/team/ --json",
            "", "Exit codes: 0 shown, 2 invalid input, no registry, or no such package,",
            "4 the registry could not be reached."})
final class InfoCommand implements Callable<Integer> {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final Context context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The package name.")
    String name;

    @Option(names = CommandSettings.REGISTRY_FLAG, paramLabel = "DIR|URL",
            description = "Registry directory or URL (" + RegistryOptions.DEFAULT + ").")
    String registry;

    @Option(names = "--json", description = "Print the JSON envelope: data = the package, as described in docs/cli.md.")
    boolean json;

    InfoCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PackageName packageName = PackageName.of(name);
        CommandSettings settings = CommandSettings.load(context, "cocoatly info", ManifestLocator.locate(context, null),
                registry);
        PackageInfo info = RegistryApiAccess.apiOrIndex(settings, api -> fromApi(api, packageName),
                index -> fromIndex(index, packageName));
        if (json) {
            Map<String, Object> data = json(info);
            data.put("warnings", settings.warnings());
            Json.write(context.out(), Envelope.success(data));
        } else {
            settings.printWarnings(context);
            print(context.out(), info);
        }
        return ExitCodes.OK;
    }

    /**
     * What the index says; for a registry directory, with the metadata its publishes recorded where
     * the directory keeps what the index has no place for ({@link ServerState}).
     */
    private static PackageInfo fromIndex(FileRegistry index, PackageName name) {
        PackageInfo info = index.find(name).map(PackageInfo::of).orElseThrow(() -> KnownPackages.unknown(
                name, index.name(), KnownPackages.known(index), null));
        if (!"file".equals(index.location().getScheme())) {
            return info;
        }
        ManifestMetadata metadata = new ServerState(Path.of(index.location())).packageState(name)
                .map(ServerState.PackageState::metadata).orElse(ManifestMetadata.NONE);
        return new PackageInfo(info.name(), metadata, info.owners(), info.downloads(), info.versions());
    }

    /** The server's answer; for a name it does not have, the project's "did you mean" over its search. */
    private static PackageInfo fromApi(RegistryApi api, PackageName name) {
        try {
            return api.info(name);
        } catch (CocoatlyException e) {
            if (!e.code().equals("unknown-package")) {
                throw e;
            }
            throw KnownPackages.unknown(name, api.registry().toString(), namesLike(api, name), e);
        }
    }

    /**
     * Names the server has that share the first two letters with {@code name}: enough to catch a typo
     * further on, few enough for one page. None if the search fails: it only serves a hint.
     */
    private static List<String> namesLike(RegistryApi api, PackageName name) {
        String stem = name.value().substring(0, Math.min(2, name.value().length()));
        try {
            return api.search(stem, 1, 100).packages().stream().map(h -> h.name().value()).toList();
        } catch (CocoatlyException e) {
            return List.of();
        }
    }

    private static void print(PrintWriter out, PackageInfo info) {
        out.println(info.name());
        ManifestMetadata m = info.metadata();
        m.description().ifPresent(d -> out.println("  " + Style.printable(d)));
        m.license().ifPresent(l -> out.println("license: " + Style.printable(l)));
        m.repository().ifPresent(r -> out.println("repository: " + Style.printable(r)));
        if (!m.keywords().isEmpty()) {
            out.println("keywords: " + Style.printable(String.join(", ", m.keywords())));
        }
        if (!m.categories().isEmpty()) {
            out.println("categories: " + Style.printable(String.join(", ", m.categories())));
        }
        info.newest().ifPresent(v -> out.println("newest: " + v.version()));
        info.owners().ifPresent(o -> out.println("owners: " + (o.isEmpty() ? "none" : String.join(", ", o))));
        if (info.downloads().isPresent()) {
            out.println("downloads: " + info.downloads().getAsLong());
        }
        out.println(info.versions().isEmpty() ? "versions: none" : "versions:");
        int width = info.versions().stream().mapToInt(v -> v.version().toString().length()).max().orElse(0);
        for (VersionInfo v : info.versions()) {
            List<String> parts = new ArrayList<>();
            String text = v.version().toString();
            parts.add(text + " ".repeat(width - text.length()));
            v.publishedAt().ifPresent(t -> parts.add(DAY.format(t)));
            if (v.downloads().isPresent()) {
                parts.add(v.downloads().getAsLong() + (v.downloads().getAsLong() == 1 ? " download" : " downloads"));
            }
            if (v.yanked()) {
                parts.add("yanked");
            }
            out.println(("  " + String.join("  ", parts)).stripTrailing());
        }
        info.newest().ifPresent(v -> {
            out.println("dependencies of " + v.version() + ":" + (v.dependencies().isEmpty() ? " none" : ""));
            v.dependencies().forEach(d -> out.println("  " + d.name() + " " + d.requirement()));
        });
        out.flush();
    }

    private static Map<String, Object> json(PackageInfo info) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", info.name().value());
        ManifestMetadata m = info.metadata();
        m.description().ifPresent(d -> data.put("description", d));
        m.license().ifPresent(l -> data.put("license", l));
        m.repository().ifPresent(r -> data.put("repository", r));
        if (!m.keywords().isEmpty()) {
            data.put("keywords", m.keywords());
        }
        if (!m.categories().isEmpty()) {
            data.put("categories", m.categories());
        }
        info.owners().ifPresent(o -> data.put("owners", o));
        if (info.downloads().isPresent()) {
            data.put("downloads", info.downloads().getAsLong());
        }
        data.put("newest", info.newest().map(v -> v.version().toString()).orElse(null));
        List<Object> versions = new ArrayList<>();
        for (VersionInfo v : info.versions()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("version", v.version().toString());
            entry.put("yanked", v.yanked());
            v.publishedAt().ifPresent(t -> entry.put("published_at", t.toString()));
            if (v.downloads().isPresent()) {
                entry.put("downloads", v.downloads().getAsLong());
            }
            Map<String, Object> deps = new LinkedHashMap<>();
            for (Dependency d : v.dependencies()) {
                deps.put(d.name().value(), d.requirement());
            }
            entry.put("dependencies", deps);
            versions.add(entry);
        }
        data.put("versions", versions);
        return data;
    }
}
