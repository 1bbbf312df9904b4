package io.cocoatly.cli;

import io.cocoatly.config.Home;
import io.cocoatly.model.CocoatlyException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;

/**
 * The part of {@code cocoatly --help} after the built-in commands: the commands plugins add and the
 * {@code cocoatly-NAME} executables found, as git's {@code help -a} lists them. Computed only when the
 * help is printed, and empty when there are none, so the help of a home without plugins is the
 * built-ins' alone. A name is listed where it runs: a plugin command hides an executable of its name.
 */
final class PluginHelp {

    /** The key of the help section, after picocli's command list. */
    static final String SECTION = "cocoatlyPluginCommands";

    private PluginHelp() {
    }

    /** Adds the section to the top-level command's help. */
    static void addTo(CommandLine cli, Context context) {
        cli.getHelpSectionMap().put(SECTION, new Section(context));
        List<String> keys = new ArrayList<>(cli.getHelpSectionKeys());
        keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST) + 1, SECTION);
        cli.setHelpSectionKeys(keys);
    }

    /**
     * The section as picocli renders it. A named class, not a lambda: a lambda implementing picocli's
     * (Java 5) interface would leave that interface out of the start-up archive (see {@link Cli}).
     */
    private record Section(Context context) implements CommandLine.IHelpSectionRenderer {
        @Override
        public String render(CommandLine.Help help) {
            return PluginHelp.render(context);
        }
    }

    /** The section's text; warnings about the plugins go to stderr. */
    static String render(Context context) {
        if (context.console().noPlugins()) {
            return "";
        }
        Home home = CommandSettings.home(context);
        Map<String, String> plugin = new TreeMap<>();
        try {
            if (!PluginJar.find(home).isEmpty()) {
                Plugins plugins = Plugins.of(home, PluginConfig.disabled(context), false);
                PluginCommands commands = PluginCommands.of(plugins);
                PluginThreads.closeAtEnd(context, plugins.loaded());
                commands.problems().forEach(context::warn);
                commands.warnings().forEach(context::warn);
                commands.byName().forEach((name, owners) -> plugin.put(name, describe(owners)));
            }
        } catch (CocoatlyException e) {
            context.warn("plugin commands are not listed: " + e.getMessage());
        }
        Map<String, String> external = new TreeMap<>();
        for (Map.Entry<String, Path> e : ExternalCommand.all(context.env(), home).entrySet()) {
            if (!plugin.containsKey(e.getKey())) {
                external.put(e.getKey(), e.getValue().toString());
            }
        }
        int width = longestBuiltIn();
        for (String name : plugin.keySet()) {
            width = Math.max(width, name.length());
        }
        for (String name : external.keySet()) {
            width = Math.max(width, name.length());
        }
        StringBuilder text = new StringBuilder();
        section(text, "Plugin commands:", plugin, width + 2);
        section(text, "External commands:", external, width + 2);
        return text.toString();
    }

    /** A command's line: its description and its plugin, or every plugin when several add it (which is an error). */
    private static String describe(List<PluginCommands.Owned> owners) {
        if (owners.size() > 1) {
            return "(conflict: added by " + String.join(" and ", owners.stream().map(o -> "plugin " + o.plugin()).toList())
                    + "; it does not run)";
        }
        String description;
        try {
            description = owners.get(0).command().description();
        } catch (RuntimeException e) {
            description = null;
        }
        String from = "(plugin " + owners.get(0).plugin() + ")";
        return description == null || description.isBlank() ? from : description.strip() + " " + from;
    }

    private static void section(StringBuilder text, String heading, Map<String, String> lines, int width) {
        if (lines.isEmpty()) {
            return;
        }
        text.append(heading).append('\n');
        lines.forEach((name, what) -> text.append("  ").append(name).append(" ".repeat(width - name.length()))
                .append(what).append('\n'));
    }

    private static int longestBuiltIn() {
        int longest = 0;
        for (Class<?> command : CocoatlyCommand.SUBCOMMANDS) {
            longest = Math.max(longest, command.getAnnotation(CommandLine.Command.class).name().length());
        }
        return longest;
    }
}
