package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@link CocoatlyCommand#NAMES}, the table that decides without reflection whether a word is a
 * built-in command, says exactly what the {@code @Command} annotations say, so the two cannot drift
 * apart: a command renamed, given an alias or added in one place only fails here.
 */
class CommandNamesTest {

    @Test
    void theTableHoldsEveryCommandsAnnotatedNameAndAliasesInHelpOrder() {
        Map<String, Class<?>> annotated = new LinkedHashMap<>();
        for (Class<?> command : CocoatlyCommand.SUBCOMMANDS) {
            CommandLine.Command annotation = command.getAnnotation(CommandLine.Command.class);
            annotated.put(annotation.name(), command);
            for (String alias : annotation.aliases()) {
                annotated.put(alias, command);
            }
        }
        assertEquals(List.copyOf(annotated.entrySet()), List.copyOf(CocoatlyCommand.NAMES.entrySet()));
    }

    @Test
    void picocliBuildsTheSameCommandsFromTheTable() {
        Context context = new Context(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                InputStream.nullInputStream(), Map.of(), Path.of("."), false);
        CommandLine cli = Cli.commandLine(context, "completion"); // the one run that builds every command
        // picocli's map has every name and alias of each command.
        assertEquals(CocoatlyCommand.NAMES.keySet(), cli.getSubcommands().keySet());
        cli.getSubcommands().forEach((name, sub) ->
                assertEquals(CocoatlyCommand.NAMES.get(name), sub.getCommand().getClass(), name));
    }

    /**
     * Every {@code @Command} class of the package is the top-level command, a built-in of the table,
     * or a nested command of one: a command written but left out of the table would never run.
     */
    @Test
    void everyAnnotatedCommandOfThePackageIsReachableFromTheTable() throws Exception {
        Set<String> reachable = new TreeSet<>();
        List<Class<?>> pending = new ArrayList<>(CocoatlyCommand.SUBCOMMANDS);
        pending.add(CocoatlyCommand.class);
        while (!pending.isEmpty()) {
            Class<?> command = pending.remove(pending.size() - 1);
            if (reachable.add(command.getName())) {
                pending.addAll(List.of(command.getAnnotation(CommandLine.Command.class).subcommands()));
            }
        }
        assertEquals(annotatedCommandsOfThePackage(), reachable);
    }

    /**
     * What keeps picocli's reflection short at start-up (docs/performance-startup.md): no command
     * asks it to look for {@code @Command} methods among all of its methods, and no class it reflects
     * over (a command or a mixin) carries a run-time annotation other than picocli's on a field or
     * method, each other annotation type costing a proxy class generated on every run.
     */
    @Test
    void picocliReflectsOverNoMoreThanItNeeds() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Class<?> c : classesOfThePackage()) {
            CommandLine.Command command = c.getAnnotation(CommandLine.Command.class);
            if (command != null && command.addMethodSubcommands()) {
                problems.add(c.getName() + ": @Command without addMethodSubcommands = false");
            }
            List<AnnotatedElement> members = new ArrayList<>(List.of(c.getDeclaredFields()));
            members.addAll(List.of(c.getDeclaredMethods()));
            boolean reflected = command != null || members.stream().anyMatch(m -> Stream.of(m.getAnnotations())
                    .anyMatch(a -> a.annotationType().getEnclosingClass() == CommandLine.class));
            for (AnnotatedElement m : reflected ? members : List.<AnnotatedElement>of()) {
                for (Annotation a : m.getAnnotations()) {
                    if (a.annotationType().getEnclosingClass() != CommandLine.class) {
                        problems.add(c.getName() + ": " + m + " is annotated @" + a.annotationType().getName());
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    private static Set<String> annotatedCommandsOfThePackage() throws IOException, URISyntaxException,
            ClassNotFoundException {
        Set<String> annotated = new TreeSet<>();
        for (Class<?> c : classesOfThePackage()) {
            if (c.isAnnotationPresent(CommandLine.Command.class)) {
                annotated.add(c.getName());
            }
        }
        return annotated;
    }

    private static List<Class<?>> classesOfThePackage() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(CocoatlyCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = classes.resolve(CocoatlyCommand.class.getPackageName().replace('.', '/'));
        List<Class<?>> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String simple = file.getFileName().toString().replaceFirst("\\.class$", "");
                all.add(Class.forName(CocoatlyCommand.class.getPackageName() + "." + simple, false,
                        CocoatlyCommand.class.getClassLoader()));
            }
        }
        return all;
    }
}
