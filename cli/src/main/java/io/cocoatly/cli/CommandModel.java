package io.cocoatly.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Range;
import picocli.CommandLine.ScopeType;

/**
 * The picocli model of each command, written once at build time from its annotations and read at
 * run time without them.
 *
 * <p>Why: picocli builds a model by reading the annotations of the command's classes, and on JDK 17
 * every annotation read goes through a parser and a proxy class the JDK generates at run time (it
 * cannot archive them): about 45 ms of every short command (docs/performance-startup.md). So the
 * build runs {@link CommandModelWriter}, which builds each command's model from its annotations as
 * picocli does and writes what that model holds into {@code model/<Command>.bin} beside this class;
 * a run reads the one it needs and assembles the same {@link CommandSpec} through picocli's
 * programmatic API, binding options to the command's fields and setter methods by name. The
 * annotations stay the one source: {@code CommandModelTest} checks, for every command, that both
 * models give the same help text and the same options. Without the file (a build that skipped
 * Maven's {@code process-classes}, as an IDE's may) a command is built from its annotations.
 *
 * <p>The writer refuses what the reader cannot assemble (argument groups, converters, {@code @Spec}
 * in a mixin, ...), so a new picocli feature in a command fails the build instead of being dropped.
 */
final class CommandModel {

    /**
     * The system property with which picocli leaves out built-in converters, and the types no option
     * of ours has: every {@code CommandLine} (at least two per run) otherwise looks up their classes
     * and parse methods by reflection, about 5 ms each at start-up. {@link Main} sets it; the writer
     * refuses an option of these types.
     */
    static final String CONVERTERS_EXCLUDED = "picocli.converters.excludes";

    /**
     * See {@link #CONVERTERS_EXCLUDED}: regular expressions, comma-separated, matching class names.
     * One: picocli compiles each for every type of every {@code CommandLine}.
     */
    static final String EXCLUDED_TYPES = "java\\.(sql|time)\\..*";

    /** Bumped whenever the layout below changes; a file of another version is not read. */
    private static final int FORMAT = 1;

    private static final byte OPTION = 1;
    private static final byte POSITIONAL = 2;
    private static final byte MIXIN = 3;

    private static final byte NO_BINDING = 0;
    private static final byte FIELD = 1;
    private static final byte METHOD = 2;

    /** The name picocli gives the mixin of {@code mixinStandardHelpOptions = true}. */
    private static final String STANDARD_HELP = "mixinStandardHelpOptions";

    private CommandModel() {
    }

    /**
     * The system property naming a directory that holds the descriptions as files; the launcher
     * (bin/cocoatly) passes the build's. Read from there, a run opens no jar at all (every class comes
     * from the start-up archive): taking them from the jar's resources costs opening it, the JDK's
     * module image and the URL machinery first, about 10 ms (docs/performance-startup.md).
     */
    static final String DIRECTORY = "cocoatly.model";

    /** The directory beside this class, in the build's classes and the jar, that holds the descriptions. */
    static final String RESOURCES = "model";

    /** The resource that holds {@code command}'s model, relative to this class. */
    static String resource(Class<?> command) {
        return resource(fileName(command));
    }

    private static String resource(String fileName) {
        return RESOURCES + "/" + fileName;
    }

    /** The name of the file that holds {@code command}'s model. */
    static String fileName(Class<?> command) {
        return command.getSimpleName() + ".bin";
    }

    /**
     * The description {@code name}: from {@link #DIRECTORY} when it is set and holds it, else this
     * class's resource; null if neither has it.
     */
    private static DataInputStream open(String name) throws IOException {
        String directory = System.getProperty(DIRECTORY);
        InputStream in = null;
        if (directory != null) {
            Path file = Path.of(directory, name);
            if (Files.isRegularFile(file)) {
                in = Files.newInputStream(file);
            }
        }
        if (in == null) {
            in = CommandModel.class.getResourceAsStream(resource(name));
        }
        // Buffered: the reader takes a description a field at a time, and a file's stream would make
        // each field a system call (a few ms of a short command, in its profile).
        return in == null ? null : new DataInputStream(new BufferedInputStream(in));
    }

