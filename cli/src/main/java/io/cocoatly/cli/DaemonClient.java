package io.cocoatly.cli;

import io.cocoatly.config.Home;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Java side of talking to a home's daemon: what {@code cocoatly daemon status} and {@code stop}
 * ask. Commands reach the daemon through {@code bin/cocoatly-daemon-client} instead, which speaks the
 * same {@link DaemonWire} from bash.
 */
final class DaemonClient {

    private static final int TIMEOUT_MS = 10_000;

    private DaemonClient() {
    }

    /**
     * What a running daemon says of itself.
     *
     * @param address where it listens, from the home's address file
     * @param stale   whether the checkout has been built since the daemon started (the launcher then
     *                runs commands without it)
     */
    record Status(DaemonAddress address, Instant started, long served, boolean busy, long idleTimeoutSeconds,
                  String java, boolean stale) {
    }

    /** What a command run in the daemon printed and returned, or that it was refused. */
    record Answer(boolean refused, String stdout, String stderr, int exitCode) {
    }

    /** The home's running daemon, or empty if there is no address file or nothing answers at it. */
    static Optional<Status> status(Home home) throws IOException {
        Optional<DaemonAddress> address = DaemonAddress.read(home);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        Optional<Answer> answer = ask(address.get(), DaemonWire.STATUS, null);
        if (answer.isEmpty() || answer.get().refused()) {
            return Optional.empty();
        }
        Map<String, String> fields = new HashMap<>();
        for (String line : answer.get().stdout().split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                fields.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        try {
            return Optional.of(new Status(address.get(), Instant.parse(fields.get("started")),
                    Long.parseLong(fields.get("served")), Boolean.parseBoolean(fields.get("busy")),
                    Long.parseLong(fields.get("idle_timeout_seconds")), fields.getOrDefault("java", ""),
                    stale(home, address.get())));
        } catch (RuntimeException e) {
            throw new IOException("the daemon's status cannot be read: " + answer.get().stdout(), e);
        }
    }

    /** Asks the daemon at {@code address} to stop; false if nothing answered there. */
    static boolean stop(DaemonAddress address) throws IOException {
        Optional<Answer> answer = ask(address, DaemonWire.STOP, null);
        return answer.isPresent() && !answer.get().refused();
    }

    /** Runs a command line in the daemon at {@code address}; empty if nothing answers there. */
    static Optional<Answer> run(DaemonAddress address, DaemonWire.Run run) throws IOException {
        return ask(address, DaemonWire.RUN, run);
    }

    private static Optional<Answer> ask(DaemonAddress address, String verb, DaemonWire.Run run) throws IOException {
        Socket socket = new Socket();
        try (socket) {
            try {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), address.port()), TIMEOUT_MS);
            } catch (IOException e) {
                return Optional.empty(); // no one listens: a daemon that died without deleting its file
            }
            socket.setSoTimeout(TIMEOUT_MS);
            InputStream in = socket.getInputStream();
            try {
                if (!DaemonWire.readHello(in, address.proof())) {
                    return Optional.empty(); // not the daemon that wrote the address: say nothing to it
                }
            } catch (IOException e) {
                return Optional.empty(); // no greeting in time: not a daemon either
            }
            socket.setSoTimeout(run == null ? TIMEOUT_MS : 0);
            DaemonWire.writeRequest(socket.getOutputStream(), address.token(), verb, run);
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            for (DaemonWire.Frame frame = DaemonWire.readFrame(in); frame != null; frame = DaemonWire.readFrame(in)) {
                switch (frame.kind()) {
                    case DaemonWire.REFUSED -> {
                        return Optional.of(new Answer(true, "", "", 0));
                    }
                    case DaemonWire.STDOUT -> stdout.write(frame.payload());
                    case DaemonWire.STDERR -> stderr.write(frame.payload());
                    case DaemonWire.EXIT -> {
                        return Optional.of(new Answer(false, stdout.toString(StandardCharsets.UTF_8),
                                stderr.toString(StandardCharsets.UTF_8), frame.number()));
                    }
                    default -> {
                        // DaemonWire.ACCEPTED, and kinds a later daemon may add
                    }
                }
            }
            throw new IOException("the daemon closed the connection before the command's exit code");
        }
    }

    /**
     * Whether the checkout the daemon runs has been built since it started: its {@code cocoatly.jar},
     * {@code lib/} or a jar in it is newer than the address file. The same test as the launcher's
     * {@code fresh}, which decides whether a command goes to the daemon; here it is only reported.
     */
    static boolean stale(Home home, DaemonAddress address) throws IOException {
        if (address.checkout().isEmpty()) {
            return false;
        }
        Path target = Path.of(address.checkout(), "cli", "target");
        FileTime written = Files.getLastModifiedTime(DaemonAddress.file(home));
        List<Path> built = new ArrayList<>(List.of(target.resolve("cocoatly.jar"), target.resolve("lib")));
        if (Files.isDirectory(target.resolve("lib"))) {
            try (Stream<Path> jars = Files.list(target.resolve("lib"))) {
                jars.forEach(built::add);
            }
        }
        for (Path p : built) {
            // FileTime at the file system's precision, as the launcher's `-nt`.
            if (Files.exists(p) && Files.getLastModifiedTime(p).compareTo(written) > 0) {
                return true;
            }
        }
        return false;
    }
}
