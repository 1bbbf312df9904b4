package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The model {@link CommandModel} reads from the build's description is the model picocli builds from
 * the annotations: for every command and subcommand the same help text at three widths, the same
 * options and parameters attribute by attribute, the same mixins and names; and parsing through it
 * sets the command's fields and calls its setters as the annotation-built model does.
 */
class CommandModelTest {

    @Test
    void everyCommandHasADescriptionInTheBuild() {
        for (Class<?> command : CommandModelWriter.commands()) {
            assertNotNull(CommandModel.class.getResource(CommandModel.resource(command)),
                    "no description of " + command.getSimpleName() + ": did Maven run process-classes?");
        }
    }

    @Test
    void theDescribedModelIsTheAnnotatedModel() throws Exception {
        for (Class<?> command : CommandModelWriter.commands()) {
            CommandLine annotated = withTop(command, annotatedSpec(command));
            // Read strictly: CommandModel.spec would hide an unreadable description behind the annotations.
            CommandSpec read = CommandModel.read(command, Cli.factory(context()));
            assertNotNull(read, "no description of " + command.getSimpleName());
            CommandLine described = withTop(command, read);
            compare(annotated, described, command.getSimpleName());
        }
    }

    @Test
    void theListingHasTheCommandsTextsAndNoOptions() throws Exception {
        assertNotNull(CommandModel.class.getResource(CommandModel.RESOURCES + "/" + CommandModel.LISTING));
        List<CommandSpec> listings = CommandModel.readListings(Cli.factory(context()));
        assertNotNull(listings);
        assertEquals(CocoatlyCommand.SUBCOMMANDS.size(), listings.size());
        for (int i = 0; i < listings.size(); i++) {
            Class<?> command = CocoatlyCommand.SUBCOMMANDS.get(i);
            CommandSpec annotated = CommandSpec.create();
            annotated.updateCommandAttributes(command.getAnnotation(CommandLine.Command.class), Cli.factory(context()));
            CommandSpec listed = listings.get(i);
            assertEquals(annotated.name(), listed.name());
            assertEquals(Arrays.asList(annotated.aliases()), Arrays.asList(listed.aliases()));
            assertEquals(Arrays.asList(annotated.usageMessage().description()),
                    Arrays.asList(listed.usageMessage().description()), command.getSimpleName());
            assertEquals(Arrays.asList(annotated.usageMessage().header()), Arrays.asList(listed.usageMessage().header()));
            assertEquals(annotated.usageMessage().hidden(), listed.usageMessage().hidden());
            assertTrue(listed.args().isEmpty() && listed.subcommands().isEmpty());
        }
    }

    /**
     * With {@link CommandModel#DIRECTORY} set, the descriptions are read from there (the launcher's
     * way, which opens no jar), and a directory without them falls back to the resources.
     */
    @Test
    void theDescriptionsAreReadFromTheNamedDirectoryWhenItHoldsThem(@TempDir Path dir) throws Exception {
        String before = System.getProperty(CommandModel.DIRECTORY);
        try {
            System.setProperty(CommandModel.DIRECTORY, dir.toString());
            assertEquals("semver", CommandModel.spec(SemverCommand.class, Cli.factory(context())).name()); // resources
            try (InputStream in = CommandModel.class.getResourceAsStream(CommandModel.resource(SemverCommand.class))) {
                byte[] semver = in.readAllBytes();
                Files.write(dir.resolve(CommandModel.fileName(InitCommand.class)), semver); // init described as semver
            }
            assertEquals("semver", CommandModel.spec(InitCommand.class, Cli.factory(context())).name());

            // A description cut short, or for classes it does not fit, is not trusted: the annotations are.
            Files.write(dir.resolve(CommandModel.fileName(InitCommand.class)), new byte[] {0, 0, 0, 1, 0, 3, 'x'});
            Files.write(dir.resolve(CommandModel.LISTING), new byte[] {0, 0, 0, 1, 0, 0, 0, 9});
            assertThrows(Exception.class, () -> CommandModel.read(InitCommand.class, Cli.factory(context())));
            assertThrows(Exception.class, () -> CommandModel.readListings(Cli.factory(context())));
            CommandSpec init = CommandModel.spec(InitCommand.class, Cli.factory(context()));
            assertEquals("init", init.name());
            assertEquals(describe(annotatedSpec(InitCommand.class).args()), describe(init.args()));
            assertEquals(CocoatlyCommand.SUBCOMMANDS.size(), CommandModel.listings(Cli.factory(context())).size());
        } finally {
            if (before == null) {
                System.clearProperty(CommandModel.DIRECTORY);
            } else {
                System.setProperty(CommandModel.DIRECTORY, before);
            }
        }
    }

    /** Parsing through the described model binds fields, mixins, setters and @Spec as the annotations do. */
    @Test
    void parsingSetsTheCommandsFieldsMixinsAndSetters() throws Exception {
        Context context = context();
        CommandLine cli = Cli.commandLine(context, "install");
        cli.parseArgs("--quiet", "install", "--locked", "--registry", "r", "--offline", "--reinstall-package", "a",
                "--reinstall-package", "b", "-p", "web", "x@^1");
        InstallCommand install = (InstallCommand) cli.getSubcommands().get("install").getCommand();
        assertTrue(install.locked);
        assertEquals("r", install.registry);
        assertTrue(install.remote.offline); // a mixin's field
        assertEquals(List.of("a", "b"), install.reinstallPackages);
        assertEquals(List.of("x@^1"), install.packages);
        assertTrue(context.console().quiet()); // the top-level command's setter method, inherited
        assertEquals(List.of("web"), install.members.packages);

        CommandLine lock = Cli.commandLine(context(), "lock");
        LockCommand command = (LockCommand) lock.getSubcommands().get("lock").getCommand();
        assertSame(lock.getSubcommands().get("lock").getCommandSpec(), command.spec); // @Spec
    }

