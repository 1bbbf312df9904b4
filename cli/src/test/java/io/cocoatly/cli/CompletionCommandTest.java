package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code completion bash|zsh|fish} print scripts that name every command, nested command and
 * option; bash parses the bash script ({@code bash -n}), fish its own when installed.
 */
class CompletionCommandTest {

    @TempDir
    Path dir;

    private String script(String shell) {
        CliRunner.Result r = CliRunner.in(dir).run("completion", shell);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        return r.out();
    }

    @Test
    void theBashScriptNamesEveryCommandAndParses() throws Exception {
        String bash = script("bash");
        for (String command : HelpGoldenTest.commands()) {
            if (!command.isEmpty()) {
                String last = command.substring(command.lastIndexOf(' ') + 1);
                assertTrue(bash.contains(" " + last), command);
            }
        }
        assertTrue(bash.contains("--registry") && bash.contains("--color"), "options are completed");
        assertTrue(bash.contains("complete -F _complete_cocoatly"), "registered for cocoatly");
        assertEquals("", syntaxCheck("bash", bash));
    }

    @Test
    void zshRunsTheBashScriptThroughBashcompinit() {
        String zsh = script("zsh");
        assertEquals(script("bash"), zsh);
        assertTrue(zsh.contains("autoload -U +X bashcompinit && bashcompinit"), zsh);
    }

    @Test
    void theFishScriptOffersEveryCommandAndOption() throws Exception {
        String fish = script("fish");
        for (String line : fish.split("\n")) {
            assertTrue(line.startsWith("#") || line.startsWith("complete -c cocoatly "), line);
        }
        for (Class<?> command : CocoatlyCommand.SUBCOMMANDS) {
            String name = command.getAnnotation(picocli.CommandLine.Command.class).name();
            assertTrue(fish.contains("-n '__fish_use_subcommand' -a " + name + " -d '"), name);
        }
        assertTrue(fish.contains("complete -c cocoatly -n '__fish_seen_subcommand_from registry; and not "
                + "__fish_seen_subcommand_from "), "nested commands under registry");
        assertTrue(fish.contains("-n '__fish_seen_subcommand_from registry; and __fish_seen_subcommand_from serve' -l"),
                "registry serve's options");
        assertTrue(fish.contains("complete -c cocoatly -l color -r -a 'auto always never' -d '"), "--color's values");
        assertTrue(fish.contains("-n '__fish_seen_subcommand_from install' -l registry -r"), "install --registry");
        if (onPath("fish")) {
            assertEquals("", syntaxCheck("fish", fish));
        } else {
            System.out.println("fish is not installed: its script's structure only is checked");
        }
    }

    @Test
    void anUnknownShellIsAUsageError() {
        CliRunner.Result r = CliRunner.in(dir).run("completion", "tcsh");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("error: Invalid value for positional parameter at index 0 (SHELL): "), r.err());
    }

    /** What {@code shell -n} says about {@code script}: "" when it parses. */
    private String syntaxCheck(String shell, String script) throws IOException, InterruptedException {
        Path file = dir.resolve("completion." + shell);
        Files.writeString(file, script);
        Process p = new ProcessBuilder(shell, "-n", file.toString()).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue() == 0 ? said : "exit " + p.exitValue() + ": " + said;
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
