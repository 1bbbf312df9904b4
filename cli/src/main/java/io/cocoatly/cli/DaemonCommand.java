package io.cocoatly.cli;

import io.cocoatly.config.Home;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cocoatly daemon}: starts, shows and stops the home's resident daemon ({@link Daemon}). */
@Command(name = "daemon", addMethodSubcommands = false,
        mixinStandardHelpOptions = true,
        description = {"Keep a JVM running that answers the read-only commands, so they skip the JVM's start.",
            "bin/cocoatly hands check, resolve, why, tree, outdated, search, info and --version to the home's",
            "daemon while it runs; every other command, and any while the daemon is busy, runs as before.",
            "COCOATLY_DAEMON=0 runs every command without it."},
        subcommands = {DaemonCommand.Start.class, DaemonCommand.Status.class, DaemonCommand.Stop.class},
        footer = {"",
            "Examples:",
            "  cocoatly daemon start",
            "  cocoatly daemon status",
            "  cocoatly daemon stop",
            "",
            "See docs/daemon.md."})
final class DaemonCommand implements Runnable {

    private final Context context;

    @Spec
    CommandSpec spec;

    DaemonCommand(Context context) {
        this.context = context;
    }

    @Override
    public void run() {
        spec.commandLine().usage(context.out());
    }

    private static CocoatlyException failed(String code, String message, Exception cause) {
        return new CocoatlyException(ErrorKind.FAILED, code, message, List.of("see docs/daemon.md"), cause);
    }

