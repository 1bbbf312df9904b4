package io.cocoatly.examples.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.plugin.Hook;
import io.cocoatly.plugin.PackageChange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON-lines audit log: what a line holds, appends that never interleave, and lines cut short. */
class AuditLogTest {

    private static final Instant T = Instant.parse("2026-12-03T20:41:07.512Z");

    @TempDir
    Path home;

    private AuditEntry entry(String name, String license) {
        return AuditEntry.of(Events.global(Hook.ON_POST_INSTALL, home, Events.install(home, name, "1.0.0", license)), T);
    }

    @Test
    void aLineHoldsTheEventAsDocumented() throws IOException {
        AuditLog log = AuditLog.of(home);
        PackageChange update = Events.change(home.resolve("packages"), "tls", "2.1.0", "2.0.0", PackageChange.Kind.UPDATE, "MIT");
        log.append(AuditEntry.of(Events.global(Hook.ON_POST_INSTALL, home, update), Instant.parse("2026-12-03T20:41:07.512345Z")));

        assertEquals("{\"time\":\"2026-12-03T20:41:07.512Z\",\"hook\":\"on_post_install\",\"operation\":\"install\","
                + "\"installation\":{\"kind\":\"global\",\"root\":\"" + home + "\"},\"packages\":[{\"name\":\"tls\","
                + "\"version\":\"2.1.0\",\"previous_version\":\"2.0.0\",\"kind\":\"update\",\"license\":\"MIT\"}]}\n",
                Files.readString(home.resolve("audit/audit.jsonl")));
    }

    @Test
    void entriesComeBackOldestFirstWithEveryField() {
        AuditLog log = AuditLog.of(home);
        AuditEntry first = entry("a", "MIT");
        AuditEntry second = entry("b", null);
        AuditEntry tricky = new AuditEntry(T, "on_post_uninstall", "uninstall", "project", "/tmp/we\"ird\\dir\n\u2028é",
                List.of(new AuditEntry.Change("c", "1.0.0", java.util.Optional.empty(), "remove",
                        java.util.Optional.of("LicenseRef-\"quoted\"\t"))));
        log.append(first);
        log.append(second);
        log.append(tricky);

        AuditLog.Reading reading = log.read();
        assertEquals(List.of(first, second, tricky), reading.entries());
        assertEquals(List.of(), reading.warnings());
    }

    @Test
    void aLogThatDoesNotExistHasNoEntries() {
        assertEquals(new AuditLog.Reading(List.of(), List.of()), AuditLog.of(home).read());
    }

    @Test
    void aLineCutShortByACrashIsSkippedWithAWarningAndTheNextAppendStartsAFreshLine() throws IOException {
        AuditLog log = AuditLog.of(home);
        log.append(entry("a", "MIT"));
        // A run killed in the middle of its write leaves the start of its line and no newline.
        Files.writeString(log.file(), "{\"time\":\"2026-12-03T", StandardOpenOption.APPEND);
        log.append(entry("c", "MIT"));

        AuditLog.Reading reading = log.read();
        assertEquals(List.of("a", "c"), reading.entries().stream().map(e -> e.packages().get(0).name()).toList());
        assertEquals(List.of("`" + log.file() + "` line 2 cannot be read (unterminated string at offset 20); skipped it"), reading.warnings());
    }

    @Test
    void aCutLastLineIsSaidToBeCutShort() throws IOException {
        AuditLog log = AuditLog.of(home);
        log.append(entry("a", "MIT"));
        Files.writeString(log.file(), "{\"time\":\"2026-", StandardOpenOption.APPEND);

        AuditLog.Reading reading = log.read();
        assertEquals(1, reading.entries().size());
        assertEquals(List.of("`" + log.file() + "` line 2 is cut short (a run stopped while writing it?); skipped it"),
                reading.warnings());
    }

    @Test
    void aLineThatIsNotAnEntryOrNotUtf8IsSkippedNamingItsLine() throws IOException {
        AuditLog log = AuditLog.of(home);
        Files.createDirectories(log.file().getParent());
        Files.write(log.file(), ("{\"time\":\"yesterday\"}\n\n[1]\n").getBytes(StandardCharsets.UTF_8));
        Files.write(log.file(), new byte[] {'"', (byte) 0xff, '"', '\n'}, StandardOpenOption.APPEND);
        log.append(entry("a", "MIT"));

        AuditLog.Reading reading = log.read();
        assertEquals(1, reading.entries().size());
        assertEquals(List.of(
                "`" + log.file() + "` line 1 cannot be read (`installation` is not an object); skipped it",
                "`" + log.file() + "` line 3 cannot be read (`entry` is not an object); skipped it",
                "`" + log.file() + "` line 4 cannot be read (not UTF-8); skipped it"), reading.warnings());
    }

    @Test
    void concurrentAppendsNeverInterleaveALine() throws Exception {
        AuditLog log = AuditLog.of(home);
        // Long lines (about 6 KB) make a torn write likely if appends were not one write each.
        String license = "LicenseRef-" + "x".repeat(6000);
        int writers = 8;
        int lines = 60;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String name = "w" + w;
                // Each appends through a file descriptor of its own, as separate processes do.
                done.add(pool.submit(() -> {
                    for (int i = 0; i < lines; i++) {
                        new AuditLog(log.file()).append(entry(name, license));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        AuditLog.Reading reading = log.read();
        assertEquals(List.of(), reading.warnings());
        assertEquals(writers * lines, reading.entries().size());
        assertTrue(reading.entries().stream().allMatch(e -> e.packages().get(0).license().orElseThrow().equals(license)));
    }
}
