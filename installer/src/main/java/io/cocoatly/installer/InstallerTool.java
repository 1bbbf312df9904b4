package io.cocoatly.installer;

import io.cocoatly.config.Home;
import io.cocoatly.config.ConfigReader;
import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.JsonObject;
import io.cocoatly.json.JsonValue;
import io.cocoatly.json.StrictJson;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.lockfile.LockfileReader;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageName;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON tools {@code cocoatly-install}, {@code cocoatly-uninstall}, {@code cocoatly-verify} and
 * {@code cocoatly-state} ({@code docs/ipc.md}): each reads one JSON request on stdin, runs the
 * built-in {@link LocalInstaller}, and writes one envelope {@code {"success", "data", "error"}} on
 * stdout. Exit code 0 on success, 1 when the operation failed, 2 for a malformed request, 70 for a bug.
 */
public final class InstallerTool {

    /** The operations, as named on the command line and in {@code installer.command}. */
    public static final Set<String> TOOLS = Set.of("install", "uninstall", "verify", "state");

    /**
     * The largest request accepted, 16 MiB: a lockfile of some 50,000 packages. A larger one is
     * refused with {@code invalid-request} after reading one byte more than this, never whole.
     */
    public static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;

    private static final Set<String> COMMON = Set.of("home", "config_home", "install_dir");

    // Freed on OutOfMemoryError so that the failure envelope can still be built and written: the
    // protocol promises one envelope on stdout whatever happens.
    private static final int RESERVE_BYTES = 1024 * 1024;

    private InstallerTool() {
    }

    /** {@code java io.cocoatly.installer.InstallerTool install|uninstall|verify|state < request.json} */
    public static void main(String[] args) {
        String tool = args.length == 1 ? args[0] : "";
        String userHome = System.getProperty("user.home");
        int code = run(tool, System.in, System.out, System.err, System.getenv(),
                userHome == null ? null : Path.of(userHome));
        System.out.flush();
        System.exit(code);
    }

    /**
     * Runs one tool with the given streams and environment.
     *
     * @param err receives human-readable notes (waiting for the lock); never part of the protocol
     * @return the exit code
     */
    public static int run(String tool, InputStream in, OutputStream out, PrintStream err, Map<String, String> env,
            Path userHome) {
        byte[] reserve = new byte[RESERVE_BYTES];
        JsonObject envelope = JsonObject.create();
        int code;
        try {
            if (!TOOLS.contains(tool)) {
                throw new CocoatlyException(ErrorKind.INVALID_INPUT, "invalid-request", "unknown installer tool: `" + tool + "`",
                        List.of("the tools are install, uninstall, verify and state"));
            }
            JsonCursor request = StrictJson.parse(readRequest(in), IpcJson.REQUEST, "invalid-request", Home.EMPTY_FILE_HINT).object();
            JsonValue data = dispatch(tool, request, env, userHome, err);
            envelope.put("success", true);
            envelope.set("data", data);
            envelope.putNull("error");
            code = 0;
        } catch (CocoatlyException e) {
            failure(envelope, e.kind(), e.code(), e.getMessage(), e.hints());
            code = e.code().equals("invalid-request") ? 2 : 1;
        } catch (IOException e) {
            failure(envelope, ErrorKind.INVALID_INPUT, "invalid-request", "cannot read the request: " + e.getMessage(), List.of());
            code = 2;
        } catch (RuntimeException e) {
            failure(envelope, ErrorKind.INTERNAL, "internal", "internal error: " + e, List.of("this is a bug in Cocoatly; please report it"));
            code = 70;
        } catch (OutOfMemoryError e) {
            reserve = null;
            envelope = JsonObject.create();
            failure(envelope, ErrorKind.FAILED, "out-of-memory", "ran out of memory handling the `" + tool + "` request (the Java"
                    + " heap's limit is " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB)",
                    List.of("nothing was changed unless the installation was being committed; the next run recovers it",
                            "give the tool a larger heap, e.g. COCOATLY_JAVA_OPTS=-Xmx1g"));
            code = 1;
        }
        if (reserve != null) {
            // Keeps the reserve reachable until here, so it is only ever freed by the catch above.
            reserve[0] = 0;
        }
        try {
            out.write(IpcJson.bytes(envelope));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return code;
    }

