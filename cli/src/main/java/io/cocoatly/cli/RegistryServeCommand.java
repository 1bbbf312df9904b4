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
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cocoatly registry serve}: serves a registry directory over HTTP until the process is
 * stopped. The URL is the first line on stdout, so a script can read it; one line per request goes
 * to stderr. SIGINT and SIGTERM stop the server through a shutdown hook (requests in progress finish).
 */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = {"Serve the registry in DIR over HTTP.",
            "The read protocol (registry.json, names.json, index/, artifacts/ with ETags, 304s and",
            "cache headers) and the write API under /api/v1/",
            "(publish, yank, owners, search, package info) for the users and tokens made with",
            "`cocoatly registry user add` and `cocoatly registry token create`.",
            "Prints the URL as the first line on stdout, then one line per request on stderr",
            "(method, path, status, bytes, milliseconds; never a header or a token).",
            "Runs until interrupted (Ctrl-C, SIGTERM)."},
        footer = {"",
            "Examples:",
            "  cocoatly registry serve ./registry",
            "  cocoatly registry serve /srv/cocoatly --bind 0.0.0.0 --port 8080 --index-max-age 300",
            "",
            "Exit codes: 2 invalid usage or no registry at DIR, 4 the address cannot be bound;",
            "stopped by a signal, the shell's code for it (130 for SIGINT, 143 for SIGTERM).",
            "See docs/registry-server.md."})
final class RegistryServeCommand implements Callable<Integer> {

    private final Context context;

    @Parameters(index = "0", paramLabel = "DIR", description = "The registry directory.")
    String dir;

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
        Path root = context.path(dir);
        PrintWriter err = context.err();
        ServerOptions options = ServerOptions.defaults().withBind(bind).withPort(port)
                .withIndexMaxAge(Duration.ofSeconds(indexMaxAge)).withMaxBodyBytes(maxBodyMb << 20);
        RegistryServer server = RegistryServer.start(root, options, new AccessLog() {
            @Override
            public void log(Entry entry) {
                synchronized (err) {
                    err.println(entry.line());
                    err.flush();
                }
            }

            @Override
            public void fault(String message) {
                synchronized (err) {
                    err.println("error: " + message);
                    err.flush();
                }
            }
        });
        context.out().println(server.url());
        context.out().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            synchronized (err) {
                err.println("stopped serving " + root);
                err.flush();
            }
            stopped.countDown();
        }, "registry-serve-stop"));
        stopped.await();
        return ExitCodes.OK;
    }

    private static void requireRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "`" + option + "` must be " + min + " to " + max + ": `"
                    + value + "`", List.of("run `cocoatly registry serve --help`"));
        }
    }
}