    /**
     * {@code command}'s full model (its options, mixins and subcommands), its objects made by {@code
     * factory}: from the build's description when there is one, else from the annotations. A
     * description that cannot be read or does not fit the classes (a build gone wrong) is not
     * trusted either: the annotations are the source, and only slower.
     */
    static CommandSpec spec(Class<?> command, CommandLine.IFactory factory) {
        try {
            CommandSpec described = read(command, factory);
            if (described != null) {
                return described;
            }
        } catch (Exception unreadable) {
            // Built from the annotations below, with a new command object.
        }
        try {
            return annotated(command, factory);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the model of " + command.getName(), e);
        }
    }

    /**
     * {@code command}'s full model read from its description alone: null when there is none (or of
     * another format), and an exception when it cannot be read. {@link #spec} falls back on the
     * annotations; the test of the descriptions reads them here, where a fault cannot hide.
     */
    static CommandSpec read(Class<?> command, CommandLine.IFactory factory) throws Exception {
        try (DataInputStream data = open(fileName(command))) {
            return data != null && data.readInt() == FORMAT ? new Reader(data, factory).command(true) : null;
        }
    }

    /** The file that holds every built-in command's listing, in help's order. */
    static final String LISTING = "listing.bin";

    /**
     * Every built-in command's name, aliases and usage texts alone, no options or subcommands, in
     * help's order: what top-level help lists and suggests. One resource for all of them (reading 27
     * cost more than the annotations did), and no command's class is loaded or object made. From the
     * annotations when the listing is missing or cannot be read, as {@link #spec} does.
     */
    static List<CommandSpec> listings(CommandLine.IFactory factory) {
        try {
            List<CommandSpec> described = readListings(factory);
            if (described != null) {
                return described;
            }
        } catch (Exception unreadable) {
            // Listed from the annotations below.
        }
        List<CommandSpec> listed = new ArrayList<>();
        for (Class<?> command : CocoatlyCommand.SUBCOMMANDS) {
            CommandSpec spec = CommandSpec.create();
            spec.updateCommandAttributes(command.getAnnotation(CommandLine.Command.class), factory);
            listed.add(spec);
        }
        return listed;
    }

    /** The listing read from its description alone, as {@link #read} reads a command. */
    static List<CommandSpec> readListings(CommandLine.IFactory factory) throws Exception {
        try (DataInputStream data = open(LISTING)) {
            if (data == null || data.readInt() != FORMAT) {
                return null;
            }
            Reader reader = new Reader(data, factory);
            List<CommandSpec> listed = new ArrayList<>();
            for (int i = data.readInt(); i > 0; i--) {
                listed.add(reader.command(false));
            }
            return listed;
        }
    }

    // ----------------------------------------------------------------------------------------------
    // Writing, at build time

    /** {@code command}'s model built from its annotations, as picocli builds it: what the writer describes. */
    static CommandSpec annotated(Class<?> command, CommandLine.IFactory factory) throws Exception {
        return CommandSpec.forAnnotatedObject(factory.create(command), factory);
    }