    /**
     * The request's bytes, reading at most one byte past {@link #MAX_REQUEST_BYTES}: a request of
     * any size costs at most that much memory before it is refused.
     */
    static byte[] readRequest(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_REQUEST_BYTES + 1);
        if (bytes.length > MAX_REQUEST_BYTES) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "invalid-request", "the request on stdin is larger than "
                    + MAX_REQUEST_BYTES / (1024 * 1024) + " MiB (" + MAX_REQUEST_BYTES + " bytes), the limit of the JSON tools",
                    List.of("send a smaller request; a lockfile of that size is not one Cocoatly writes", "see docs/ipc.md"));
        }
        return bytes;
    }

    private static JsonValue dispatch(String tool, JsonCursor request, Map<String, String> env, Path userHome,
            PrintStream err) {
        Home home = request.optional("home").map(c -> new Home(path(c))).orElseGet(() -> Home.locate(env, userHome));
        Home configHome = request.optional("config_home").map(c -> new Home(path(c))).orElse(home);
        InstallSettings settings = InstallSettings.from(ConfigReader.read(configHome));
        Optional<Path> installDir = request.optional("install_dir").map(c -> path(c).toAbsolutePath());
        if (installDir.isPresent()) {
            settings = settings.withInstallDir(installDir.get());
        }
        LocalInstaller installer = new LocalInstaller(home, settings);
        InstallListener listener = new InstallListener() {
            @Override
            public void waiting(InstallLock.Waiting waiting) {
                err.println(waiting.message());
            }
        };
        switch (tool) {
            case "install":
                return install(installer, request, listener);
            case "uninstall": {
                known(request, Set.of("packages", "force"));
                boolean force = request.optional("force").map(JsonCursor::bool).orElse(false);
                return IpcJson.uninstall(installer.uninstall(names(request.required("packages")), force, listener));
            }
            case "verify":
                known(request, Set.of("packages"));
                return IpcJson.verify(installer.verify(request.optional("packages").map(InstallerTool::names)
                        .orElse(List.of())));
            case "state": {
                known(request, Set.of("packages"));
                State state = installer.state();
                List<PackageName> only = request.optional("packages").map(InstallerTool::names).orElse(List.of());
                if (!only.isEmpty()) {
                    state = new State(state.packages().stream().filter(p -> only.contains(p.name())).toList());
                }
                return JsonObject.copyOf(IpcJson.state(state));
            }
            default:
                throw new AssertionError(tool);
        }
    }

    private static JsonValue install(LocalInstaller installer, JsonCursor request, InstallListener listener) {
        known(request, Set.of("lockfile", "registry", "dry_run"));
        JsonCursor lockAt = request.required("lockfile");
        Lockfile lockfile = LockfileReader.parse(lockAt.object().canonicalBytes(), "request " + lockAt.path());
        Optional<URI> registry = request.optional("registry").filter(c -> !c.isNull()).map(c -> {
            try {
                return new URI(c.string());
            } catch (URISyntaxException e) {
                throw c.error("not a URI: `" + c.string() + "`");
            }
        });
        InstallRequest install = new InstallRequest(lockfile, registry);
        if (request.optional("dry_run").map(JsonCursor::bool).orElse(false)) {
            JsonObject data = JsonObject.create();
            data.set("plan", IpcJson.plan(installer.plan(install)));
            return data;
        }
        return IpcJson.outcome(installer.apply(install, listener));
    }

    // A directory named in a request. An empty string would mean the working directory, where
    // recovery would delete what it takes for leftovers, so it is refused like a NUL character.
    private static Path path(JsonCursor at) {
        String text = at.string();
        if (text.isEmpty()) {
            throw at.error("the path must not be empty", "name the directory; an empty path would mean the working directory");
        }
        if (text.indexOf('\0') >= 0) {
            throw at.error("the path must not contain a NUL character: `" + text.replace("\0", "\\0") + "`");
        }
        try {
            return Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            throw at.error("not a valid path: `" + text + "`: " + e.getReason());
        }
    }

    private static List<PackageName> names(JsonCursor at) {
        List<PackageName> names = new ArrayList<>();
        for (JsonCursor n : at.elements()) {
            try {
                names.add(PackageName.of(n.string()));
            } catch (CocoatlyException | IllegalArgumentException e) {
                throw n.error(e.getMessage());
            }
        }
        return names;
    }

    private static void known(JsonCursor request, Set<String> keys) {
        for (String key : request.keys()) {
            if (!keys.contains(key) && !COMMON.contains(key)) {
                throw request.error("unknown key `" + key + "`", "see docs/ipc.md for the request shapes");
            }
        }
    }

    private static void failure(JsonObject envelope, ErrorKind kind, String code, String message, List<String> hints) {
        envelope.put("success", false);
        envelope.putNull("data");
        JsonObject error = envelope.putObject("error");
        error.put("code", code);
        error.put("kind", IpcJson.kindName(kind));
        error.put("message", message);
        hints.forEach(error.putArray("hints")::add);
    }
}