    private static Map<String, Object> json(DaemonClient.Status status) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("running", true);
        data.put("pid", status.address().pid());
        data.put("port", status.address().port());
        data.put("checkout", status.address().checkout());
        data.put("started", status.started().toString());
        data.put("served", status.served());
        data.put("busy", status.busy());
        data.put("idle_timeout_seconds", status.idleTimeoutSeconds());
        data.put("stale", status.stale());
        return data;
    }

    /** {@code cocoatly daemon start}. */
    @Command(name = "start", addMethodSubcommands = false,
            mixinStandardHelpOptions = true,
            description = {"Start the home's daemon, or leave it running if it runs this build already.",
                "It listens on 127.0.0.1 with a token in <home>/daemon/address that only you can read, logs to",
                "<home>/daemon/log and stops after --idle-timeout without a command. A daemon of an older build",
                "is stopped and replaced."},
            footer = {"",
                "Examples:",
                "  cocoatly daemon start",
                "  cocoatly daemon start --idle-timeout 30m",
                "",
                "Exit codes: 0 running, 2 invalid usage, 4 the daemon could not be started."})
    static final class Start implements Callable<Integer> {

        /** How long {@code start} waits for the new daemon to write its address. */
        private static final Duration READY = Duration.ofSeconds(60);

        private final Context context;

        @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "3h",
                description = "Stop after this long without a command: 30m, 3h (default: ${DEFAULT-VALUE}).")
        String idleTimeout;

        @Option(names = "--json", description = "Print the JSON envelope: data = {\"running\", \"pid\", \"port\", \"checkout\","
                + " \"started\", \"served\", \"busy\", \"idle_timeout_seconds\", \"stale\", \"already_running\"}.")
        boolean json;

        Start(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() throws IOException {
            Duration idle = Durations.parse("--idle-timeout", idleTimeout);
            if (idle.toSeconds() < 1) {
                throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "`--idle-timeout` must be at least 1s, found `"
                        + idleTimeout + "`", List.of("e.g. `--idle-timeout 3h`"));
            }
            Home home = CommandSettings.home(context).create();
            String checkout = System.getProperty(DaemonAddress.CHECKOUT_PROPERTY, "");
            Optional<DaemonClient.Status> running = DaemonClient.status(home);
            boolean already = running.isPresent() && !running.get().stale()
                    && running.get().address().checkout().equals(checkout);
            if (running.isPresent() && !already) {
                DaemonClient.stop(running.get().address());
                awaitExit(running.get().address().pid());
            }
            DaemonClient.Status status = already ? running.get() : spawn(home, idle, checkout);
            if (json) {
                Map<String, Object> data = json(status);
                data.put("already_running", already);
                Json.write(context.out(), Envelope.success(data));
            } else {
                context.status((already ? "the daemon is already running" : "started the daemon") + " (pid "
                        + status.address().pid() + "); `cocoatly daemon stop` stops it");
            }
            return ExitCodes.OK;
        }

        private DaemonClient.Status spawn(Home home, Duration idle, String checkout) throws IOException {
            Path log = DaemonAddress.log(home);
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>();
            // Its own session where setsid(1) exists, so that closing the terminal it was started from
            // (SIGHUP to that session) leaves it running.
            setsid(context.env()).ifPresent(command::add);
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // The full JIT and the serial collector (G1 made a small check 20 % slower), told to give
            // memory back: after the full collection that follows a large command (Daemon.returnMemory)
            // the heap shrinks at once (not in steps over several collections) to about 1.4x what is
            // live instead of keeping up to 70 % free. Without these a check of all of crates.io (then a
            // 6 GB peak) left the daemon at 5.7 GB resident; with them 0.5 GB (docs/daemon.md).
            command.addAll(List.of("-Xss4m", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-XX:MinHeapFreeRatio=10",
                    "-XX:MaxHeapFreeRatio=30", "-XX:-ShrinkHeapInSteps"));
            for (String property : List.of(CommandModel.DIRECTORY, DaemonAddress.CHECKOUT_PROPERTY)) {
                String value = System.getProperty(property);
                if (value != null) {
                    command.add("-D" + property + "=" + value);
                }
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Daemon.class.getName(),
                    home.root().toString(), Long.toString(idle.toSeconds())));
            ProcessBuilder builder = new ProcessBuilder(command).directory(home.root().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(context.env());
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw failed("daemon-start-failed", "cannot start the daemon: " + e.getMessage(), e);
            }
            long deadline = System.nanoTime() + READY.toNanos();
            while (System.nanoTime() < deadline) {
                Optional<DaemonAddress> address = DaemonAddress.read(home);
                if (address.isPresent() && address.get().pid() == process.pid()) {
                    Optional<DaemonClient.Status> status = DaemonClient.status(home);
                    if (status.isPresent()) {
                        return status.get();
                    }
                }
                if (!process.isAlive()) {
                    throw failed("daemon-start-failed", "the daemon stopped as it started (exit code " + process.exitValue()
                            + "); its log " + log + " ends:\n" + tail(log), null);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            process.destroy();
            throw failed("daemon-start-failed", "the daemon did not start within " + Durations.format(READY) + "; its log "
                    + log + " ends:\n" + tail(log), null);
        }

        private static Optional<String> setsid(Map<String, String> env) {
            return ExternalCommand.pathDirectories(env).stream().filter(Path::isAbsolute).map(d -> d.resolve("setsid"))
                    .filter(Files::isExecutable).map(Path::toString).findFirst();
        }

        private static String tail(Path log) {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
            } catch (IOException e) {
                return "(cannot be read: " + e.getMessage() + ")";
            }
        }
    }

    /** Waits up to 10 s for a stopped daemon's process to end, so that a new one never overlaps it. */
    private static void awaitExit(long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isPresent()) {
            try {
                process.get().onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // still running or not ours to watch: its address is gone, which is what matters
            }
        }
    }

    /** {@code cocoatly daemon status}. */
    @Command(name = "status", addMethodSubcommands = false,
            mixinStandardHelpOptions = true,
            description = "Show whether the home's daemon runs: its process, what it has served, when it stops.",
            footer = {"",
                "Examples:",
                "  cocoatly daemon status",
                "  cocoatly daemon status --json",
                "",
                "Exit codes: 0 running, 1 not running."})
    static final class Status implements Callable<Integer> {

        private final Context context;

        @Option(names = "--json", description = "Print the JSON envelope: data = {\"running\"} and, when it runs, {\"pid\","
                + " \"port\", \"checkout\", \"started\", \"served\", \"busy\", \"idle_timeout_seconds\", \"stale\"}.")
        boolean json;

        Status(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() throws IOException {
            Optional<DaemonClient.Status> status = DaemonClient.status(CommandSettings.home(context));
            if (json) {
                Json.write(context.out(), Envelope.success(status.map(DaemonCommand::json).orElse(Map.of("running", false))));
            } else if (status.isEmpty()) {
                context.out().println("not running");
            } else {
                DaemonClient.Status s = status.get();
                context.out().println("running: pid " + s.address().pid() + ", port " + s.address().port());
                context.out().println("started: " + s.started() + " (" + ProgressLine.duration(Duration.between(s.started(),
                        Instant.now()).toSeconds()) + " ago)");
                context.out().println("served: " + s.served() + (s.served() == 1 ? " command" : " commands")
                        + (s.busy() ? ", one running now" : ""));
                context.out().println("stops after: " + Durations.format(Duration.ofSeconds(s.idleTimeoutSeconds()))
                        + " without a command");
                if (!s.address().checkout().isEmpty()) {
                    context.out().println("build: " + s.address().checkout() + (s.stale()
                            ? " (built again since it started: commands run without it; `cocoatly daemon start` replaces it)"
                            : ""));
                }
            }
            context.out().flush();
            return status.isPresent() ? ExitCodes.OK : ExitCodes.NEGATIVE;
        }
    }

    /** {@code cocoatly daemon stop}. */
    @Command(name = "stop", addMethodSubcommands = false,
            mixinStandardHelpOptions = true,
            description = "Stop the home's daemon; commands then run in a JVM of their own again.",
            footer = {"",
                "Examples:",
                "  cocoatly daemon stop",
                "",
                "Exit codes: 0 stopped, or none was running."})
    static final class Stop implements Callable<Integer> {

        private final Context context;

        @Option(names = "--json", description = "Print the JSON envelope: data = {\"stopped\", \"pid\"}.")
        boolean json;

        Stop(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() throws IOException {
            Home home = CommandSettings.home(context);
            Optional<DaemonAddress> address = DaemonAddress.read(home);
            boolean stopped = address.isPresent() && DaemonClient.stop(address.get());
            if (stopped) {
                awaitExit(address.get().pid());
            } else if (address.isPresent()) {
                // Nothing answers at it: a daemon killed before it could delete its own file.
                address.get().deleteIfCurrent(home);
            }
            if (json) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("stopped", stopped);
                data.put("pid", stopped ? address.get().pid() : null);
                Json.write(context.out(), Envelope.success(data));
            } else {
                context.status(stopped ? "stopped the daemon (pid " + address.get().pid() + ")" : "no daemon was running");
            }
            return ExitCodes.OK;
        }
    }
}
