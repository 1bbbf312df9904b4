package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.testkit.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The launcher's AppCDS training ({@link CdsTraining}) really runs every command: a training command
 * that fails ends early and leaves its classes out of the archive, silently, since the launcher
 * discards the training's output.
 */
class CdsTrainingTest {

    @TempDir
    Path scratch;

    @Test
    void everyTrainingCommandSucceedsOnTheCheckoutsTestdata() throws Exception {
        List<CdsTraining.Run> runs = CdsTraining.train(TestData.path("testdata"), scratch);
        List<String> failed = runs.stream().filter(r -> r.exitCode() != r.expected()).map(r -> String.join(" ", r.args())
                + " -> " + r.exitCode()).toList();
        assertEquals(List.of(), failed);

        // Every command at least builds its model and help; the everyday ones really run.
        Set<String> ran = runs.stream().filter(r -> !r.args().isEmpty()).map(r -> r.args().get(0)).collect(Collectors.toSet());
        for (Class<?> command : CocoatlyCommand.SUBCOMMANDS) {
            String name = command.getAnnotation(CommandLine.Command.class).name();
            assertTrue(runs.contains(new CdsTraining.Run(List.of(name, "--help"), 0, 0)), () -> name + " --help not trained");
        }
        Set<List<String>> withoutRegistry = runs.stream().map(r -> r.args().indexOf("--registry") < 0 ? r.args()
                : r.args().subList(0, r.args().indexOf("--registry"))).collect(Collectors.toSet());
        for (List<String> everyday : List.of(List.of("install", "--locked"), List.of("install"), List.of("resolve"),
                List.of("resolve", "--json"), List.of("lock", "--check"), List.of("tree"), List.of("list"), List.of("verify"),
                List.of("resolve", "--explain"), List.of("add", "rand"), List.of("remove", "rand"), List.of("config", "list"),
                List.of("cache", "info"), List.of("completion", "bash"))) {
            assertTrue(withoutRegistry.contains(everyday), () -> everyday + " not trained; trained: " + ran);
        }
        assertTrue(Files.isRegularFile(scratch.resolve("registry/index/itoa.json")), "publish did not publish");
    }

    @Test
    void withoutTestdataTheCommandsThatNeedNoDataStillRun() throws Exception {
        List<CdsTraining.Run> runs = CdsTraining.train(scratch.resolve("no-testdata"), scratch);
        assertEquals(List.of(), runs.stream().filter(r -> r.exitCode() != r.expected()).toList());
        assertEquals(CocoatlyCommand.SUBCOMMANDS.size() + 18, runs.size(), () -> runs.toString());
    }
}
