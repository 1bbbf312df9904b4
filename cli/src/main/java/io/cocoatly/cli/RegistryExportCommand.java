package io.cocoatly.cli;

import io.cocoatly.registry.db.ExportSummary;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cocoatly registry export}: writes a database registry back into a registry directory, the
 * same bytes a directory registry with these packages has, so {@code import} then {@code export} is a
 * byte-identical round trip.
 */
@Command(name = "export", addMethodSubcommands = false,
        mixinStandardHelpOptions = true,
        description = {"Write the database registry of --db into the registry directory DIR (new or empty).",
            "Every index file, names.json and registry.json as a directory registry has them, the archives",
            "copied from the artifact store, and owners, users and keys under DIR/.cocoatly-server (never",
            "tokens)."},
        footer = {"",
            "Examples:",
            "  cocoatly registry export --db embedded ./backup",
            "  cocoatly registry export --db postgresql://authenticator@db/registry \\",
            "      --artifacts file:/srv/artifacts ./mirror",
            "",
            "Exit codes: 0 exported, 2 invalid usage or URL, 4 DIR is not empty, an archive is missing, or the",
            "database cannot be reached."})
final class RegistryExportCommand implements Callable<Integer> {

    private final Context context;

    @Parameters(index = "0", paramLabel = "DIR", description = "The registry directory to write.")
    String dir;

    @Mixin
    DatabaseRegistryOptions database;

    @Option(names = "--json", description = "Print the JSON envelope: data = {\"registry\", \"database\", \"packages\", "
            + "\"versions\", \"artifacts\"}.")
    boolean json;

    RegistryExportCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path root = context.path(dir);
        try (DatabaseRegistry registry = database.open(context, "registry export")) {
            ExportSummary done = registry.registry().exportDirectory(root);
            if (json) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("registry", root.toString());
                data.put("database", registry.server().toString());
                data.put("packages", done.packages());
                data.put("versions", done.versions());
                data.put("artifacts", done.artifacts());
                Json.write(context.out(), Envelope.success(data));
            } else {
                context.out().println("exported " + registry.server() + " into " + root + ": " + done.packages() + " packages, "
                        + done.versions() + " versions, " + done.artifacts() + " artifacts");
                context.out().flush();
            }
            return ExitCodes.OK;
        }
    }
}
