package io.cocoatly.examples.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.plugin.CocoatlyApi;
import io.cocoatly.plugin.CommandInvocation;
import io.cocoatly.plugin.CommandResult;
import io.cocoatly.plugin.Hook;
import io.cocoatly.plugin.Installation;
import io.cocoatly.plugin.InstalledPackage;
import io.cocoatly.plugin.PackageChange;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cocoatly audit}, run as Cocoatly runs a plugin command: text, filters, {@code --json}, bad arguments. */
class AuditCommandTest {

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** The API as far as the command uses it: the home. */
    private CocoatlyApi api() {
        return new CocoatlyApi() {
            @Override
            public Path home() {
                return home;
            }

            @Override
            public Optional<Path> project() {
                return Optional.empty();
            }

            @Override
            public List<InstalledPackage> installed(Installation.Kind kind) {
                throw new AssertionError("audit does not list installations");
            }

            @Override
            public List<PackageId> lockedPackages() {
                throw new AssertionError("audit does not read lockfiles");
            }

            @Override
            public Map<PackageName, Version> resolve(List<Dependency> requirements) {
                throw new AssertionError("audit does not resolve");
            }
        };
    }

    private CommandResult run(boolean json, boolean quiet, String... args) {
        return new AuditCommand().run(new CommandInvocation(List.of(args), json, quiet, new PrintWriter(out, true),
                new PrintWriter(err, true), home, Map.of(), api()));
    }

    private void record(String time, Hook hook, PackageChange... changes) {
        AuditLog.of(home).append(AuditEntry.of(Events.global(hook, home, changes), Instant.parse(time)));
    }

    @BeforeEach
    void threeEntries() {
        Path packages = home.resolve("packages");
        record("2026-12-03T20:00:00Z", Hook.ON_POST_INSTALL, Events.install(home, "a", "1.0.0", "MIT"),
                Events.install(home, "b", "1.0.0", null));
        record("2026-12-03T20:01:00.250Z", Hook.ON_POST_INSTALL,
                Events.change(packages, "a", "1.1.0", "1.0.0", PackageChange.Kind.UPDATE, "MIT"),
                Events.change(packages, "c", "0.1.0", null, PackageChange.Kind.REINSTALL, "Apache-2.0"));
        record("2026-12-03T20:02:00Z", Hook.ON_POST_UNINSTALL,
                Events.change(packages, "b", "1.0.0", null, PackageChange.Kind.REMOVE, null));
    }

    @Test
    void printsOneLinePerEntryNewestLast() {
        assertEquals(CommandResult.ok(null), run(false, false));
        assertEquals("2026-12-03T20:00:00Z  install    global " + home + "  + a 1.0.0 [MIT], + b 1.0.0\n"
                + "2026-12-03T20:01:00.250Z  install    global " + home + "  ~ a 1.0.0 -> 1.1.0 [MIT], ~ c 0.1.0 (reinstalled) [Apache-2.0]\n"
                + "2026-12-03T20:02:00Z  uninstall  global " + home + "  - b 1.0.0\n", out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void limitKeepsTheNewestAndPackageTheEntriesThatConcernIt() {
        run(false, false, "--limit", "1");
        assertEquals(1, out.toString().lines().count());
        assertEquals(true, out.toString().startsWith("2026-12-03T20:02:00Z  uninstall"));

        out.getBuffer().setLength(0);
        run(false, false, "--package=a", "--limit=5");
        assertEquals(List.of("2026-12-03T20:00:00Z", "2026-12-03T20:01:00.250Z"),
                out.toString().lines().map(l -> l.substring(0, l.indexOf(' '))).toList());

        out.getBuffer().setLength(0);
        run(false, false, "--package", "b", "--limit", "1");
        assertEquals(true, out.toString().startsWith("2026-12-03T20:02:00Z"));

        out.getBuffer().setLength(0);
        run(false, false, "--package", "zzz");
        assertEquals("No entry of the audit log `" + AuditLog.of(home).file() + "` concerns `zzz`.\n", out.toString());
    }

    @Test
    void jsonReturnsTheEntriesAsDataAndPrintsNothing() {
        CommandResult result = run(true, false, "--limit", "2");
        assertEquals("", out.toString());
        assertEquals(false, result.negative());
        Map<?, ?> data = (Map<?, ?>) result.data();
        assertEquals(AuditLog.of(home).file().toString(), data.get("log"));
        assertEquals(List.of(), data.get("warnings"));
        List<?> entries = (List<?>) data.get("entries");
        assertEquals(2, entries.size());
        // The data is what the line holds, so it reads back as the same entries.
        assertEquals(AuditLog.of(home).read().entries().subList(1, 3), entries.stream().map(AuditEntry::fromData).toList());
        assertEquals(Map.of("name", "a", "version", "1.1.0", "previous_version", "1.0.0", "kind", "update", "license", "MIT"),
                ((List<?>) ((Map<?, ?>) entries.get(0)).get("packages")).get(0));
        // and the envelope can hold it: only JSON types inside.
        assertEquals(data, JsonText.parse(JsonText.write(data)));
    }

    @Test
    void unreadableLinesAreWarnedAboutOnStderrOrInTheData() throws IOException {
        Files.writeString(AuditLog.of(home).file(), "{\"cut", StandardOpenOption.APPEND);
        String warning = "`" + AuditLog.of(home).file() + "` line 4 is cut short (a run stopped while writing it?); skipped it";

        run(false, false);
        assertEquals(3, out.toString().lines().count());
        assertEquals("warning: " + warning + "\n", err.toString());

        err.getBuffer().setLength(0);
        run(false, true);
        assertEquals("", err.toString(), "-q prints errors only");

        assertEquals(List.of(warning), ((Map<?, ?>) run(true, false).data()).get("warnings"));
    }

    @Test
    void anEmptyLogSaysSo() throws IOException {
        Files.delete(AuditLog.of(home).file());
        run(false, false);
        assertEquals("The audit log `" + AuditLog.of(home).file() + "` has no entries.\n", out.toString());
        assertEquals(Map.of("log", AuditLog.of(home).file().toString(), "entries", List.of(), "warnings", List.of()),
                run(true, false).data());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        Map<List<String>, String> cases = Map.of(
                List.of("--limit", "0"), "`cocoatly audit`: `--limit` takes a number of entries, 1 or more: `0`",
                List.of("--limit=x"), "`cocoatly audit`: `--limit` takes a number of entries, 1 or more: `x`",
                List.of("--limit"), "`cocoatly audit`: `--limit` needs a value",
                List.of("--since", "1d"), "`cocoatly audit`: unknown option `--since`",
                List.of("everything"), "`cocoatly audit`: unexpected argument `everything`");
        cases.forEach((args, message) -> {
            CocoatlyException e = assertThrows(CocoatlyException.class, () -> run(false, false, args.toArray(String[]::new)));
            assertEquals(List.of(ErrorKind.INVALID_INPUT, "usage", message, List.of("run `cocoatly audit --help` for its options")),
                    List.of(e.kind(), e.code(), e.getMessage(), e.hints()));
        });
        assertEquals("", out.toString());
    }
}
