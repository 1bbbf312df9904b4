package io.cocoatly.cli;

import io.cocoatly.config.Home;
import io.cocoatly.json.AtomicFiles;
import io.cocoatly.json.FileModes;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The resident daemon ({@code cocoatly daemon start}, docs/daemon.md): one JVM that stays up, its
 * classes loaded and its code compiled, and runs the read-only commands for {@code bin/cocoatly}, so
 * that a {@code check} or {@code resolve} costs a bash process and the command's own work instead of a
 * JVM's start (the part of a short command no other cut could reach: docs/performance.md).
 *
 * <p>It listens on 127.0.0.1 only and answers a request only if it starts with the token of the home's
 * owner-only address file ({@link DaemonAddress}). It runs each command with the client's working
 * directory, environment and terminals ({@link Context} was made for exactly this), and sends back
 * what it prints and its exit code ({@link DaemonWire}).
 *
 * <p>What it serves is what cannot behave differently in a long-lived process: {@link #SERVED}, which
 * read and print, and never change an installation, read stdin, ask a question, run hooks or load
 * plugins. The daemon writes the list beside its address ({@link DaemonAddress#servesFile}), and the
 * launcher runs a command named first that is not on it in a JVM of its own without asking. Anything
 * else it does not serve (and a request that comes while a command runs) is refused, and the client
 * runs it in a JVM of its own as without a daemon: the daemon makes a command slower only by a
 * refusal's round trip, and never queues one behind another.
 *
 * <p>A client that goes away (Ctrl-C, a closed pipe, killed) stops its command: the client sends
 * nothing after its request, so a read of its connection that ends means it is gone, and the
 * command's thread is interrupted ({@link io.cocoatly.model.Interruption}). The solver then stops
 * at the end of its current chunk of conflicts or between the versions a check decides, and a wait
 * for a registry file over HTTP at once; the command ends with the error {@code interrupted}, which
 * no one reads, and the daemon serves the next command. Every served command only reads, so
 * nothing is left half-written. The daemon stops on {@code stop}, after
 * its idle timeout, or when killed; it deletes its address file then, if the file is still its own.
 */
final class Daemon implements AutoCloseable {

    /**
     * The commands the daemon runs (besides {@code --version}): they read files or a registry and print;
     * none changes an installation or a setting (an http(s) registry's cache they fill as any command
     * does), reads stdin, asks, runs hooks or loads plugins, or prints a time in the local zone
     * ({@code info}'s dates are UTC).
     */
    static final Set<String> SERVED = Set.of("check", "resolve", "why", "tree", "outdated", "search", "info");

    /** A committed heap above which a command's end is followed by a full collection ({@link #returnMemory}). */
    private static final long RETURN_MEMORY_ABOVE = 512L << 20;
    /** How often {@link #warmUp} runs its commands. */
    private static final int WARM_UP_ROUNDS = 30;
    /** A command's thread stack, as the launcher's {@code -Xss4m}: the solver's walks recurse deeply. */
    private static final long STACK = 4L << 20;
    /** How long a client may take to send its request. */
    private static final int REQUEST_TIMEOUT_MS = 10_000;
    /** The largest stdout or stderr frame; the client reads each with one {@code read -N}. */
    private static final int CHUNK = 1 << 16;

    private final Home home;
    private final ServerSocket server;
    private final DaemonAddress address;
    private final Duration idleTimeout;
    private final Instant started = Instant.now();
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicLong served = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long lastActive = System.nanoTime();

    private Daemon(Home home, ServerSocket server, DaemonAddress address, Duration idleTimeout) {
        this.home = home;
        this.server = server;
        this.address = address;
        this.idleTimeout = idleTimeout;
    }

    /**
     * Listens on a free loopback port and writes the home's address file; {@link #serve} then answers.
     *
     * @param checkout the checkout whose build runs here, as the launcher names it (empty if unknown)
     */
    static Daemon open(Home home, Duration idleTimeout, String checkout) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        try {
            SecureRandom random = new SecureRandom();
            DaemonAddress address = new DaemonAddress(server.getLocalPort(), secret(random), checkout,
                    ProcessHandle.current().pid(), secret(random));
            // Before the address, so that a launcher that sees this daemon's address reads its list.
            Files.createDirectories(DaemonAddress.directory(home));
            AtomicFiles.write(DaemonAddress.servesFile(home), (String.join(" ", new TreeSet<>(SERVED)) + "\n")
                    .getBytes(StandardCharsets.UTF_8), FileModes.OWNER_ONLY);
            address.write(home);
            return new Daemon(home, server, address, idleTimeout);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static String secret(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Whether the daemon runs this command line: {@code --version} alone, or one of {@link #SERVED}. */
    static boolean serves(List<String> args) {
        if (args.size() == 1 && (args.get(0).equals("--version") || args.get(0).equals("-V"))) {
            return true;
        }
        String command = Cli.requestedCommand(args.toArray(String[]::new));
        return command != null && SERVED.contains(command);
    }

    /** Where clients find this daemon. */
    DaemonAddress address() {
        return address;
    }

    /** Answers requests, each on a thread of its own, until {@code stop}, the idle timeout or {@link #close}. */
    void serve() {
        while (!closed.get()) {
            long idleMillis = (System.nanoTime() - lastActive) / 1_000_000;
            long left = idleTimeout.toMillis() - idleMillis;
            if (left <= 0 && !busy.get()) {
                log("idle for " + Durations.format(idleTimeout) + "; stopping");
                break;
            }
            try {
                server.setSoTimeout((int) Math.max(1, Math.min(left > 0 ? left : 1000, Integer.MAX_VALUE)));
                Socket socket = server.accept();
                Thread thread = new Thread(null, () -> handle(socket), "cocoatly-daemon-request", STACK);
                thread.setDaemon(true);
                thread.start();
            } catch (SocketTimeoutException e) {
                // look at the idle time again
            } catch (IOException e) {
                if (!closed.get()) {
                    log("cannot accept a connection: " + e.getMessage());
                }
            }
        }
        close();
    }

    /**
     * Stops listening and deletes the address file if it is still this daemon's. Idempotent, and
     * synchronized so that a second caller (the serving loop, on its way to {@code System.exit}) returns
     * only once the first has deleted the file.
     */
    @Override
    public synchronized void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            log("cannot close the listening socket: " + e.getMessage());
        }
        try {
            address.deleteIfCurrent(home);
        } catch (IOException e) {
            log("cannot delete " + DaemonAddress.file(home) + ": " + e.getMessage());
        }
    }

    private void handle(Socket socket) {
        try (socket) {
            socket.setSoTimeout(REQUEST_TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            DaemonWire.writeHello(out, address.proof());
            if (!DaemonWire.field(in).equals(DaemonWire.MAGIC)) {
                return;
            }
            byte[] token = DaemonWire.field(in).getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(token, address.token().getBytes(StandardCharsets.UTF_8))) {
                DaemonWire.writeHeader(out, DaemonWire.REFUSED, 0);
                return;
            }
            switch (DaemonWire.field(in)) {
                case DaemonWire.RUN -> run(DaemonWire.readRun(in), socket, in, out);
                case DaemonWire.STATUS -> {
                    byte[] status = status().getBytes(StandardCharsets.UTF_8);
                    DaemonWire.writeOutput(out, DaemonWire.STDOUT, status, status.length);
                    DaemonWire.writeHeader(out, DaemonWire.EXIT, ExitCodes.OK);
                }
                case DaemonWire.STOP -> {
                    // The answer first: the process exits as soon as it stops serving.
                    DaemonWire.writeHeader(out, DaemonWire.EXIT, ExitCodes.OK);
                    log("stopped by `cocoatly daemon stop`");
                    close();
                }
                default -> DaemonWire.writeHeader(out, DaemonWire.REFUSED, 0);
            }
        } catch (IOException e) {
            // A client that went away or spoke wrongly: there is no one to answer.
        }
    }

    /** What {@code status} answers: {@code key value} lines ({@link DaemonClient.Status} reads them). */
    private String status() {
        return "pid " + address.pid() + "\nport " + address.port() + "\nstarted " + started + "\nserved " + served.get()
                + "\nbusy " + busy.get() + "\nidle_timeout_seconds " + idleTimeout.toSeconds() + "\njava "
                + System.getProperty("java.version") + "\n";
    }

    private void run(DaemonWire.Run run, Socket socket, InputStream in, OutputStream out) throws IOException {
        if (closed.get() || !serves(run.args()) || !busy.compareAndSet(false, true)) {
            DaemonWire.writeHeader(out, DaemonWire.REFUSED, 0);
            return;
        }
        int code;
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean abandoned = new AtomicBoolean();
        long start = System.nanoTime();
        try {
            lastActive = start;
            DaemonWire.writeHeader(out, DaemonWire.ACCEPTED, 0);
            watchClient(socket, in, Thread.currentThread(), finished, abandoned);
            code = execute(run, out);
        } finally {
            finished.set(true);
            // Free before the exit code goes out: a client's next command may come right after it.
            served.incrementAndGet();
            lastActive = System.nanoTime();
            busy.set(false);
        }
        if (abandoned.get()) {
            log("stopped the command of a client that went away, " + (System.nanoTime() - start) / 1_000_000
                    + " ms after it started (exit code " + code + ")");
        }
        synchronized (out) {
            DaemonWire.writeHeader(out, DaemonWire.EXIT, code);
        }
        returnMemory();
    }

    /**
     * Interrupts {@code command} if the client goes away before it has {@code finished}: the client
     * sends nothing after its request, so a read of the connection ends only when the client closed it
     * (or the connection broke), and the command's answer would go nowhere. When the command ends
     * first, the request thread closes the socket, which ends this read too, and nothing happens.
     */
    private static void watchClient(Socket socket, InputStream in, Thread command, AtomicBoolean finished,
                                    AtomicBoolean abandoned) throws IOException {
        socket.setSoTimeout(0);
        Thread watcher = new Thread(() -> {
            try {
                while (in.read() >= 0) {
                    // Nothing is expected; whatever a client sends is ignored until it closes.
                }
            } catch (IOException e) {
                // Closed or broken: the client is gone, or the command has finished and closed it.
            }
            if (!finished.get()) {
                abandoned.set(true);
                log("the client went away; stopping its command");
                command.interrupt();
            }
        }, "cocoatly-daemon-client-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * After a command that grew the heap (a {@code check} of all of crates.io peaks at 0.6 GB, at 6 GB
     * before {@code d578ca2}), a full collection, which with the daemon's {@code -XX:MaxHeapFreeRatio}
     * gives the memory back to the system: a resident process should not keep a large command's peak.
     * After the exit code is sent, so the client does not wait for it; the few hundred ms it takes on
     * a large heap delay only a command that comes at once.
     */
    private static void returnMemory() {
        if (Runtime.getRuntime().totalMemory() > RETURN_MEMORY_ABOVE) {
            System.gc();
        }
    }

    /** Runs the command as {@link Main} would, its output framed to the client; returns the exit code. */
    private int execute(DaemonWire.Run run, OutputStream out) {
        PrintWriter stdout = new PrintWriter(new OutputStreamWriter(new Frames(out, DaemonWire.STDOUT), StandardCharsets.UTF_8), false);
        PrintWriter stderr = new PrintWriter(new OutputStreamWriter(new Frames(out, DaemonWire.STDERR), StandardCharsets.UTF_8), true);
        Context context = new Context(stdout, stderr, InputStream.nullInputStream(), run.env(), run.cwd(),
                Console.ofClient(run.stdoutTerminal(), run.stderrTerminal(), run.env(), run.width()));
        int code;
        try {
            code = Cli.run(context, run.args().toArray(String[]::new));
        } catch (RuntimeException | StackOverflowError e) {
            stderr.println("cocoatly: internal error in the daemon: " + e);
            code = ExitCodes.INTERNAL;
        } catch (Error e) {
            // Out of memory or worse: this JVM may no longer be sound, so it answers and stops.
            stderr.println("cocoatly: the daemon stops after an error: " + e);
            log("stopping after an error: " + e);
            close();
            code = ExitCodes.INTERNAL;
        }
        stdout.flush();
        stderr.flush();
        return code;
    }

    /**
     * Runs {@code check} and {@code resolve} on the checkout's sample registry and demo project
     * {@code rounds} times each, output discarded, so that the JIT has compiled their code before the
     * first user's command: a fresh daemon's first {@code check} of a 657-version registry took 636 ms,
     * its tenth 68 ms (docs/performance.md). {@link #main} runs it before the daemon listens. Nothing
     * to do without a checkout (a daemon not started by {@code bin/cocoatly}) or if the checkout has no
     * {@code testdata/}.
     *
     * @return whether it ran the commands, every one of them ending as on the sample (exit 0 or 1)
     */
    static boolean warmUp(Home home, String checkout, int rounds) {
        if (checkout.isEmpty()) {
            return false;
        }
        Path testdata = Path.of(checkout, "testdata");
        Path registry = testdata.resolve("registry");
        Path demo = testdata.resolve("demo");
        if (!Files.isDirectory(registry) || !Files.isRegularFile(demo.resolve("cocoatly.json"))) {
            return false;
        }
        long start = System.nanoTime();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put(Home.ENV, home.root().toString());
        PrintWriter discard = new PrintWriter(OutputStream.nullOutputStream());
        Context context = new Context(discard, discard, InputStream.nullInputStream(), env, demo, false);
        boolean ran = true;
        try {
            for (int i = 0; i < rounds; i++) {
                // check exits 1 on the sample: it has versions that cannot be installed.
                ran &= Cli.run(context, "check", "--registry", registry.toString(), "--json") <= ExitCodes.NEGATIVE;
                ran &= Cli.run(context, "resolve", "--registry", registry.toString(), "--json") == ExitCodes.OK;
                ran &= Cli.run(context, "resolve", "--registry", registry.toString()) == ExitCodes.OK;
            }
            log("warmed up in " + (System.nanoTime() - start) / 1_000_000 + " ms" + (ran ? "" : " (a command failed)"));
            return ran;
        } catch (RuntimeException e) {
            log("the warm-up failed: " + e);
            return false;
        }
    }

    private static void log(String message) {
        System.out.println(Instant.now() + " " + message);
        System.out.flush();
    }

    /**
     * One of the client's output streams: bytes are buffered and sent as frames of at most
     * {@link #CHUNK} bytes on each flush. Both streams share the socket, whose stream is the lock.
     */
    private static final class Frames extends OutputStream {

        private final OutputStream socket;
        private final char kind;
        private final byte[] buffer = new byte[CHUNK];
        private int count;

        Frames(OutputStream socket, char kind) {
            this.socket = socket;
            this.kind = kind;
        }

        @Override
        public void write(int b) throws IOException {
            if (count == buffer.length) {
                flush();
            }
            buffer[count++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                if (count == buffer.length) {
                    flush();
                }
                int n = Math.min(length, buffer.length - count);
                System.arraycopy(bytes, offset, buffer, count, n);
                count += n;
                offset += n;
                length -= n;
            }
        }

        @Override
        public void flush() throws IOException {
            if (count > 0) {
                synchronized (socket) {
                    DaemonWire.writeOutput(socket, kind, buffer, count);
                }
                count = 0;
            }
        }
    }

    /**
     * The daemon's process: {@code Daemon <home> <idle timeout in seconds>}, started by {@code cocoatly
     * daemon start} with its output going to {@code <home>/daemon/log}.
     */
    public static void main(String[] args) throws IOException {
        Main.prepare();
        Home home = new Home(Path.of(args[0]));
        Duration idle = Duration.ofSeconds(Long.parseLong(args[1]));
        String checkout = System.getProperty(DaemonAddress.CHECKOUT_PROPERTY, "");
        // Before the address exists: `daemon start` returns once the daemon is warm, and no command
        // reaches a cold one. On a thread of its own for the stack the solver's walks need.
        Thread warming = new Thread(null, () -> warmUp(home, checkout, WARM_UP_ROUNDS), "cocoatly-daemon-warm-up", STACK);
        warming.start();
        try {
            warming.join();
        } catch (InterruptedException e) {
            return;
        }
        Daemon daemon = open(home, idle, checkout);
        // Killed (SIGTERM, SIGINT): the address file goes with the process.
        Runtime.getRuntime().addShutdownHook(new Thread(daemon::close, "cocoatly-daemon-close"));
        log("started: pid " + daemon.address.pid() + ", port " + daemon.address.port() + ", Java "
                + System.getProperty("java.version") + ", idle timeout " + Durations.format(idle));
        daemon.serve();
        System.exit(0);
    }
}
