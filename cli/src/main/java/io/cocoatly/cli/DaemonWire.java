package io.cocoatly.cli;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a client and the resident daemon say to each other over loopback TCP (docs/daemon.md). The
 * client's side is written in bash ({@code bin/cocoatly-daemon-client}, which has {@code /dev/tcp} and
 * {@code read -N} but no way to parse JSON or lengths in binary), so both directions are text a shell
 * can write and read without starting a process.
 *
 * <p>A request is fields, each ended by a NUL byte (the one byte no argument, path or environment
 * variable can hold): {@code cocoatly-daemon/1}, the token, then a verb. {@code status} and
 * {@code stop} end there; {@code run} goes on with the working directory, whether stdout and stderr
 * are terminals ({@code 1} or {@code 0} each, as {@code "10"}), the terminal's width (empty if not
 * known), the number of arguments and the arguments, the number of environment variables and each as
 * {@code NAME=value}.
 *
 * <p>The daemon speaks first: {@code cocoatly-daemon <proof>\n}, the proof of its address file, which
 * the client checks before it sends anything (see {@link DaemonAddress}).
 *
 * <p>The answer is frames, each a header line {@code <kind> <n>\n}: {@code a 0} the command runs here;
 * {@code r 0} refused (a command the daemon does not serve, the daemon busy, a wrong token: the client
 * runs the command itself, as if there were no daemon); {@code 1 <n>} and {@code 2 <n>} followed by
 * {@code n} bytes for stdout and stderr; {@code x <code>} the exit code, always last. A client sends
 * nothing after its request and keeps the connection open until the exit code: a connection that
 * ends before then means the client went away, and the daemon stops the command.
 */
final class DaemonWire {

    /** The first field of every request: the protocol and its version. */
    static final String MAGIC = "cocoatly-daemon/1";

    /** What the daemon's greeting says before its proof (bin/cocoatly-daemon-client checks the same). */
    private static final String HELLO = "cocoatly-daemon ";

    /** A request's verbs. */
    static final String RUN = "run";
    static final String STATUS = "status";
    static final String STOP = "stop";

    /** Frame kinds. */
    static final char ACCEPTED = 'a';
    static final char REFUSED = 'r';
    static final char STDOUT = '1';
    static final char STDERR = '2';
    static final char EXIT = 'x';

    // Limits on what a request may hold, so that a client gone wrong cannot fill the daemon's heap.
    private static final int MAX_FIELD = 1 << 20;
    private static final int MAX_FIELDS = 100_000;
    // The longest line the daemon sends: its greeting, a 64-digit proof after HELLO.
    private static final int MAX_LINE = 200;

    private DaemonWire() {
    }

    /**
     * A {@code run} request: the command line and the part of the client's world a command may see.
     *
     * @param width the terminal's width in columns, or 0 if not known
     */
    record Run(Path cwd, boolean stdoutTerminal, boolean stderrTerminal, int width, List<String> args,
               Map<String, String> env) {

        Run {
            args = List.copyOf(args);
            env = Map.copyOf(env);
        }
    }

    /** Reads one NUL-ended field as UTF-8. */
    static String field(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != 0; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the request ended in the middle of a field");
            }
            if (bytes.size() == MAX_FIELD) {
                throw new IOException("a request field is longer than " + MAX_FIELD + " bytes");
            }
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Reads what follows the verb {@code run}. */
    static Run readRun(InputStream in) throws IOException {
        Path cwd = Path.of(field(in));
        if (!cwd.isAbsolute()) {
            throw new IOException("the working directory is not absolute: " + cwd);
        }
        String terminals = field(in);
        String width = field(in);
        List<String> args = new ArrayList<>();
        for (int i = 0, n = count(field(in)); i < n; i++) {
            args.add(field(in));
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0, n = count(field(in)); i < n; i++) {
            String entry = field(in);
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return new Run(cwd, terminals.startsWith("1"), terminals.length() > 1 && terminals.charAt(1) == '1',
                width.matches("[0-9]{1,4}") ? Integer.parseInt(width) : 0, args, env);
    }

    private static int count(String field) throws IOException {
        int count = field.matches("[0-9]{1,6}") ? Integer.parseInt(field) : -1;
        if (count < 0 || count > MAX_FIELDS) {
            throw new IOException("not a count of fields: `" + field + "`");
        }
        return count;
    }

    /** Writes a request: the magic, the token, the verb and, for {@code run}, its fields. */
    static void writeRequest(OutputStream out, String token, String verb, Run run) throws IOException {
        List<String> fields = new ArrayList<>(List.of(MAGIC, token, verb));
        if (run != null) {
            fields.add(run.cwd().toString());
            fields.add((run.stdoutTerminal() ? "1" : "0") + (run.stderrTerminal() ? "1" : "0"));
            fields.add(run.width() > 0 ? Integer.toString(run.width()) : "");
            fields.add(Integer.toString(run.args().size()));
            fields.addAll(run.args());
            fields.add(Integer.toString(run.env().size()));
            run.env().forEach((name, value) -> fields.add(name + "=" + value));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String f : fields) {
            bytes.write(f.getBytes(StandardCharsets.UTF_8));
            bytes.write(0);
        }
        out.write(bytes.toByteArray());
        out.flush();
    }

    /** The daemon's greeting, before anything else on a connection. */
    static void writeHello(OutputStream out, String proof) throws IOException {
        out.write((HELLO + proof + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads the daemon's greeting; whether it carries {@code proof}. */
    static boolean readHello(InputStream in, String proof) throws IOException {
        String line = line(in);
        return line != null && MessageDigest.isEqual(line.getBytes(StandardCharsets.US_ASCII),
                (HELLO + proof).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * One line the daemon sent (its greeting or a frame's header), without the newline; null at the
     * end of the stream before any byte.
     *
     * @throws IOException if the stream ends within the line, or the line is longer than any the
     *     daemon sends (whatever answered is not a daemon)
     */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                if (line.length() == 0) {
                    return null;
                }
                throw new EOFException("the daemon's answer ended in a line");
            }
            if (line.length() == MAX_LINE) {
                throw new IOException("a line of the daemon's answer is longer than " + MAX_LINE + " bytes");
            }
            line.append((char) b);
        }
        return line.toString();
    }

    /** Writes a frame without a payload: {@code a 0}, {@code r 0} or {@code x <code>}. */
    static void writeHeader(OutputStream out, char kind, int number) throws IOException {
        out.write((kind + " " + number + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Writes a stdout or stderr frame. */
    static void writeOutput(OutputStream out, char kind, byte[] bytes, int length) throws IOException {
        out.write((kind + " " + length + "\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes, 0, length);
        out.flush();
    }

    /**
     * One frame as a Java client reads it.
     *
     * @param number the exit code for {@code x}, the payload's length for {@code 1} and {@code 2}
     */
    record Frame(char kind, int number, byte[] payload) {
    }

    /** Reads the next frame, or null at the end of the stream. */
    static Frame readFrame(InputStream in) throws IOException {
        String header = line(in);
        if (header == null) {
            return null;
        }
        String[] parts = header.split(" ");
        if (parts.length != 2 || parts[0].length() != 1 || !parts[1].matches("-?[0-9]{1,9}")) {
            throw new IOException("not a frame header: `" + header + "`");
        }
        char kind = parts[0].charAt(0);
        int number = Integer.parseInt(parts[1]);
        boolean output = kind == STDOUT || kind == STDERR;
        byte[] payload = output ? in.readNBytes(number) : new byte[0];
        if (output && payload.length != number) {
            throw new EOFException("the daemon's answer ended in a frame");
        }
        return new Frame(kind, number, payload);
    }
}
