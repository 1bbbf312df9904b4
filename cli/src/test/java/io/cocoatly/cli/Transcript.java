package io.cocoatly.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Commands run with {@link InstallFixture} and what they printed, as one text to compare with a
 * golden file: {@code $ cocoatly ARGS}, the exit code, stdout, and stderr without the progress
 * lines (those are {@link InstallProgress}'s to pin, and redrawn differently on a terminal). The
 * temporary directory is shown as {@code <ROOT>}.
 */
final class Transcript {

    private static final Pattern PROGRESS = Pattern.compile("(downloaded|cached|unpacked|retrying) ");

    private final InstallFixture fixture;
    private final Path root;
    private final StringBuilder text = new StringBuilder();

    /** @param root the temporary directory holding the fixture, masked as {@code <ROOT>} */
    Transcript(InstallFixture fixture, Path root) {
        this.fixture = fixture;
        this.root = root;
    }

    /** Runs {@code cocoatly args} in {@code cwd} and records it. */
    CliRunner.Result run(Path cwd, String... args) {
        CliRunner.Result r = fixture.cli(cwd).run(args);
        text.append("$ cocoatly ").append(mask(String.join(" ", args))).append("\nexit: ").append(r.exitCode())
                .append("\n--- stdout\n").append(mask(r.out())).append("--- stderr\n").append(mask(withoutProgress(r.err())))
                .append('\n');
        return r;
    }

    /** Everything recorded so far. */
    String text() {
        return text.toString();
    }

    private String mask(String s) {
        return s.replace(root.toString(), "<ROOT>");
    }

    // Progress is one line per step without a terminal (`downloaded a@1.0.0 (1.2 KiB)`, `unpacked
    // ...`); what a command says about itself is errors, hints, warnings and status lines.
    private static String withoutProgress(String err) {
        return Arrays.stream(err.split("\n", -1)).filter(l -> !PROGRESS.matcher(l).lookingAt())
                .collect(Collectors.joining("\n"));
    }
}