    /** A command's model (see {@link #annotated}) as the bytes {@link #spec} reads. */
    static byte[] describe(CommandSpec spec) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(FORMAT);
        writeCommand(out, spec);
        out.flush();
        return bytes.toByteArray();
    }

    /** The listing of the built-in commands' models, in help's order, as the bytes {@link #listings} reads. */
    static byte[] describeListing(List<CommandSpec> commands) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(FORMAT);
        out.writeInt(commands.size());
        for (CommandSpec command : commands) {
            writeHead(out, command);
        }
        out.flush();
        return bytes.toByteArray();
    }

    /** What a listing holds, and a full description starts with. */
    private static void writeHead(DataOutputStream out, CommandSpec spec) throws IOException {
        refuseUnsupported(spec);
        out.writeUTF(spec.userObject().getClass().getName());
        out.writeUTF(spec.name());
        writeStrings(out, spec.aliases());
        writeUsage(out, spec.usageMessage());
        out.writeUTF(spec.versionProvider() == null ? "" : spec.versionProvider().getClass().getName());
    }

    private static void writeCommand(DataOutputStream out, CommandSpec spec) throws IOException {
        writeHead(out, spec);
        List<String> specFields = new ArrayList<>();
        for (CommandLine.Model.IAnnotatedElement element : spec.specElements()) {
            specFields.add(element.getName());
        }
        writeStrings(out, specFields.toArray(String[]::new));

        // picocli lists each alias as a key of the same subcommand: each is written once, by its name.
        List<CommandSpec> subcommands = new ArrayList<>();
        for (Map.Entry<String, CommandLine> sub : spec.subcommands().entrySet()) {
            if (sub.getKey().equals(sub.getValue().getCommandSpec().name())) {
                subcommands.add(sub.getValue().getCommandSpec());
            }
        }
        out.writeInt(subcommands.size());
        for (CommandSpec sub : subcommands) {
            writeCommand(out, sub);
        }

        CommandSpec standardHelp = spec.mixins().get(STANDARD_HELP);
        writeElements(out, spec, standardHelp);
        out.writeBoolean(standardHelp != null);
        if (standardHelp != null) {
            out.writeInt(standardHelp.args().size());
            for (ArgSpec arg : standardHelp.args()) {
                writeArg(out, arg, null);
            }
        }
    }

    /**
     * The options, positional parameters and mixins of {@code spec} (a command or a mixin) in the order
     * picocli added them, which is the order help lists them in where it does not sort; a mixin with
     * its own. The standard help options are left to the caller: picocli adds them last.
     */
    private static void writeElements(DataOutputStream out, CommandSpec spec, CommandSpec standardHelp)
            throws IOException {
        List<Object> elements = new ArrayList<>();
        for (ArgSpec arg : spec.args()) {
            Object owner = arg;
            for (Map.Entry<String, CommandSpec> mixin : spec.mixins().entrySet()) {
                if (mixin.getValue().args().contains(arg)) {
                    owner = mixin;
                }
            }
            if (!elements.contains(owner) && !(owner instanceof Map.Entry<?, ?> e && e.getValue() == standardHelp)) {
                elements.add(owner);
            }
        }
        for (Map.Entry<String, CommandSpec> mixin : spec.mixins().entrySet()) {
            if (!elements.contains(mixin) && mixin.getValue() != standardHelp) {
                elements.add(mixin); // a mixin without options still gets its object
            }
        }
        out.writeInt(elements.size());
        for (Object element : elements) {
            if (element instanceof ArgSpec arg) {
                writeArg(out, arg, spec.userObject().getClass());
            } else {
                @SuppressWarnings("unchecked")
                Map.Entry<String, CommandSpec> entry = (Map.Entry<String, CommandSpec>) element;
                CommandSpec mixin = entry.getValue();
                refuseUnsupported(mixin);
                if (!mixin.specElements().isEmpty() || !mixin.subcommands().isEmpty()) {
                    throw new IllegalStateException("the mixin " + mixin.userObject().getClass().getName()
                            + " has a @Spec or subcommands, which CommandModel does not carry");
                }
                out.writeByte(MIXIN);
                out.writeUTF(entry.getKey());
                out.writeUTF(spec.mixinAnnotatedElements().get(entry.getKey()).getName());
                out.writeUTF(mixin.userObject().getClass().getName());
                writeElements(out, mixin, null);
            }
        }
    }

    private static void refuseUnsupported(CommandSpec spec) {
        CommandSpec plain = CommandSpec.create();
        Map<String, Boolean> unsupported = new java.util.LinkedHashMap<>();
        unsupported.put("argument groups", !spec.argGroups().isEmpty());
        unsupported.put("@Unmatched", !spec.unmatchedArgsBindings().isEmpty());
        unsupported.put("@ParentCommand", !spec.parentCommandElements().isEmpty());
        unsupported.put("a default value provider", spec.defaultValueProvider() != null);
        unsupported.put("a resource bundle", spec.resourceBundleBaseName() != null);
        unsupported.put("a preprocessor", !spec.preprocessor().getClass().equals(plain.preprocessor().getClass()));
        unsupported.put("exit codes", spec.exitCodeOnSuccess() != plain.exitCodeOnSuccess()
                || spec.exitCodeOnUsageHelp() != plain.exitCodeOnUsageHelp()
                || spec.exitCodeOnVersionHelp() != plain.exitCodeOnVersionHelp()
                || spec.exitCodeOnInvalidInput() != plain.exitCodeOnInvalidInput()
                || spec.exitCodeOnExecutionException() != plain.exitCodeOnExecutionException()
                || !spec.usageMessage().exitCodeList().isEmpty());
        unsupported.put("helpCommand", spec.helpCommand());
        unsupported.put("repeatable subcommands", spec.subcommandsRepeatable());
        unsupported.put("version strings", spec.versionProvider() == null && spec.version().length > 0);
        unsupported.put("an inherited command scope", spec.scopeType() != plain.scopeType());
        unsupported.values().removeIf(used -> !used);
        if (!unsupported.isEmpty()) {
            throw new IllegalStateException(spec.userObject().getClass().getName() + " uses " + unsupported.keySet()
                    + ", which CommandModel does not carry: add it to CommandModel");
        }
    }

    private static void writeUsage(DataOutputStream out, UsageMessageSpec usage) throws IOException {
        writeStrings(out, usage.header());
        writeStrings(out, usage.description());
        writeStrings(out, usage.footer());
        writeStrings(out, usage.customSynopsis());
        out.writeUTF(usage.headerHeading());
        out.writeUTF(usage.synopsisHeading());
        out.writeUTF(usage.descriptionHeading());
        out.writeUTF(usage.parameterListHeading());
        out.writeUTF(usage.optionListHeading());
        out.writeUTF(usage.commandListHeading());
        out.writeUTF(usage.footerHeading());
        out.writeUTF(usage.synopsisSubcommandLabel());
        out.writeBoolean(usage.abbreviateSynopsis());
        out.writeBoolean(usage.sortOptions());
        out.writeBoolean(usage.sortSynopsis());
        out.writeBoolean(usage.showDefaultValues());
        out.writeBoolean(usage.hidden());
        out.writeBoolean(usage.showAtFileInUsageHelp());
        out.writeBoolean(usage.showEndOfOptionsDelimiterInUsageHelp());
        out.writeChar(usage.requiredOptionMarker());
    }

    private static void writeArg(DataOutputStream out, ArgSpec arg, Class<?> owner) throws IOException {
        String where = arg + " of " + owner;
        if (arg.converters().length > 0 || arg.parameterConsumer() != null
                || !arg.preprocessor().getClass().getSimpleName().equals("NoOpParameterPreprocessor")
                || arg.completionCandidates() != null && !arg.typeInfo().isEnum()) {
            throw new IllegalStateException(where + " has a converter, parameter consumer, preprocessor or"
                    + " completion candidates, which CommandModel does not carry: add them to CommandModel");
        }
        if (arg instanceof OptionSpec option) {
            out.writeByte(OPTION);
            writeStrings(out, option.names());
            out.writeInt(option.order());
            out.writeBoolean(option.negatable());
            writeNullable(out, option.fallbackValue());
            out.writeBoolean(option.usageHelp());
            out.writeBoolean(option.versionHelp());
        } else {
            out.writeByte(POSITIONAL);
            writeRange(out, ((PositionalParamSpec) arg).index());
        }
        writeCommon(out, arg);
        for (String excluded : EXCLUDED_TYPES.split(",")) {
            for (Class<?> type : arg.auxiliaryTypes()) {
                if (type.getName().matches(excluded)) {
                    throw new IllegalStateException(where + " is of type " + type.getName() + ", whose converter"
                            + " Main turns off (CommandModel.EXCLUDED_TYPES)");
                }
            }
        }
        Object element = arg.userObject();
        if (owner == null) {
            out.writeByte(NO_BINDING); // the standard help options: picocli keeps their values itself
        } else if (element instanceof Field field) {
            out.writeByte(FIELD);
            out.writeUTF(field.getName());
        } else if (element instanceof Method method && method.getParameterCount() == 1) {
            out.writeByte(METHOD);
            out.writeUTF(method.getName());
            out.writeUTF(method.getParameterTypes()[0].getName());
            if (arg.hasInitialValue()) {
                throw new IllegalStateException(where + ": a setter method with an initial value");
            }
        } else {
            throw new IllegalStateException(where + " is bound to " + element + ", which CommandModel cannot bind");
        }
    }

    private static void writeCommon(DataOutputStream out, ArgSpec arg) throws IOException {
        // These getters interpolate ${...}; a run would interpolate the written text again, so refuse it.
        for (String text : new String[] {arg.paramLabel(), arg.descriptionKey(), arg.defaultValue(),
            arg.splitRegex(), arg.splitRegexSynopsisLabel(), arg.mapFallbackValue(), arg.prompt()}) {
            if (text != null && text.contains("$")) {
                throw new IllegalStateException(arg + ": CommandModel does not carry a '$' outside descriptions: " + text);
            }
        }
        writeRange(out, arg.arity());
        writeNullable(out, arg.paramLabel());
        out.writeBoolean(arg.hideParamSyntax());
        writeStrings(out, arg.description()); // as written, ${DEFAULT-VALUE} and all: help interpolates it
        writeNullable(out, arg.descriptionKey());
        writeNullable(out, arg.defaultValue());
        out.writeUTF(arg.showDefaultValue().name());
        out.writeBoolean(arg.required());
        out.writeBoolean(arg.hidden());
        out.writeBoolean(arg.interactive());
        out.writeBoolean(arg.echo());
        writeNullable(out, arg.prompt());
        writeNullable(out, arg.splitRegex());
        writeNullable(out, arg.splitRegexSynopsisLabel());
        out.writeUTF(arg.scopeType() == null ? "" : arg.scopeType().name());
        writeNullable(out, arg.mapFallbackValue());
        out.writeBoolean(arg.hasInitialValue()); // true for an annotated field, read when first needed
        out.writeUTF(arg.type() == null ? "" : arg.type().getName());
        Class<?>[] aux = arg.auxiliaryTypes() == null ? new Class<?>[0] : arg.auxiliaryTypes();
        out.writeInt(aux.length);
        for (Class<?> type : aux) {
            out.writeUTF(type.getName());
        }
        writeNullable(out, arg.toString());
    }

    private static void writeRange(DataOutputStream out, Range range) throws IOException {
        out.writeBoolean(range != null);
        if (range != null) {
            out.writeUTF(range.originalValue());
            out.writeBoolean(range.isUnspecified());
        }
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static void writeStrings(DataOutputStream out, String[] values) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            for (String value : values) {
                out.writeUTF(value);
            }
        }
    }

    // ----------------------------------------------------------------------------------------------
    // Reading, at run time

    /** Reads one description, in the order {@link #writeCommand} wrote it. */
    private static final class Reader {
        private final DataInputStream in;
        private final CommandLine.IFactory factory;

        Reader(DataInputStream in, CommandLine.IFactory factory) {
            this.in = in;
            this.factory = factory;
        }

        /**
         * A command, with its options and subcommands when {@code full}, else its head alone (what
         * {@link #writeHead} wrote), its texts.
         */
        CommandSpec command(boolean full) throws Exception {
            String typeName = in.readUTF();
            Class<?> type = full ? Class.forName(typeName) : null; // a listing loads no command class
            Object command = full ? factory.create(type) : null;
            CommandSpec spec = full ? CommandSpec.wrapWithoutInspection(command, factory) : CommandSpec.create();
            spec.name(in.readUTF());
            spec.aliases(readStrings());
            readUsage(spec.usageMessage());
            String versionProvider = in.readUTF();
            if (!full) {
                return spec;
            }
            if (!versionProvider.isEmpty()) {
                spec.versionProvider((CommandLine.IVersionProvider) factory.create(Class.forName(versionProvider)));
            }
            String[] specFields = readStrings();

            int subcommands = in.readInt();
            for (int i = 0; i < subcommands; i++) {
                CommandSpec sub = command(true);
                spec.addSubcommand(sub.name(), new CommandLine(sub, factory));
            }
            elements(spec, type, command);
            if (in.readBoolean()) {
                CommandSpec help = CommandSpec.create();
                int args = in.readInt();
                for (int j = 0; j < args; j++) {
                    add(help, arg(in.readByte(), null, null));
                }
                spec.addMixin(STANDARD_HELP, help);
            }
            for (String name : specFields) {
                field(type, name).set(command, spec);
            }
            return spec;
        }

        /** The options, positional parameters and mixins {@link #writeElements} wrote, added to {@code spec}. */
        private void elements(CommandSpec spec, Class<?> type, Object object) throws Exception {
            int elements = in.readInt();
            for (int i = 0; i < elements; i++) {
                byte kind = in.readByte();
                if (kind == MIXIN) {
                    String name = in.readUTF();
                    Field field = field(type, in.readUTF());
                    Class<?> mixinType = Class.forName(in.readUTF());
                    Object mixin = factory.create(mixinType);
                    field.set(object, mixin);
                    CommandSpec mixinSpec = CommandSpec.wrapWithoutInspection(mixin, factory);
                    elements(mixinSpec, mixinType, mixin);
                    spec.addMixin(name, mixinSpec);
                } else {
                    add(spec, arg(kind, type, object));
                }
            }
        }

        private static void add(CommandSpec spec, ArgSpec arg) {
            if (arg instanceof OptionSpec option) {
                spec.addOption(option);
            } else {
                spec.addPositional((PositionalParamSpec) arg);
            }
        }

        private ArgSpec arg(byte kind, Class<?> ownerType, Object owner) throws Exception {
            if (kind == OPTION) {
                OptionSpec.Builder option = OptionSpec.builder(readStrings())
                        .order(in.readInt()).negatable(in.readBoolean());
                String fallback = readNullable();
                if (fallback != null) {
                    option.fallbackValue(fallback);
                }
                option.usageHelp(in.readBoolean()).versionHelp(in.readBoolean());
                Common common = readCommon(ownerType, owner);
                // Twice, once per builder: the class both extend (ArgSpec.Builder) is not public.
                option.arity(common.arity).paramLabel(common.paramLabel).hideParamSyntax(common.hideParamSyntax)
                        .description(common.description).descriptionKey(common.descriptionKey)
                        .showDefaultValue(common.showDefaultValue).required(common.required).hidden(common.hidden)
                        .interactive(common.interactive).echo(common.echo).prompt(common.prompt)
                        .splitRegex(common.splitRegex).splitRegexSynopsisLabel(common.splitRegexSynopsisLabel)
                        .scopeType(common.scopeType).type(common.type).auxiliaryTypes(common.auxiliaryTypes)
                        .withToString(common.toString).userObject(common.userObject)
                        .setter(common.setter).getter(common.getter)
                        .initialValue(common.initialValue).hasInitialValue(common.hasInitialValue);
                if (common.defaultValue != null) {
                    option.defaultValue(common.defaultValue);
                }
                if (common.mapFallbackValue != null) {
                    option.mapFallbackValue(common.mapFallbackValue);
                }
                return option.build();
            }
            PositionalParamSpec.Builder positional = PositionalParamSpec.builder();
            Range index = readRange();
            if (index != null) {
                positional.index(index);
            }
            Common common = readCommon(ownerType, owner);
            positional.arity(common.arity).paramLabel(common.paramLabel).hideParamSyntax(common.hideParamSyntax)
                    .description(common.description).descriptionKey(common.descriptionKey)
                    .showDefaultValue(common.showDefaultValue).required(common.required).hidden(common.hidden)
                    .interactive(common.interactive).echo(common.echo).prompt(common.prompt)
                    .splitRegex(common.splitRegex).splitRegexSynopsisLabel(common.splitRegexSynopsisLabel)
                    .scopeType(common.scopeType).type(common.type).auxiliaryTypes(common.auxiliaryTypes)
                    .withToString(common.toString).userObject(common.userObject)
                    .setter(common.setter).getter(common.getter)
                    .initialValue(common.initialValue).hasInitialValue(common.hasInitialValue);
            if (common.defaultValue != null) {
                positional.defaultValue(common.defaultValue);
            }
            if (common.mapFallbackValue != null) {
                positional.mapFallbackValue(common.mapFallbackValue);
            }
            return positional.build();
        }

        /** What options and positional parameters share, as {@link #writeCommon} wrote it, and its binding. */
        private Common readCommon(Class<?> ownerType, Object owner) throws Exception {
            Common c = new Common();
            c.arity = readRange();
            c.paramLabel = readNullable();
            c.hideParamSyntax = in.readBoolean();
            c.description = readStrings();
            c.descriptionKey = readNullable();
            c.defaultValue = readNullable();
            c.showDefaultValue = Help.Visibility.valueOf(in.readUTF());
            c.required = in.readBoolean();
            c.hidden = in.readBoolean();
            c.interactive = in.readBoolean();
            c.echo = in.readBoolean();
            c.prompt = readNullable();
            c.splitRegex = readNullable();
            c.splitRegexSynopsisLabel = readNullable();
            String scope = in.readUTF();
            c.scopeType = scope.isEmpty() ? null : ScopeType.valueOf(scope);
            c.mapFallbackValue = readNullable();
            c.hasInitialValue = in.readBoolean();
            String type = in.readUTF();
            c.type = type.isEmpty() ? null : type(type);
            c.auxiliaryTypes = new Class<?>[in.readInt()];
            for (int i = 0; i < c.auxiliaryTypes.length; i++) {
                c.auxiliaryTypes[i] = type(in.readUTF());
            }
            c.toString = readNullable();
            byte binding = in.readByte();
            if (binding == FIELD) {
                Field field = field(ownerType, in.readUTF());
                FieldBinding bound = new FieldBinding(owner, field);
                c.userObject = field;
                c.setter = bound;
                c.getter = bound;
                c.initialValue = c.hasInitialValue ? field.get(owner) : null;
            } else if (binding == METHOD) {
                String name = in.readUTF();
                Method method = method(ownerType, name, type(in.readUTF()));
                ValueBinding bound = new ValueBinding(owner, method);
                c.userObject = method;
                c.setter = bound;
                c.getter = bound;
            } else {
                // The standard help options: only whether they were given matters, held here.
                ValueBinding bound = new ValueBinding(null, null);
                c.userObject = c.toString;
                c.setter = bound;
                c.getter = bound;
                c.initialValue = c.hasInitialValue && c.type == boolean.class ? Boolean.FALSE : null;
            }
            return c;
        }

        private void readUsage(UsageMessageSpec usage) throws IOException {
            usage.header(readStrings());
            usage.description(readStrings());
            usage.footer(readStrings());
            usage.customSynopsis(readStrings());
            usage.headerHeading(in.readUTF());
            usage.synopsisHeading(in.readUTF());
            usage.descriptionHeading(in.readUTF());
            usage.parameterListHeading(in.readUTF());
            usage.optionListHeading(in.readUTF());
            usage.commandListHeading(in.readUTF());
            usage.footerHeading(in.readUTF());
            usage.synopsisSubcommandLabel(in.readUTF());
            usage.abbreviateSynopsis(in.readBoolean());
            usage.sortOptions(in.readBoolean());
            usage.sortSynopsis(in.readBoolean());
            usage.showDefaultValues(in.readBoolean());
            usage.hidden(in.readBoolean());
            usage.showAtFileInUsageHelp(in.readBoolean());
            usage.showEndOfOptionsDelimiterInUsageHelp(in.readBoolean());
            usage.requiredOptionMarker(in.readChar());
        }

        private Range readRange() throws IOException {
            if (!in.readBoolean()) {
                return null;
            }
            return Range.valueOf(in.readUTF()).unspecified(in.readBoolean());
        }

        private String readNullable() throws IOException {
            return in.readBoolean() ? in.readUTF() : null;
        }

        private String[] readStrings() throws IOException {
            int n = in.readInt();
            if (n < 0) {
                return null;
            }
            String[] values = new String[n];
            for (int i = 0; i < n; i++) {
                values[i] = in.readUTF();
            }
            return values;
        }

        private static Class<?> type(String name) throws ClassNotFoundException {
            switch (name) {
                case "boolean": return boolean.class;
                case "int": return int.class;
                case "long": return long.class;
                case "double": return double.class;
                default: return Class.forName(name);
            }
        }

        private static Field field(Class<?> type, String name) throws NoSuchFieldException {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                try {
                    Field field = c.getDeclaredField(name);
                    field.setAccessible(true);
                    return field;
                } catch (NoSuchFieldException e) {
                    // declared higher up
                }
            }
            throw new NoSuchFieldException(type.getName() + "." + name);
        }

        private static Method method(Class<?> type, String name, Class<?> parameter) throws NoSuchMethodException {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                try {
                    Method method = c.getDeclaredMethod(name, parameter);
                    method.setAccessible(true);
                    return method;
                } catch (NoSuchMethodException e) {
                    // declared higher up
                }
            }
            throw new NoSuchMethodException(type.getName() + "." + name + "(" + parameter.getName() + ")");
        }
    }

    /** The attributes options and positional parameters share, read before either is built. */
    private static final class Common {
        Range arity;
        String paramLabel;
        boolean hideParamSyntax;
        String[] description;
        String descriptionKey;
        String defaultValue;
        Help.Visibility showDefaultValue;
        boolean required;
        boolean hidden;
        boolean interactive;
        boolean echo;
        String prompt;
        String splitRegex;
        String splitRegexSynopsisLabel;
        ScopeType scopeType;
        String mapFallbackValue;
        boolean hasInitialValue;
        Class<?> type;
        Class<?>[] auxiliaryTypes;
        String toString;
        Object userObject;
        CommandLine.Model.ISetter setter;
        CommandLine.Model.IGetter getter;
        Object initialValue;
    }

    /**
     * An option bound to a field, as picocli binds an annotated one. A named class, not a lambda, for
     * the start-up archive (see {@link Cli#commandLine}).
     */
    private record FieldBinding(Object owner, Field field) implements CommandLine.Model.ISetter,
            CommandLine.Model.IGetter {
        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() throws IllegalAccessException {
            return (T) field.get(owner);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T value) throws IllegalAccessException {
            T old = (T) field.get(owner);
            field.set(owner, value);
            return old;
        }
    }

    /**
     * An option that holds its value, and calls a setter method with each value when it has one, as
     * picocli binds an annotated setter method.
     */
    private static final class ValueBinding implements CommandLine.Model.ISetter, CommandLine.Model.IGetter {
        private final Object owner;
        private final Method method;
        private Object value;

        ValueBinding(Object owner, Method method) {
            this.owner = owner;
            this.method = method;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) value;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T newValue) throws Exception {
            T old = (T) value;
            value = newValue;
            if (method == null) {
                return old;
            }
            try {
                method.invoke(owner, newValue);
            } catch (java.lang.reflect.InvocationTargetException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            }
            return old;
        }
    }
}
