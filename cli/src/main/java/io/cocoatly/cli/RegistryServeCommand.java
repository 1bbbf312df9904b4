package io.cocoatly.cli;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.registry.server.AccessLog;
import io.cocoatly.registry.server.RegistryServer;
import io.cocoatly.registry.server.ServerOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cocoatly registry serve}: serves a registry directory, or a registry in PostgreSQL
 * ({@code --db}), over HTTP until the process is stopped. The URL is the first line on stdout, so a script can read it; one line per request goes
 * to stderr. SIGINT and SIGTERM stop the server through a shutdown hook (requests in progress finish).
 */
@Command(name = "serve", addMethodSubcommands = false,
        mixinStandardHelpOptions = true,
        description = {"Serve the registry in DIR, or in the PostgreSQL database of --db, over HTTP.",
            "The read protocol (registry.json, names.json, index/, artifacts/ with ETags, 304s and",
            "cache headers) and the write API under /api/v1/",
            "(publish, yank, owners, search, package info) for the users and tokens made with",
            "`cocoatly registry user add` and `cocoatly registry token create`.",
            "Prints the URL as the first line on stdout, then one line per request on stderr",
            "(method, path, status, bytes, milliseconds; never a header or a token); with --quiet only",
            "those the server failed (5xx).",
            "Runs until interrupted (Ctrl-C, SIGTERM)."},
        footer = {"",
            "Examples:",
            "  cocoatly registry serve ./registry",
            "  cocoatly registry serve /srv/cocoatly --bind 0.0.0.0 --port 8080 --index-max-age 300",
            "  cocoatly registry serve --db embedded",
            "  cocoatly registry serve --db postgresql://authenticator:secret@db.internal/registry \\",
            "      --db-read postgresql://authenticator:secret@replica.internal/registry \\",
            "      --artifacts file:/srv/artifacts",
            "",
            "Exit codes: 2 invalid usage, no registry at DIR or an invalid --db URL,",
            "4 the address cannot be bound or the embedded database does not start;",
            "stopped by a signal, the shell's code for it (130 for SIGINT, 143 for SIGTERM).",
            "See docs/registry-server.md."})
final class RegistryServeCommand implements Callable<Integer> {

    private final Context context;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The registry directory (or --db).")
    String dir;

    @Option(names = "--db", paramLabel = "URL",
            description = "Serve the registry in this PostgreSQL database instead: postgresql://user:password@host/dbname"
                    + " as the server role (see `registry migrate`), or `embedded` for a PostgreSQL under the home.")
    String db;

    @Option(names = "--db-read", paramLabel = "URL",
            description = "A read-only replica of --db for index files, search and info; writes go to --db.")
    String dbRead;

    @Option(names = "--artifacts", paramLabel = "URI",
            description = "Where a --db registry keeps its artifacts: file:/dir or s3://bucket/prefix?endpoint=…&region=…"
                    + "&public_base=… (default with --db embedded: <home>/registry-artifacts/).")
    String artifacts;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String bind;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "The port (default: 0, any free port; the URL printed says which).")
    int port;

    @Option(names = "--index-max-age", paramLabel = "SECONDS", defaultValue = "60",
            description = "The Cache-Control max-age of registry.json, names.json and index files (default: ${DEFAULT-VALUE}).")
    long indexMaxAge;

    @Option(names = "--max-body-mb", paramLabel = "MB", defaultValue = "64",
            description = "The largest publish accepted, metadata and archive together (default: ${DEFAULT-VALUE}).")
    long maxBodyMb;

    RegistryServeCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        requireRange("--port", port, 0, 65535);
        requireRange("--index-max-age", indexMaxAge, 0, Integer.MAX_VALUE);
        requireRange("--max-body-mb", maxBodyMb, 1, 1L << 20);
        requireOneRegistry();
        PrintWriter err = context.err();
        ServerOptions options = ServerOptions.defaults().withBind(bind).withPort(port)
                .withIndexMaxAge(Duration.ofSeconds(indexMaxAge)).withMaxBodyBytes(maxBodyMb << 20);
        boolean quiet = context.console().quiet();
        AccessLog log = new AccessLog() {
            @Override
            public void log(Entry entry) {
                if (quiet && entry.status() < 500) {
                    return; // --quiet: errors only, and a request the server failed is one
                }
                synchronized (err) {
                    err.println(entry.line());
                    err.flush();
                }
            }

            @Override
            public void fault(String message) {
                synchronized (err) {
                    err.println(context.console().err().error() + message);
                    err.flush();
                }
            }
        };
        RegistryServer server;
        String served;
        if (db == null) {
            Path root = context.path(dir);
            server = RegistryServer.start(root, options, log);
            served = root.toString();
        } else {
            DatabaseRegistry registry = RegistryBackends.openDatabase(context, "cocoatly registry serve", db,
                    Optional.ofNullable(dbRead), Optional.ofNullable(artifacts), false);
            try {
                server = RegistryServer.start(registry.files(), registry.backend(), options, log);
            } catch (RuntimeException e) {
                registry.close();
                throw e;
            }
            // Closed after the server has stopped: the last downloads counted are written.
            RunResources.closeAtEnd(context, registry);
            served = registry.server().toString();
            announce(err, registry);
        }
        context.out().println(server.url());
        context.out().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            RunResources.closeAll(context);
            synchronized (err) {
                err.println("stopped serving " + served);
                err.flush();
            }
            stopped.countDown();
        }, "registry-serve-stop"));
        stopped.await();
        return ExitCodes.OK;
    }

    private void requireOneRegistry() {
        if ((dir == null) == (db == null)) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", dir == null
                    ? "no registry given: name a registry directory DIR or a database with `--db URL`"
                    : "DIR and `--db` name two registries: serve one", List.of("run `cocoatly registry serve --help`"));
        }
        if (db == null && (dbRead != null || artifacts != null)) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "`" + (dbRead != null ? "--db-read" : "--artifacts")
                    + "` is for a registry in a database (`--db`)", List.of("a registry directory keeps its artifacts in DIR/artifacts/"));
        }
        if (db != null && !DatabaseTarget.EMBEDDED.equals(db) && artifacts == null) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "`--db URL` needs `--artifacts`: where the artifacts are kept",
                    List.of("every server of one database must see the same artifacts: --artifacts file:/shared/dir or s3://bucket/prefix"));
        }
    }

    /** What a database registry tells on stderr before the first request: where it is, and whether it answers. */
    private static void announce(PrintWriter err, DatabaseRegistry registry) {
        synchronized (err) {
            if (registry.embedded().isPresent()) {
                // So that the admin commands can reach it while it runs: --db with this URL.
                err.println("database: embedded PostgreSQL, " + registry.server());
            }
            if (!registry.registry().reachable()) {
                err.println("warning: the database " + registry.server() + " is not reachable; answering 503 until it is");
            } else {
                // A new registry is named after its database, as `registry init DIR` names one after its directory.
                registry.registry().describeIfNew(registry.server().database());
            }
            err.flush();
        }
    }

    private static void requireRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "`" + option + "` must be " + min + " to " + max + ": `"
                    + value + "`", List.of("run `cocoatly registry serve --help`"));
        }
    }
}
