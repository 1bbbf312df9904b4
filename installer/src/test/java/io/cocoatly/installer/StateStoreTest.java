package io.cocoatly.installer;

import io.cocoatly.config.Home;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.InvalidFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StateStoreTest {

    private static final Path FILE = Path.of("/h/state.json");

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void noStateFileMeansNothingInstalled(@TempDir Path dir) {
        assertEquals(State.empty(), StateStore.read(new Home(dir)));
    }

    @Test
    void theFormatIsDocumented() {
        String text = new String(StateStore.toBytes(StateSamples.two(Path.of("/opt/pkgs"))), StandardCharsets.UTF_8);
        assertEquals("{\n  \"state\": 1,\n  \"packages\": [\n    {\n      \"name\": \"http\",\n      \"version\": \"2.0.1-rc.1\",\n"
                + "      \"source\": \"https://r.example\",\n      \"digest\": null,\n      \"install_path\": \"/opt/pkgs/http/2.0.1-rc.1\",\n"
                + "      \"installed_at\": \"2026-11-24T00:12:01.500Z\",\n      \"dependencies\": [],\n      \"files\": []\n    },\n    {\n      \"name\": \"tls\",\n"
                + "      \"version\": \"2.1.0\",\n      \"source\": \"sample\",\n      \"digest\": \"sha256:" + "0f".repeat(32) + "\",\n"
                + "      \"install_path\": \"/opt/pkgs/tls/2.1.0\",\n      \"installed_at\": \"2026-11-24T00:12:00Z\",\n"
                + "      \"dependencies\": [],\n"
                + "      \"files\": [\n        {\n          \"path\": \"README\",\n          \"type\": \"file\",\n          \"size\": 12,\n"
                + "          \"mode\": \"0644\",\n          \"sha256\": \"" + "b2".repeat(32) + "\"\n        },\n        {\n"
                + "          \"path\": \"lib\",\n          \"type\": \"dir\",\n          \"mode\": \"0755\"\n        },\n        {\n"
                + "          \"path\": \"lib/tls.so\",\n          \"type\": \"file\",\n          \"size\": 4096,\n          \"mode\": \"0755\",\n"
                + "          \"sha256\": \"" + "a1".repeat(32) + "\"\n        },\n        {\n          \"path\": \"lib/tls.so.2\",\n"
                + "          \"type\": \"symlink\",\n          \"target\": \"tls.so\"\n        }\n      ]\n    }\n  ]\n}\n", text);
    }

    @Test
    void writesAtomicallyAndReadsBack(@TempDir Path dir) throws IOException {
        Home home = new Home(dir);
        State state = StateSamples.two(dir.resolve("packages"));
        StateStore.write(home, State.empty());
        StateStore.write(home, state);
        assertEquals(state, StateStore.read(home));
        assertArrayEquals(StateStore.toBytes(state), Files.readAllBytes(home.stateFile()));
        assertEquals(List.of("state.json"), entries(dir));
    }

    /** The home's state is its own bookkeeping: owner-only, as it always was (docs/publishing.md). */
    @Test
    void theStateFileStaysOwnerOnly(@TempDir Path dir) throws IOException {
        assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null);
        StateStore.write(new Home(dir), State.empty());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("state.json"))));
    }

    @Test
    void aFailedCommitLeavesTheOldStateAndNoTempFile(@TempDir Path dir) throws IOException {
        Home home = new Home(dir);
        State old = StateSamples.two(dir.resolve("packages"));
        StateStore.write(home, old);
        byte[] before = Files.readAllBytes(home.stateFile());
        State next = old.without(old.packages().get(0).id());
        CocoatlyException e = assertThrows(CocoatlyException.class, () -> StateStore.write(home, next, temp -> {
            // The temp file is complete and synced; the crash comes just before the rename.
            assertArrayEquals(StateStore.toBytes(next), Files.readAllBytes(temp));
            throw new IOException("disk on fire");
        }));
        assertEquals("state-write-failed", e.code());
        assertEquals("cannot write `" + home.stateFile() + "`: disk on fire", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(home.stateFile()));
        assertEquals(List.of("state.json"), entries(dir));
    }

    @Test
    void aNewerFormatIsRefusedClearly() {
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> StateStore.parse("{\"state\": 2, \"packages\": [], \"news\": 1}".getBytes(StandardCharsets.UTF_8), FILE));
        assertEquals("unsupported-state", e.code());
        assertEquals("/h/state.json: $.state: unsupported state format: 2 (this Cocoatly reads format 1)", e.getMessage());
        assertEquals(List.of("this state was written by a newer Cocoatly; upgrade Cocoatly to manage these packages"), e.hints());
    }

    private static String sample() {
        return new String(StateStore.toBytes(StateSamples.two(Path.of("/opt/pkgs"))), StandardCharsets.UTF_8);
    }

    private static String edit(String text, String from, String to) {
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new IllegalArgumentException("not exactly one `" + from + "` in the sample");
        }
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
            Arguments.of("\"state\": 1", "\"state\": \"1\"", "$.state: expected an integer, found a string"),
            Arguments.of("\"name\": \"tls\"", "\"name\": \"TLS\"",
                "$.packages[1].name: invalid package name `TLS`: it must match [a-z0-9][a-z0-9._-]*"),
            Arguments.of("\"digest\": null", "\"digest\": \"md5:00\"",
                "$.packages[0].digest: expected `<algorithm>:<lowercase hex>` with sha256, blake3 or sha512: `md5:00`"),
            Arguments.of("\"install_path\": \"/opt/pkgs/tls/2.1.0\"", "\"install_path\": \"pkgs/tls\"",
                "$.packages[1].install_path: expected an absolute path: `pkgs/tls`"),
            Arguments.of("\"installed_at\": \"2026-11-24T00:12:00Z\"", "\"installed_at\": \"yesterday\"",
                "$.packages[1].installed_at: expected an ISO-8601 UTC time like 2026-01-31T12:00:00Z: `yesterday`"),
            Arguments.of("\"path\": \"README\"", "\"path\": \"../../etc/passwd\"",
                "$.packages[1].files[0].path: `.`, `..` and empty components are not allowed: `../../etc/passwd`"),
            Arguments.of("\"path\": \"README\"", "\"path\": \"/etc/passwd\"",
                "$.packages[1].files[0].path: expected a relative path with `/` separators: `/etc/passwd`"),
            Arguments.of("\"path\": \"README\"", "\"path\": \"c:README\"",
                "$.packages[1].files[0].path: expected a relative path with `/` separators: `c:README`"),
            Arguments.of("\"path\": \"README\"", "\"path\": \"Z:/README\"",
                "$.packages[1].files[0].path: expected a relative path with `/` separators: `Z:/README`"),
            Arguments.of("\"mode\": \"0644\"", "\"mode\": \"0648\"", "$.packages[1].files[0].mode: expected four octal digits like `0644`: `0648`"),
            Arguments.of("\"path\": \"README\"", "\"path\": \"lib\"", "$.packages[1].files[1]: `lib` is listed twice"),
            Arguments.of("\"type\": \"symlink\"", "\"type\": \"fifo\"", "$.packages[1].files[3].type: unknown file type: `fifo`"),
            Arguments.of("\"mode\": \"0644\"", "\"mode\": \"644\"", "$.packages[1].files[0].mode: expected four octal digits like `0644`: `644`"),
            Arguments.of("\"size\": 12", "\"size\": -12", "$.packages[1].files[0].size: size must not be negative: -12"),
            Arguments.of("\"sha256\": \"b2", "\"sha256\": \"B2", "$.packages[1].files[0].sha256: expected 64 lowercase hex digits: `B2"
                + "b2".repeat(31) + "`"),
            Arguments.of("\"target\": \"tls.so\"", "\"target\": \"tls.so\", \"owner\": 0", "$.packages[1].files[3]: unknown key `owner`"),
            Arguments.of("\"files\": []", "\"files\": {}", "$.packages[0].files: expected an array, found an object"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedStateFailsWithItsPath(String from, String to, String expected) {
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> StateStore.parse(edit(sample(), from, to).getBytes(StandardCharsets.UTF_8), FILE));
        assertEquals("/h/state.json: " + expected, e.getMessage());
        assertEquals("invalid-state", e.code());
    }

    @Test
    void aPackageRecordedTwiceIsRefused() {
        String text = sample();
        String http = text.substring(text.indexOf("    {\n      \"name\": \"http\""), text.indexOf("    {\n      \"name\": \"tls\""));
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> StateStore.parse(edit(text, http, http + http).getBytes(StandardCharsets.UTF_8), FILE));
        assertEquals("/h/state.json: $.packages[1]: `http@2.0.1-rc.1` is recorded twice", e.getMessage());
    }

    @Test
    void timesAreReadAsInstantParseReadsThem() {
        java.util.Random random = new java.util.Random(17);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong() % 253_402_300_800L; // years 0000 to 9999, before and after 1970
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            java.time.Instant instant = java.time.Instant.ofEpochSecond(Math.abs(seconds) - 62_167_219_200L / 2, nanos);
            String text = instant.toString();
            assertEquals(java.time.Instant.parse(text), StateStore.parseInstant(text), text);
        }
        for (String text : List.of("2026-11-24T00:12:00Z", "2026-11-24T00:12:01.5Z", "2026-11-24T00:12:01.123456789Z",
                "2024-02-29T23:59:59Z", "2026-12-31T23:59:60Z", "+10000-01-01T00:00:00Z", "2026-01-31t12:00:00z")) {
            assertEquals(String.valueOf(parseOrError(text, true)), String.valueOf(parseOrError(text, false)), text);
        }
        for (String text : List.of("2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-24T24:00:00Z",
                "2026-11-24T00:60:00Z", "2026-11-24T00:12:00.Z", "2026-11-24T00:12:00.1234567890Z", "2026-11-24 00:12:00Z",
                "2026-11-24T00:12:00+01:00", "2026-1-24T00:12:00Z", "2026-11-24T00:12:0xZ", "yesterday", "")) {
            assertEquals(parseOrError(text, true), parseOrError(text, false), text);
        }
    }

    /** What {@code Instant.parse} ({@code jdk}) or the state's reader answers: the time, or the error's message. */
    private static Object parseOrError(String text, boolean jdk) {
        try {
            return jdk ? java.time.Instant.parse(text) : StateStore.parseInstant(text);
        } catch (java.time.format.DateTimeParseException e) {
            return e.getMessage();
        }
    }
}
