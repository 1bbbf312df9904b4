package io.cocoatly.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Writes {@link CommandModel}'s description of every command into the build's classes; run by Maven
 * in {@code process-classes} (cli/pom.xml), so the jar and the tests have it.
 */
public final class CommandModelWriter {

    private CommandModelWriter() {
    }

    /**
     * Writes the descriptions under {@code args[0]}, the module's classes directory (so the jar holds
     * them), and into the directory {@code args[1]}, which the launcher names to a run as {@link
     * CommandModel#DIRECTORY}.
     */
    public static void main(String[] args) throws Exception {
        Path resources = Path.of(args[0], CommandModel.class.getPackageName().replace('.', '/'), CommandModel.RESOURCES);
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<CommandSpec> builtIns = new ArrayList<>();
        CommandLine.IFactory factory = Cli.factory(scratchContext());
        for (Class<?> command : commands()) {
            CommandSpec spec = CommandModel.annotated(command, factory);
            files.put(CommandModel.fileName(command), CommandModel.describe(spec));
            if (command != CocoatlyCommand.class) {
                builtIns.add(spec);
            }
        }
        files.put(CommandModel.LISTING, CommandModel.describeListing(builtIns));
        for (Path dir : List.of(resources, Path.of(args[1]))) {
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Files.write(dir.resolve(file.getKey()), file.getValue());
            }
        }
    }

    /** The top-level command and every built-in one: each gets a description. */
    static List<Class<?>> commands() {
        List<Class<?>> commands = new ArrayList<>();
        commands.add(CocoatlyCommand.class);
        commands.addAll(CocoatlyCommand.SUBCOMMANDS);
        return commands;
    }

    /** A context for making the command objects; nothing runs, so nothing is printed or read. */
    static Context scratchContext() {
        return new Context(new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()),
                new ByteArrayInputStream(new byte[0]), Map.of(), Path.of("").toAbsolutePath(), false);
    }
}
