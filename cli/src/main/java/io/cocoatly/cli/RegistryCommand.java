package io.cocoatly.cli;

import io.cocoatly.model.PackageName;
import io.cocoatly.registry.RegistryEditor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cocoatly registry}: groups the commands that manage a registry directory. */
@Command(name = "registry", addMethodSubcommands = false,
        mixinStandardHelpOptions = true,
        description = "Manage a registry directory (publish into it with `cocoatly publish`) or database, and serve it over HTTP.",
        subcommands = {RegistryCommand.Init.class, RegistryCommand.Reindex.class, RegistryServeCommand.class, RegistryMigrateCommand.class,
            RegistryImportCommand.class, RegistryExportCommand.class,
            RegistryUserCommand.class, RegistryTokenCommand.class},
        footer = {"",
            "Examples:",
            "  cocoatly registry init ./registry --name team",
            "  cocoatly registry reindex ./registry",
            "  cocoatly registry serve ./registry --port 8080",
            "  cocoatly registry serve --db embedded",
            "  cocoatly registry migrate --db postgresql://registry_owner@localhost/registry",
            "  cocoatly registry import ./registry --db embedded",
            "",
            "See docs/publishing.md, docs/formats.md and docs/registry-server.md."})
final class RegistryCommand implements Runnable {

    private final Context context;

    @Spec
    CommandSpec spec;

    RegistryCommand(Context context) {
        this.context = context;
    }

    @Override
    public void run() {
        spec.commandLine().usage(context.out());
    }

    /** {@code cocoatly registry init}: creates an empty registry. */
    @Command(name = "init", addMethodSubcommands = false,
            mixinStandardHelpOptions = true,
            description = {"Create an empty registry in DIR (made if missing): a registry.json with its name.",
                "Packages are added with `cocoatly publish`, which keeps names.json (empty now) up to date."},
            footer = {"",
                "Examples:",
                "  cocoatly registry init ./registry --name team",
                "  cocoatly registry init /srv/cocoatly --name company --json",
                "",
                "Exit codes: 0 created, 2 invalid usage or name, 4 a registry exists there already or DIR cannot be written."})
    static final class Init implements Callable<Integer> {

        private final Context context;

        @Parameters(index = "0", paramLabel = "DIR", description = "The registry directory.")
        String dir;

        @Option(names = "--name", required = true, paramLabel = "NAME",
                description = "The registry's name, shown in messages (\"`md4` does not exist in registry `team`\").")
        String name;

        @Option(names = "--json", description = "Print the JSON envelope: data = {\"registry\", \"name\"}.")
        boolean json;

        Init(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Path root = context.path(dir);
            RegistryEditor.init(root, name);
            if (json) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("registry", root.toString());
                data.put("name", name);
                Json.write(context.out(), Envelope.success(data));
            } else {
                context.out().println("created registry `" + name + "` in " + root);
                context.out().flush();
            }
            return ExitCodes.OK;
        }
    }

    /** {@code cocoatly registry reindex}: rewrites a registry directory's {@code names.json}. */
    @Command(name = "reindex", addMethodSubcommands = false,
            mixinStandardHelpOptions = true,
            description = {"Rewrite names.json in the registry DIR from the files in its index/ directory.",
                "A registry served over HTTP needs it for `check` and `search`; `registry init` and",
                "`publish` keep it up to date, so this is for registries written by older versions or by hand."},
            footer = {"",
                "Examples:",
                "  cocoatly registry reindex ./registry",
                "  cocoatly registry reindex /srv/cocoatly --json",
                "",
                "Exit codes: 0 written, 2 invalid usage, no registry in DIR or an index file name that is not a package name,",
                "4 DIR cannot be written or another publisher keeps its lock."})
    static final class Reindex implements Callable<Integer> {

        private final Context context;

        @Parameters(index = "0", paramLabel = "DIR", description = "The registry directory.")
        String dir;

        @Option(names = "--json", description = "Print the JSON envelope: data = {\"registry\", \"names\"}.")
        boolean json;

        Reindex(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Path root = context.path(dir);
            List<PackageName> names;
            try (RegistryEditor editor = RegistryEditor.open(root)) {
                PublishCommand.reportLeftovers(context, editor);
                names = editor.reindex();
            }
            if (json) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("registry", root.toString());
                data.put("names", names.stream().map(PackageName::value).toList());
                Json.write(context.out(), Envelope.success(data));
            } else {
                int n = names.size();
                context.out().println("wrote " + root.resolve("names.json") + ": " + n + (n == 1 ? " package" : " packages"));
                context.out().flush();
            }
            return ExitCodes.OK;
        }
    }
}
