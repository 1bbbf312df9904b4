package io.cocoatly.examples.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit log, {@code <home>/audit/audit.jsonl}: one JSON object per line ({@link AuditEntry}),
 * oldest first.
 *
 * <p>Appending is safe against concurrent runs and crashes without any lock. Each line goes to the
 * file in one {@code write(2)} on a descriptor opened with {@code O_APPEND}: the kernel moves to the end
 * and writes in one step, so lines of concurrent runs never interleave, and a run killed half-way
 * leaves at worst its own line cut short at the end. Reading skips such a line with a warning. So
 * that the next line is not glued onto a cut one, an append that finds the file not ending in a
 * newline starts with one (two runs that both see it leave an empty line, which reading ignores).
 *
 * @param file the log file
 */
record AuditLog(Path file) {

    /** The log's place below the home. */
    static final String FILE = "audit/audit.jsonl";

    /** The log of the home {@code home}. */
    static AuditLog of(Path home) {
        return new AuditLog(home.resolve(FILE));
    }

    /**
     * Appends {@code entry} as one line.
     *
     * @throws UncheckedIOException if the directory cannot be made or the file cannot be written
     */
    void append(AuditEntry entry) {
        byte[] line = (JsonText.write(entry.toData()) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer bytes = ByteBuffer.allocateDirect(line.length + 1);
                if (!endsWithNewline(file)) {
                    bytes.put((byte) '\n');
                }
                bytes.put(line).flip();
                // A direct buffer is handed to write(2) as it is: one call writes it all to a regular file.
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit log `" + file + "`: " + e.getMessage(), e);
        }
    }

    /** Whether {@code file} is empty or ends in a newline (Java opens no channel for both reading and appending). */
    private static boolean endsWithNewline(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            if (size == 0) {
                return true;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            in.read(last, size - 1);
            return last.get(0) == '\n';
        }
    }

    /**
     * What reading the log found: its entries, oldest first, and a warning for each line that could not
     * be read (a line cut short by a crash, a line edited by hand), naming the file and line.
     *
     * @param entries  the entries read
     * @param warnings the lines skipped, each a sentence
     */
    record Reading(List<AuditEntry> entries, List<String> warnings) {
        Reading {
            entries = List.copyOf(entries);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Reads the whole log; a log that does not exist yet has no entries.
     *
     * @throws UncheckedIOException if it exists and cannot be read
     */
    Reading read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Reading(List.of(), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log `" + file + "`: " + e.getMessage(), e);
        }
        List<AuditEntry> entries = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int start = 0;
        int number = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            number++;
            boolean complete = end < bytes.length;
            if (end > start) {
                try {
                    String line = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
                    entries.add(AuditEntry.fromData(JsonText.parse(line)));
                } catch (CharacterCodingException | IllegalArgumentException e) {
                    String why = complete ? "cannot be read (" + message(e) + ")" : "is cut short (a run stopped while writing it?)";
                    warnings.add("`" + file + "` line " + number + " " + why + "; skipped it");
                }
            }
            start = end + 1;
        }
        return new Reading(entries, warnings);
    }

    private static String message(Exception e) {
        return e instanceof CharacterCodingException ? "not UTF-8" : e.getMessage();
    }
}
