package io.cocoatly.cli;

import io.cocoatly.testkit.GoldenFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The help of {@code cocoatly} and of every subcommand, pinned in
 * {@code golden/help/<command>.expected.txt}; a new command gets its golden file on the next
 * {@code -Dcocoatly.regenerate=true} run, and fails until then.
 */
class HelpGoldenTest {

    /** "" for the top level, then every command and nested command, as typed. */
    static List<String> commands() {
        List<String> all = new ArrayList<>(List.of(""));
        for (Class<?> command : CocoatlyCommand.SUBCOMMANDS) {
            CommandLine.Command spec = command.getAnnotation(CommandLine.Command.class);
            all.add(spec.name());
            for (Class<?> nested : spec.subcommands()) {
                all.add(spec.name() + " " + nested.getAnnotation(CommandLine.Command.class).name());
            }
        }
        return all;
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpMatchesItsGoldenFile(String command) {
        List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        args.add("--help");
        CliRunner.Result r = CliRunner.in(Path.of(".")).run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode());
        assertEquals("", r.err());
        if (!command.isEmpty()) {
            assertTrue(r.out().contains("Examples:"), () -> command + " --help has no examples");
        }
        GoldenFile.assertMatches("help/" + (command.isEmpty() ? "cocoatly" : command.replace(' ', '-')), r.out());
    }
}
