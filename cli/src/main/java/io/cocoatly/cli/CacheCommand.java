package io.cocoatly.cli;

import io.cocoatly.installer.CacheCleaner;
import io.cocoatly.installer.CachePolicy;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cocoatly cache}: what the download cache ({@code cache.dir}) holds, and cleaning it. */
@Command(name = "cache", addMethodSubcommands = false,
        mixinStandardHelpOptions = true,
        description = {"Show and clean the download cache (cache.dir).",
            "It holds package archives, the caches of http(s) registries and partial downloads. cache.max_size",
            "and cache.max_age are applied after every install; an entry a running install uses is never removed."},
        subcommands = {CacheCommand.Info.class, CacheCommand.Clean.class, CacheCommand.Dir.class},
        footer = {"",
            "Examples:",
            "  cocoatly cache info",
            "  cocoatly cache clean --dry-run",
            "  cocoatly cache clean --older-than 30",
            "  cocoatly cache clean --all",
            "  du -sh \"$(cocoatly cache dir)\"",
            "",
            "See docs/config.md (cache.dir, cache.max_size, cache.max_age)."})
final class CacheCommand implements Runnable {

    private final Context context;

    @Spec
    CommandSpec spec;

    CacheCommand(Context context) {
        this.context = context;
    }

    @Override
    public void run() {
        spec.commandLine().usage(context.out());
    }

    private static CommandSettings settings(Context context, String command) {
        return CommandSettings.load(context, command, ConfigScope.manifest(context), null);
    }

