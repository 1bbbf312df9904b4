package io.cocoatly.cli;

import io.cocoatly.project.LockfileFactory;
import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionRange;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cocoatly outdated}: locked packages that have newer versions, allowed or not. */
@Command(name = "outdated", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"List locked packages that have newer versions in the registry.",
            "For each: the locked version; `compatible`, the newest version that satisfies every requirement",
            "on it (the manifest's, and those of the locked packages that depend on it); and `latest`, the",
            "newest release. Yanked versions and prereleases are never suggested. `cocoatly update NAME` moves",
            "towards `compatible`, but stays below it if the package's own dependencies conflict with",
            "the rest of the lockfile. In a workspace each row names the members that require the package",
            "directly. An http(s) registry's cached index files are revalidated (as with --refresh), so a",
            "version published a moment ago is listed."},
        footer = {"", "Examples:",
            "  cocoatly outdated --registry ./registry",
            "  cocoatly outdated --all --json",
            "  cocoatly outdated -p web             # in a workspace: member web's direct requirements",
            "", "Exit codes: 0 listed (whether or not anything is outdated), 2 invalid input,",
            "3 there is no lockfile."})
final class OutdatedCommand implements Callable<Integer> {

    private final Context context;

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "The project's manifest (" + ManifestLocator.DEFAULT + "); the lockfile is next to it.")
    String manifest;

    @Mixin
    RemoteFlags remote;

    @Option(names = CommandSettings.REGISTRY_FLAG, paramLabel = "DIR|URL",
            description = "Registry directory or URL (" + RegistryOptions.DEFAULT + ").")
    String registry;

    @Option(names = "--all", description = "List every locked package, not only the outdated ones.")
    boolean all;

    @Mixin
    MemberSelection.Options members;

    @Option(names = "--json", description = "Print one JSON document {\"success\", \"data\", \"error\"}; it lists"
            + " every locked package.")
    boolean json;

    OutdatedCommand(Context context) {
        this.context = context;
    }

    /**
     * One row: a locked version and what newer versions there are.
     *
     * @param members in a workspace, the members (or the root's own package) that require {@code locked}
     *                directly; empty for an ordinary project
     */
    record Row(PackageId locked, boolean direct, Optional<Version> compatible, Optional<Version> latest,
               List<PackageName> members) {
        boolean outdated() {
            return compatible.map(v -> v.isHigherThan(locked.version())).orElse(false)
                    || latest.map(v -> v.isHigherThan(locked.version())).orElse(false);
        }
    }

    @Override
    public Integer call() {
        ProjectFiles project = ProjectFiles.openWorkspace(context, manifest);
        Optional<MemberSelection> selection = project.members(members);
        Lockfile lockfile = project.requireLockfile();
        CommandSettings settings = CommandSettings.load(context, "cocoatly outdated", project.manifestPath(), registry, remote)
                .revalidating();
        PackageIndex index = settings.openRegistry();
        if (!json) {
            settings.printWarnings(context);
        }
        List<Row> rows = new ArrayList<>();
        for (LockedPackage p : lockfile.packages()) {
            Row row = row(p.id(), lockfile, project.manifest(), index, selection);
            // With -p only the chosen members' direct requirements; without it every locked package.
            if (selection.isEmpty() || selection.get().all() || !row.members().isEmpty()) {
                rows.add(row);
            }
        }
        if (json) {
            Map<String, Object> data = data(rows, selection.isPresent());
            data.put("warnings", settings.warnings());
            Json.write(context.out(), Envelope.success(data));
        } else {
            print(context.out(), rows, selection.isPresent());
        }
        return ExitCodes.OK;
    }

    private static Row row(PackageId id, Lockfile lockfile, Manifest manifest, PackageIndex index,
            Optional<MemberSelection> selection) {
        VersionRange allowed = VersionRange.all();
        boolean direct = false;
        for (Dependency d : manifest.allDependencies()) {
            if (d.name().equals(id.name()) && lockfile.binding(d).equals(Optional.of(id))) {
                allowed = allowed.intersect(d.range());
                direct = true;
            }
        }
        for (LockedPackage dependent : lockfile.packages()) {
            if (dependent.dependencies().contains(id)) {
                for (Dependency d : LockfileFactory.release(index, dependent.id()).map(Release::dependencies)
                        .orElse(List.of())) {
                    if (d.name().equals(id.name())) {
                        allowed = allowed.intersect(d.range());
                    }
                }
            }
        }
        List<Release> releases = index.find(id.name()).map(l -> l.releases()).orElse(List.of());
        VersionRange range = allowed;
        Optional<Version> compatible = newest(releases, range);
        Optional<Version> latest = newest(releases, VersionRange.all());
        List<PackageName> requiredBy = selection.map(m -> m.manifests().stream()
                .filter(member -> member.allDependencies().stream().anyMatch(d -> d.name().equals(id.name())
                        && lockfile.binding(d).equals(Optional.of(id))))
                .map(Manifest::name).toList()).orElse(List.of());
        return new Row(id, direct, compatible, latest, requiredBy);
    }

    private static Optional<Version> newest(List<Release> releases, VersionRange range) {
        return releases.stream().filter(r -> !r.yanked() && !r.version().isPrerelease() && range.contains(r.version()))
                .map(Release::version).max(Comparator.naturalOrder());
    }


    private void print(PrintWriter out, List<Row> rows, boolean workspace) {
        List<Row> shown = rows.stream().filter(r -> all || r.outdated()).toList();
        long outdated = rows.stream().filter(Row::outdated).count();
        if (!shown.isEmpty()) {
            List<String[]> table = new ArrayList<>();
            table.add(workspace ? new String[] {"name", "locked", "compatible", "latest", "kind", "members"}
                    : new String[] {"name", "locked", "compatible", "latest", "kind"});
            for (Row r : shown) {
                String[] cells = {r.locked().name().value(), r.locked().version().toString(),
                    r.compatible().map(Version::toString).orElse("-"), r.latest().map(Version::toString).orElse("-"),
                    r.direct() ? "direct" : "transitive"};
                if (workspace) {
                    cells = java.util.Arrays.copyOf(cells, cells.length + 1);
                    cells[cells.length - 1] = r.members().isEmpty() ? "-"
                            : r.members().stream().map(PackageName::value).collect(Collectors.joining(", "));
                }
                table.add(cells);
            }
            printTable(out, table);
        }
        int n = rows.size();
        out.println(outdated == 0 ? "All " + n + " locked " + (n == 1 ? "package is" : "packages are") + " up to date."
                : outdated + " of " + n + " locked " + (n == 1 ? "package has" : "packages have") + " newer versions.");
        out.flush();
    }

    private static void printTable(PrintWriter out, List<String[]> table) {
        int[] widths = new int[table.get(0).length];
        for (String[] row : table) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : table) {
            StringBuilder s = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                s.append(c == row.length - 1 ? row[c] : row[c] + " ".repeat(widths[c] - row[c].length() + 2));
            }
            out.println(s);
        }
    }

    private static Map<String, Object> data(List<Row> rows, boolean workspace) {
        List<Object> packages = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.locked().name().value());
            m.put("locked", r.locked().version().toString());
            m.put("compatible", r.compatible().map(Version::toString).orElse(null));
            m.put("latest", r.latest().map(Version::toString).orElse(null));
            m.put("direct", r.direct());
            m.put("outdated", r.outdated());
            if (workspace) {
                m.put("members", r.members().stream().map(PackageName::value).toList());
            }
            packages.add(m);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("packages", packages);
        data.put("outdated", rows.stream().filter(Row::outdated).count());
        return data;
    }
}