    private static CommandSpec annotatedSpec(Class<?> command) throws Exception {
        return CommandModel.annotated(command, Cli.factory(context()));
    }

    /** {@code spec} set up as {@link Cli} sets a run up: under the top-level command, unless it is that. */
    private static CommandLine withTop(Class<?> command, CommandSpec spec) throws Exception {
        CommandLine.IFactory factory = Cli.factory(context());
        if (command == CocoatlyCommand.class) {
            return new CommandLine(spec, factory);
        }
        CommandLine top = new CommandLine(annotatedSpec(CocoatlyCommand.class), factory);
        top.addSubcommand(spec.name(), new CommandLine(spec, factory));
        return top.getSubcommands().get(spec.name());
    }

    private static void compare(CommandLine annotated, CommandLine described, String where) {
        for (int width : new int[] {55, 100, 120}) {
            assertEquals(usage(annotated, width), usage(described, width), where + " help at width " + width);
        }
        CommandSpec a = annotated.getCommandSpec();
        CommandSpec d = described.getCommandSpec();
        assertEquals(a.name(), d.name(), where);
        assertEquals(Arrays.asList(a.aliases()), Arrays.asList(d.aliases()), where);
        assertEquals(a.mixins().keySet(), d.mixins().keySet(), where + " mixins");
        assertEquals(a.mixinStandardHelpOptions(), d.mixinStandardHelpOptions(), where);
        assertEquals(describe(a.args()), describe(d.args()), where + " options and parameters");
        assertEquals(a.versionProvider() == null, d.versionProvider() == null, where);
        for (CommandLine.Model.IAnnotatedElement element : a.specElements()) {
            assertSame(d, read(d.userObject(), element.getName()), where + " @Spec " + element.getName());
        }
        for (Map.Entry<String, CommandSpec> mixin : a.mixins().entrySet()) {
            if (!mixin.getKey().equals("mixinStandardHelpOptions")) {
                Object object = read(d.userObject(), a.mixinAnnotatedElements().get(mixin.getKey()).getName());
                assertSame(d.mixins().get(mixin.getKey()).userObject(), object, where + " mixin " + mixin.getKey());
            }
        }
        assertEquals(a.subcommands().keySet(), d.subcommands().keySet(), where + " subcommands");
        for (String name : a.subcommands().keySet()) {
            compare(a.subcommands().get(name), d.subcommands().get(name), where + " " + name);
        }
    }

    private static String usage(CommandLine cli, int width) {
        cli.setUsageHelpWidth(width);
        StringWriter text = new StringWriter();
        cli.usage(new PrintWriter(text));
        return text.toString();
    }

    /** Every attribute picocli's parser and help read, one line per option or parameter, by name. */
    private static Map<String, String> describe(List<ArgSpec> args) {
        Map<String, String> described = new TreeMap<>();
        for (ArgSpec arg : args) {
            List<Object> a = new ArrayList<>();
            String key;
            if (arg instanceof OptionSpec o) {
                key = String.join(",", o.names());
                a.addAll(List.of(o.order(), o.negatable(), String.valueOf(o.fallbackValue()), o.usageHelp(),
                        o.versionHelp()));
            } else {
                PositionalParamSpec p = (PositionalParamSpec) arg;
                key = "positional " + p.index();
                a.add(p.index().isUnspecified());
            }
            a.addAll(Arrays.asList(arg.arity(), arg.arity().isUnspecified(), arg.paramLabel(), arg.hideParamSyntax(),
                    Arrays.asList(arg.description()), arg.descriptionKey(), arg.defaultValue(),
                    arg.showDefaultValue(), arg.required(), arg.originallyRequired(), arg.hidden(), arg.interactive(),
                    arg.echo(), arg.prompt(), arg.splitRegex(), arg.splitRegexSynopsisLabel(), arg.scopeType(),
                    arg.inherited(), arg.mapFallbackValue(), arg.hasInitialValue(), String.valueOf(arg.initialValue()),
                    arg.type(), Arrays.asList(arg.auxiliaryTypes()), candidates(arg), arg.converters().length,
                    arg.typeInfo().isMultiValue(), arg.typeInfo().isCollection(), arg.typeInfo().isArray(),
                    arg.typeInfo().isMap(), arg.typeInfo().isOptional(), arg.typeInfo().isEnum(),
                    arg.typeInfo().isBoolean(), arg.toString(),
                    // the standard help options are bound to a holder of CommandModel's, not picocli's mixin
                    arg.toString().contains("AutoHelpMixin") ? "" : String.valueOf(arg.userObject())));
            described.put(key, a.toString());
        }
        return described;
    }

    private static List<String> candidates(ArgSpec arg) {
        List<String> list = new ArrayList<>();
        if (arg.completionCandidates() != null) {
            arg.completionCandidates().forEach(list::add);
        }
        return list;
    }

    private static Object read(Object owner, String name) {
        try {
            return field(owner, name).get(owner);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Field field(Object owner, String name) throws NoSuchFieldException {
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    private static Context context() {
        return CommandModelWriter.scratchContext();
    }
}
