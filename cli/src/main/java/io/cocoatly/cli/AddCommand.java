package io.cocoatly.cli;

import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionRange;
import io.cocoatly.project.Relock;
import io.cocoatly.registry.ManifestEditor;
import io.cocoatly.registry.ManifestEditor.Section;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cocoatly add}: require packages in cocoatly.json, relock and install. */
@Command(name = "add", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"Add dependencies to cocoatly.json, relock, and install if the project is installed.",
            "NAME without a range gets `^` of the version the lock chooses for it (the newest that resolves",
            "with the rest, leaving locked versions alone); NAME@RANGE gets RANGE. A name already in the",
            "manifest has its range replaced (moved to dev-dependencies with --dev, back without).",
            "The file keeps its key order and layout. Nothing is written if the result does not resolve.",
            "In a workspace: -p MEMBER edits that member's manifest and relocks the whole workspace; a",
            "dependency on another member defaults to `^` of its version."},
        footer = {"", "Examples:",
            "  cocoatly add http --registry ./registry",
            "  cocoatly add 'tls@^2.1' log@0.4.2",
            "  cocoatly add test-kit --dev",
            "  cocoatly add uuid --dry-run              # print the changes, write nothing",
            "  cocoatly add http -p web                 # in a workspace: to member web",
            "", "Exit codes: 0 added (or nothing to change), 1 the requirements do not resolve (nothing written),",
            "2 invalid input (an unknown package, a bad range), 4 a file could not be written."})
final class AddCommand implements Callable<Integer> {

    private final Context context;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME[@RANGE]", arity = "1..*", description = "A package, with a requirement or without.")
    List<String> packages = new ArrayList<>();

    @Option(names = "--dev", description = "Add to dev-dependencies: locked with the rest, left out by"
            + " `install --production`.")
    boolean dev;

    @Option(names = "--dry-run", description = "Print the manifest lines and the lock changes; write nothing.")
    boolean dryRun;

    @Option(names = "--manifest", paramLabel = "FILE", description = "The project's manifest (" + ManifestLocator.DEFAULT + ").")
    String manifest;

    @Mixin
    RegistryOptions registry;

    @Option(names = {"-p", "--package"}, paramLabel = "MEMBER", description = ManifestChange.MEMBER_OPTION)
    String member;

    @Option(names = "--json", description = "Print one JSON document {\"success\", \"data\", \"error\"}.")
    boolean json;

    AddCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Map<PackageName, Optional<String>> wanted = new LinkedHashMap<>();
        for (String spec : packages) {
            int at = spec.indexOf('@');
            PackageName name = PackageName.of(at < 0 ? spec : spec.substring(0, at));
            Optional<String> range = at < 0 ? Optional.empty() : Optional.of(spec.substring(at + 1));
            range.ifPresent(r -> checkRange(spec, r));
            wanted.put(name, range);
        }
        ManifestChange change = ManifestChange.open(context, manifest, registry, this.spec, "cocoatly add", json,
                Optional.ofNullable(member), List.of());
        for (Map.Entry<PackageName, Optional<String>> w : wanted.entrySet()) {
            if (w.getValue().isEmpty()) {
                // Another member of the workspace: its own version is the only one there is.
                change.memberVersion(w.getKey()).ifPresent(v -> w.setValue(Optional.of("^" + v)));
            }
        }
        for (PackageName name : wanted.keySet()) {
            if (name.equals(change.editor().manifest().name())) {
                throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "`" + name + "` is this project's own name;"
                        + " a project does not depend on itself", List.of("check the name: `cocoatly add` takes the"
                        + " packages this project uses"));
            }
        }
        wanted.keySet().forEach(change::requireKnown);
        Section section = dev ? Section.DEV_DEPENDENCIES : Section.DEPENDENCIES;
        ManifestEditor before = change.editor();
        ManifestEditor edited = before;
        for (Map.Entry<PackageName, Optional<String>> w : wanted.entrySet()) {
            edited = edited.with(section, w.getKey(), w.getValue().orElse("*"));
        }
        Relock.Outcome outcome = change.relock(edited.manifest());
        if (wanted.values().stream().anyMatch(Optional::isEmpty)) {
            // Without a range: `^` of what the lock chose under `*`, then locked again under that range.
            for (Map.Entry<PackageName, Optional<String>> w : wanted.entrySet()) {
                if (w.getValue().isEmpty()) {
                    Version chosen = outcome.lockfile().packages().stream().filter(p -> p.name().equals(w.getKey()))
                            .map(LockedPackage::version).max(Comparator.naturalOrder()).orElseThrow();
                    edited = edited.with(section, w.getKey(), "^" + chosen);
                }
            }
            outcome = change.relock(edited.manifest());
        }
        List<ManifestChange.Line> lines = new ArrayList<>();
        for (PackageName name : wanted.keySet()) {
            Optional<ManifestEditor.Entry> old = before.find(name);
            String now = edited.find(name).orElseThrow().dependency().requirement();
            if (old.isPresent() && old.get().section() != section) {
                lines.add(new ManifestChange.Line(old.get().section(), name, Optional.of(old.get().dependency().requirement()),
                        Optional.empty()));
            }
            Optional<String> from = old.filter(o -> o.section() == section).map(o -> o.dependency().requirement());
            if (!from.equals(Optional.of(now))) {
                lines.add(new ManifestChange.Line(section, name, from, Optional.of(now)));
            }
        }
        return change.finish(edited, lines, outcome, dryRun, json);
    }

    private static void checkRange(String spec, String range) {
        try {
            VersionRange.parse(range);
        } catch (CocoatlyException e) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "invalid requirement in `" + spec + "`: "
                    + e.getMessage(), List.of("write NAME@RANGE, e.g. `http@^1.2` or `log@0.4.2`"));
        }
    }
}
