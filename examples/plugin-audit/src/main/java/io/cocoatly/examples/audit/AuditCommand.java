package io.cocoatly.examples.audit;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.plugin.CommandInvocation;
import io.cocoatly.plugin.CommandResult;
import io.cocoatly.plugin.PluginCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code cocoatly audit [--limit N] [--package NAME]}: the audit log of the run's home, one line per
 * entry, newest last:
 * <pre>
 * 2026-12-03T20:41:07.512Z  install    global /home/u/.cocoatly  + tls 2.1.0 [MIT], ~ http 1.2.0 -&gt; 2.0.1
 * </pre>
 * With {@code --json} the data is {@code {"log": FILE, "entries": [...], "warnings": [...]}}, each
 * entry as its line holds it. Lines that cannot be read are skipped with a warning (on stderr in
 * text mode, in {@code warnings} with {@code --json}).
 */
final class AuditCommand implements PluginCommand {

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public String description() {
        return "Show the audit log of installs and uninstalls.";
    }

    @Override
    public String help() {
        return "      --limit N        show only the newest N entries\n"
                + "      --package NAME   show only the entries that concern the package NAME\n";
    }

    /** The options given. */
    private record Options(Optional<Integer> limit, Optional<String> pkg) {
    }

    @Override
    public CommandResult run(CommandInvocation invocation) {
        Options options = parse(invocation.args());
        AuditLog log = AuditLog.of(invocation.api().home());
        AuditLog.Reading reading = log.read();
        List<AuditEntry> shown = new ArrayList<>();
        for (AuditEntry e : reading.entries()) {
            if (options.pkg().map(e::concerns).orElse(true)) {
                shown.add(e);
            }
        }
        int limit = options.limit().orElse(shown.size());
        shown = shown.subList(Math.max(0, shown.size() - limit), shown.size());

        if (invocation.json()) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("log", log.file().toString());
            data.put("entries", shown.stream().map(e -> (Object) e.toData()).toList());
            data.put("warnings", reading.warnings());
            return CommandResult.ok(data);
        }
        if (!invocation.quiet()) {
            reading.warnings().forEach(w -> invocation.err().println("warning: " + w));
        }
        for (AuditEntry e : shown) {
            List<String> changes = e.packages().stream().map(AuditEntry.Change::describe).toList();
            invocation.out().println(e.time() + "  " + pad(e.operation(), 9) + "  " + e.kind() + " " + e.root() + "  "
                    + String.join(", ", changes));
        }
        if (shown.isEmpty() && !invocation.quiet()) {
            invocation.out().println(options.pkg().map(p -> "No entry of the audit log `" + log.file() + "` concerns `" + p + "`.")
                    .orElse("The audit log `" + log.file() + "` has no entries."));
        }
        invocation.out().flush();
        invocation.err().flush();
        return CommandResult.ok(null);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static Options parse(List<String> args) {
        Optional<Integer> limit = Optional.empty();
        Optional<String> pkg = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value;
            if (!option.equals("--limit") && !option.equals("--package")) {
                throw usage(arg.startsWith("-") ? "unknown option `" + arg + "`" : "unexpected argument `" + arg + "`");
            }
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw usage("`" + option + "` needs a value");
            }
            if (option.equals("--limit")) {
                try {
                    limit = Optional.of(Integer.parseInt(value));
                } catch (NumberFormatException e) {
                    limit = Optional.of(-1);
                }
                if (limit.get() < 1) {
                    throw usage("`--limit` takes a number of entries, 1 or more: `" + value + "`");
                }
            } else {
                pkg = Optional.of(value);
            }
        }
        return new Options(limit, pkg);
    }

    private static CocoatlyException usage(String problem) {
        return new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "`cocoatly audit`: " + problem,
                List.of("run `cocoatly audit --help` for its options"));
    }
}
