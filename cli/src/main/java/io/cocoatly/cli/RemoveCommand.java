package io.cocoatly.cli;

import io.cocoatly.model.PackageName;
import io.cocoatly.project.Relock;
import io.cocoatly.registry.ManifestEditor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cocoatly remove}: drop dependencies from cocoatly.json, relock and install. */
@Command(name = "remove", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"Remove dependencies from cocoatly.json, relock, and install if the project is installed.",
            "Each NAME is removed from dependencies or dev-dependencies, wherever it is; what nothing else",
            "needs leaves the lockfile (and the installation). The file keeps its key order and layout.",
            "In a workspace: -p MEMBER edits that member's manifest and relocks the whole workspace."},
        footer = {"", "Examples:",
            "  cocoatly remove log --registry ./registry",
            "  cocoatly remove test-kit mock --dry-run      # print the changes, write nothing",
            "  cocoatly remove log -p web                   # in a workspace: from member web",
            "", "Exit codes: 0 removed, 1 the remaining requirements do not resolve (nothing written),",
            "2 invalid input (a name the manifest does not have), 4 a file could not be written."})
final class RemoveCommand implements Callable<Integer> {

    private final Context context;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "1..*", description = "A dependency of the manifest.")
    List<String> names = new ArrayList<>();

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

    RemoveCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<PackageName> removed = names.stream().distinct().map(PackageName::of).toList();
        ManifestChange change = ManifestChange.open(context, manifest, registry, spec, "cocoatly remove", json,
                Optional.ofNullable(member), removed);
        ManifestEditor edited = change.editor();
        List<ManifestChange.Line> lines = new ArrayList<>();
        for (PackageName name : removed) {
            ManifestEditor.Entry old = edited.find(name).orElse(null);
            edited = edited.without(name); // fails first, naming `name`, when there is no such entry
            lines.add(new ManifestChange.Line(old.section(), name, Optional.of(old.dependency().requirement()),
                    Optional.empty()));
        }
        Relock.Outcome outcome = change.relock(edited.manifest());
        return change.finish(edited, lines, outcome, dryRun, json);
    }
}
