package io.cocoatly.cli;

import io.cocoatly.artifact.Ed25519PublicKey;
import io.cocoatly.artifact.TrustedKeys;
import io.cocoatly.installer.InstallSettings;
import io.cocoatly.registry.db.ImportSummary;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cocoatly registry import}: loads a registry directory into a database registry, every
 * archive checked (size, every digest, the signature against the directory's publishers and the
 * user's {@code security.trusted_keys}) before anything is written, rows in one transaction.
 */
@Command(name = "import", addMethodSubcommands = false,
        mixinStandardHelpOptions = true,
        description = {"Load the registry directory DIR into the empty database registry of --db.",
            "Every index file is read strictly, every archive checked (size, digests, signature against the",
            "directory's publishers and security.trusted_keys) and stored, then every row is written in one",
            "transaction. Owners, users and keys come from DIR/.cocoatly-server when it is there; tokens are",
            "never imported."},
        footer = {"",
            "Examples:",
            "  cocoatly registry import ./registry --db embedded",
            "  cocoatly registry import ./registry --db postgresql://authenticator@db/registry \\",
            "      --artifacts 's3://bucket/reg?region=eu-west-1'",
            "",
            "Exit codes: 0 imported, 2 invalid usage, URL or registry, 4 refused (a digest, a signature,",
            "a database that holds a registry already) or the database cannot be reached."})
final class RegistryImportCommand implements Callable<Integer> {

    private final Context context;

    @Parameters(index = "0", paramLabel = "DIR", description = "The registry directory to load.")
    String dir;

    @Mixin
    DatabaseRegistryOptions database;

    @Option(names = "--json", description = "Print the JSON envelope: data = {\"registry\", \"database\", \"packages\", "
            + "\"versions\", \"artifacts\", \"users\"}.")
    boolean json;

    RegistryImportCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path root = context.path(dir);
        CommandSettings settings = CommandSettings.load(context, "registry import", context.path("cocoatly.json"), null);
        TrustedKeys trusted = InstallSettings.from(settings.config()).policy().trustedKeys();
        List<Ed25519PublicKey> keys = trusted.keyIds().stream().map(id -> trusted.find(id).orElseThrow()).toList();
        try (DatabaseRegistry registry = database.open(context, "registry import")) {
            ImportSummary done = registry.registry().importDirectory(root, keys);
            // Until VACUUM ANALYZE, the new rows wait in the search indexes' pending lists and the planner
            // scans instead; the embedded database is ours to vacuum, another one is its owner's.
            registry.embedded().ifPresent(e -> e.vacuumAnalyze(RegistryBackends.EMBEDDED_DATABASE));
            if (json) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("registry", root.toString());
                data.put("database", registry.server().toString());
                data.put("packages", done.packages());
                data.put("versions", done.versions());
                data.put("artifacts", done.artifacts());
                data.put("users", done.users());
                Json.write(context.out(), Envelope.success(data));
            } else {
                context.out().println("imported " + root + " into " + registry.server() + ": " + done.packages() + " packages, "
                        + done.versions() + " versions, " + done.artifacts() + " artifacts, " + done.users() + " users");
                if (registry.embedded().isEmpty()) {
                    context.out().println(context.console().out().hint() + "run `VACUUM ANALYZE` as the tables' owner now (autovacuum does it in time),"
                            + " so that searches use their indexes");
                }
                context.out().flush();
            }
            return ExitCodes.OK;
        }
    }
}
