package io.cocoatly.cli;

import io.cocoatly.config.Home;
import io.cocoatly.json.AtomicFiles;
import io.cocoatly.json.FileModes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a home's resident daemon listens, as written in {@code <home>/daemon/address} (owner-only):
 * six lines that {@code bin/cocoatly-daemon-client} reads with the shell's {@code read}, so no JSON
 * and no process to parse it.
 *
 * <pre>
 * cocoatly-daemon 1        the format
 * 45123                    the loopback TCP port
 * 9f2c...                  the token every request starts with (64 hex digits)
 * /home/me/src/cocoatly    the checkout whose build the daemon runs (empty if not started by bin/cocoatly)
 * 4711                     the daemon's process id
 * 51ab...                  the proof the daemon greets every client with (64 hex digits)
 * </pre>
 *
 * <p>Two secrets, one each way: the client's token shows the daemon that the request comes from who
 * can read this file; the daemon's proof shows the client that it speaks to the daemon that wrote it,
 * not to another user's process that took the port of a daemon that died, before it sends the
 * command's environment (which may hold registry tokens).
 *
 * <p>The launcher uses the daemon only if this file is newer than the checkout's jars (the daemon runs
 * the build it was started with), and its client only if the file names the launcher's own checkout.
 *
 * @param port     the port on 127.0.0.1
 * @param token    the shared secret; only who can read this file can use the daemon
 * @param checkout the checkout's root as the launcher names it, or empty
 * @param pid      the daemon's process id
 * @param proof    what the daemon greets every connection with
 */
record DaemonAddress(int port, String token, String checkout, long pid, String proof) {

    /** The first line: the format, which a later format changes so that old clients fall back. */
    static final String FORMAT = "cocoatly-daemon 1";

    /** The system property by which {@code bin/cocoatly} names its checkout to the JVM. */
    static final String CHECKOUT_PROPERTY = "cocoatly.checkout";

    /** {@code <home>/daemon}: the address and the daemon's log. */
    static Path directory(Home home) {
        return home.daemonDir();
    }

    /** {@code <home>/daemon/address}. */
    static Path file(Home home) {
        return directory(home).resolve("address");
    }

    /**
     * {@code <home>/daemon/serves}: the commands the daemon serves ({@link Daemon#SERVED}) on one line,
     * sorted, space-separated, so that the launcher sends a command it names first and the daemon
     * does not serve straight to a JVM of its own, without the round trip of a refusal.
     */
    static Path servesFile(Home home) {
        return directory(home).resolve("serves");
    }

    /** {@code <home>/daemon/log}: what the daemon prints (its start, its stop, any error). */
    static Path log(Home home) {
        return directory(home).resolve("log");
    }

    /** The address file's text. */
    String text() {
        return String.join("\n", FORMAT, Integer.toString(port), token, checkout, Long.toString(pid), proof) + "\n";
    }

    /** Writes this address atomically and owner-only, so no reader sees a half-written one. */
    void write(Home home) throws IOException {
        Files.createDirectories(directory(home));
        AtomicFiles.write(file(home), text().getBytes(StandardCharsets.UTF_8), FileModes.OWNER_ONLY);
    }

    /**
     * The home's daemon address, if the file exists in this format; a file in another format or
     * damaged reads as none (the launcher then runs without the daemon too).
     */
    static Optional<DaemonAddress> read(Home home) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file(home), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (lines.size() != 6 || !lines.get(0).equals(FORMAT)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DaemonAddress(Integer.parseInt(lines.get(1)), lines.get(2), lines.get(3),
                    Long.parseLong(lines.get(4)), lines.get(5)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Deletes the home's address file if it is still this address (a daemon started since has its
     * own, which is left alone: Cocoatly deletes only what it created).
     */
    void deleteIfCurrent(Home home) throws IOException {
        if (read(home).filter(this::equals).isPresent()) {
            Files.deleteIfExists(file(home));
        }
    }
}
