package io.cocoatly.cli;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.registry.db.DatabaseUrl;
import io.cocoatly.registry.db.EmbeddedDatabase;
import io.cocoatly.registry.db.RegistryDatabase;
import io.cocoatly.registry.db.SchemaMigration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cocoatly registry migrate}: brings a PostgreSQL database to this build's registry schema, as
 * the role that owns the tables. The server never runs as that role; it logs in as the server role
 * the migration grants {@code anon}, {@code authenticated} and {@code service_role} to.
 */
@Command(name = "migrate", addMethodSubcommands = false,
        mixinStandardHelpOptions = true,
        description = {"Create or update the registry's schema in the PostgreSQL database at URL.",
            "URL logs in as the role that owns (or is to own) the tables; the server later logs in as",
            "--server-role, which owns nothing (docs/registry-server.md). Running it again does nothing;",
            "a database whose schema is newer than this cocoatly is refused."},
        footer = {"",
            "Examples:",
            "  cocoatly registry migrate --db postgresql://registry_owner@db.internal/registry",
            "  cocoatly registry migrate --db postgresql://postgres:secret@localhost:5432/registry \\",
            "      --server-role authenticator --json",
            "",
            "Exit codes: 0 migrated or up to date, 2 invalid usage or URL, 4 the database cannot be reached,",
            "refused the migration, or has a newer schema."})
final class RegistryMigrateCommand implements Callable<Integer> {

    private static final Pattern ROLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final Context context;

    @Option(names = "--db", required = true, paramLabel = "URL",
            description = "The database, as its owner role: postgresql://owner:password@host:5432/dbname.")
    String db;

    @Option(names = "--server-role", paramLabel = "ROLE", defaultValue = EmbeddedDatabase.SERVER_ROLE,
            description = "The role the server logs in as; made (without a login) if missing (default: ${DEFAULT-VALUE}).")
    String serverRole;

    @Option(names = "--json", description = "Print the JSON envelope: data = {\"database\", \"before\", \"after\", \"applied\"}.")
    boolean json;

    RegistryMigrateCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (DatabaseTarget.EMBEDDED.equals(db)) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "`--db embedded` needs no migration command",
                    List.of("`cocoatly registry serve --db embedded` migrates its database when it starts"));
        }
        DatabaseUrl url = ((DatabaseTarget.Url) DatabaseTarget.parse("--db", db)).url();
        if (!ROLE.matcher(serverRole).matches()) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "`--server-role` must be a plain role name"
                    + " (lowercase letters, digits and _): `" + serverRole + "`", List.of("the default is " + EmbeddedDatabase.SERVER_ROLE));
        }
        SchemaMigration done = RegistryDatabase.migrate(url, serverRole);
        if (json) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("database", url.toString());
            data.put("before", done.before());
            data.put("after", done.after());
            data.put("applied", done.applied());
            Json.write(context.out(), Envelope.success(data));
            return ExitCodes.OK;
        }
        context.out().println(done.applied() == 0
                ? url + ": schema " + done.after() + " is up to date (no migration applied)"
                : "migrated " + url + ": schema " + done.before() + " -> " + done.after() + " (" + done.applied()
                        + (done.applied() == 1 ? " migration" : " migrations") + " applied)");
        context.out().flush();
        return ExitCodes.OK;
    }
}