    /** {@code 30d}, {@code 12h}: the policy's age as it is most simply written. */
    static String age(Duration age) {
        return age.toHours() % 24 == 0 ? age.toDays() + "d" : age.toHours() + "h";
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** {@code cocoatly cache info}. */
    @Command(name = "info", addMethodSubcommands = false,
            mixinStandardHelpOptions = true,
            description = "Show the cache directory, its entries and bytes by kind, and the policy applied after installs.",
            footer = {"",
                "Examples:",
                "  cocoatly cache info",
                "  cocoatly cache info --json",
                "",
                "Exit codes: 0 shown, 2 invalid configuration."})
    static final class Info implements Callable<Integer> {

        private final Context context;

        @Option(names = "--json", description = "Print the JSON envelope: data = {\"dir\", \"artifacts\", \"registries\","
                + " \"partial_downloads\" (each {\"entries\", \"bytes\"}), \"policy\": {\"max_size\", \"max_age_seconds\"},"
                + " \"warnings\"}.")
        boolean json;

        Info(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            CommandSettings settings = settings(context, "cocoatly cache info");
            CacheCleaner.Inventory inventory = CacheCleaner.inventory(settings.config().cache().dir());
            CachePolicy policy = CachePolicy.from(settings.config().cache());
            if (json) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("dir", inventory.dir().toString());
                data.put("artifacts", inventory.artifacts());
                data.put("registries", inventory.registries());
                data.put("partial_downloads", inventory.partials());
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("max_size", policy.maxSize().isPresent() ? policy.maxSize().getAsLong() : null);
                p.put("max_age_seconds", policy.maxAge().map(Duration::toSeconds).orElse(null));
                data.put("policy", p);
                data.put("warnings", settings.warnings());
                Json.write(context.out(), Envelope.success(data));
                return ExitCodes.OK;
            }
            settings.printWarnings(context);
            PrintWriter out = context.out();
            out.println("cache: " + inventory.dir());
            out.println("artifacts: " + count(inventory.artifacts().entries(), "entry", "entries") + ", "
                    + InstallProgress.bytes(inventory.artifacts().bytes()));
            out.println("registries: " + count(inventory.registries().entries(), "file", "files") + ", "
                    + InstallProgress.bytes(inventory.registries().bytes()));
            out.println("partial downloads: " + count(inventory.partials().entries(), "file", "files") + ", "
                    + InstallProgress.bytes(inventory.partials().bytes()));
            out.println("policy: " + (policy.isNone() ? "none (cache.max_size and cache.max_age are not set)"
                    : "max_size " + (policy.maxSize().isPresent() ? policy.maxSize().getAsLong() + " bytes" : "none")
                    + ", max_age " + policy.maxAge().map(CacheCommand::age).orElse("none")));
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code cocoatly cache clean}. */
    @Command(name = "clean", addMethodSubcommands = false,
            mixinStandardHelpOptions = true,
            description = {"Remove what the cache policy allows no more, or what --all or --older-than pick.",
                "By default: what cache.max_age and cache.max_size allow no more (least recently used first);",
                "--older-than DAYS: the entries unused for more than DAYS days; --all: every entry and the",
                "registries' caches. Partial downloads left by crashed runs go in every case. Entries a running",
                "install uses are kept; nothing but the cache's own files is ever deleted."},
            footer = {"",
                "Examples:",
                "  cocoatly cache clean",
                "  cocoatly cache clean --dry-run",
                "  cocoatly cache clean --older-than 30 --json",
                "  cocoatly cache clean --all",
                "",
                "Exit codes: 0 cleaned (or nothing to clean), 2 invalid usage or configuration."})
    static final class Clean implements Callable<Integer> {

        private final Context context;

        @Option(names = "--all", description = "Every entry, and the caches of http(s) registries.")
        boolean all;

        @Option(names = "--older-than", paramLabel = "DAYS", description = "The entries unused for more than DAYS days.")
        Integer olderThan;

        @Option(names = "--dry-run", description = "Show what would be removed; remove nothing.")
        boolean dryRun;

        @Option(names = "--json", description = "Print the JSON envelope: data = {\"dry_run\", \"removed\": [{\"path\","
                + " \"kind\", \"bytes\"}], \"bytes\", \"in_use\", \"warnings\"}.")
        boolean json;

        Clean(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            if (all && olderThan != null) {
                throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "`--all` and `--older-than` cannot be used"
                        + " together", List.of("run `cocoatly cache clean --help` for usage"));
            }
            if (olderThan != null && olderThan < 0) {
                throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "`--older-than` takes a number of days"
                        + " from 0, found " + olderThan, List.of("e.g. `--older-than 30`"));
            }
            CommandSettings settings = settings(context, "cocoatly cache clean");
            Path dir = settings.config().cache().dir();
            CacheCleaner.Selection selection = all ? new CacheCleaner.Selection.All()
                    : olderThan != null ? new CacheCleaner.Selection.OlderThan(Duration.ofDays(olderThan))
                    : new CacheCleaner.Selection.ByPolicy(CachePolicy.from(settings.config().cache()));
            CacheCleaner.Cleanup cleanup = CacheCleaner.clean(dir, selection, Instant.now(), dryRun);
            if (json) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("dry_run", dryRun);
                data.put("removed", cleanup.removed().stream().map(r -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("path", r.path().toString());
                    entry.put("kind", kind(r.kind()));
                    entry.put("bytes", r.bytes());
                    return entry;
                }).toList());
                data.put("bytes", cleanup.bytes());
                data.put("in_use", cleanup.inUse());
                data.put("warnings", settings.warnings());
                Json.write(context.out(), Envelope.success(data));
                return ExitCodes.OK;
            }
            settings.printWarnings(context);
            PrintWriter out = context.out();
            String verb = dryRun ? "would remove " : "removed ";
            for (CacheCleaner.Removed r : cleanup.removed()) {
                out.println(verb + kind(r.kind()) + " " + dir.relativize(r.path()) + " (" + InstallProgress.bytes(r.bytes()) + ")");
            }
            out.println(summary(cleanup, selection));
            out.flush();
            return ExitCodes.OK;
        }

        private static String summary(CacheCleaner.Cleanup cleanup, CacheCleaner.Selection selection) {
            String kept = cleanup.inUse() == 0 ? "" : "; kept " + count(cleanup.inUse(), "entry", "entries")
                    + " in use by a running install";
            if (cleanup.removed().isEmpty()) {
                boolean noPolicy = selection instanceof CacheCleaner.Selection.ByPolicy p && p.policy().isNone();
                return "Nothing to remove" + (noPolicy ? " (cache.max_size and cache.max_age are not set)" : "") + kept + ".";
            }
            return (cleanup.dryRun() ? "Would remove " : "Removed ") + count(cleanup.removed().size(), "item", "items")
                    + ", " + InstallProgress.bytes(cleanup.bytes()) + kept + ".";
        }

        private static String kind(CacheCleaner.Kind kind) {
            switch (kind) {
                case ARTIFACT:
                    return "artifact";
                case REGISTRY:
                    return "registry";
                case PARTIAL:
                    return "partial-download";
                default:
                    throw new AssertionError(kind);
            }
        }
    }

    /** {@code cocoatly cache dir}. */
    @Command(name = "dir", addMethodSubcommands = false,
            mixinStandardHelpOptions = true,
            description = "Print the cache directory (cache.dir).",
            footer = {"",
                "Examples:",
                "  cocoatly cache dir",
                "  du -sh \"$(cocoatly cache dir)\"",
                "",
                "Exit codes: 0 printed, 2 invalid configuration."})
    static final class Dir implements Callable<Integer> {

        private final Context context;

        @Option(names = "--json", description = "Print the JSON envelope: data = {\"dir\", \"warnings\"}.")
        boolean json;

        Dir(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            CommandSettings settings = settings(context, "cocoatly cache dir");
            if (json) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("dir", settings.config().cache().dir().toString());
                data.put("warnings", settings.warnings());
                Json.write(context.out(), Envelope.success(data));
            } else {
                settings.printWarnings(context);
                context.out().println(settings.config().cache().dir());
                context.out().flush();
            }
            return ExitCodes.OK;
        }
    }
}
