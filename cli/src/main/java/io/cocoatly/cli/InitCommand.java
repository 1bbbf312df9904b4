package io.cocoatly.cli;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.registry.ManifestEditor;
import io.cocoatly.registry.Manifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cocoatly init}: start a project with a new cocoatly.json. */
@Command(name = "init", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"Create cocoatly.json in DIR (default: the working directory; created if missing).",
            "The package is named after the directory, made a valid package name (lowercase; other characters",
            "become `-`), unless --name says otherwise; its version is 0.1.0 and it has no dependencies.",
            "An existing cocoatly.json is never overwritten."},
        footer = {"", "Examples:",
            "  cocoatly init",
            "  cocoatly init my-tool --name tool",
            "  cocoatly init --json",
            "", "Exit codes: 0 created, 2 invalid input (a name that cannot be a package name),",
            "4 refused (cocoatly.json exists) or the file could not be written."})
final class InitCommand implements Callable<Integer> {

    /** The version a new project starts at, as cargo's and npm's do. */
    static final Version FIRST_VERSION = Version.parse("0.1.0");

    private final Context context;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "The project's directory (default: the working directory).")
    String dir;

    @Option(names = "--name", paramLabel = "NAME", description = "The package's name (default: from the directory's name).")
    String name;

    @Option(names = "--json", description = "Print one JSON document {\"success\", \"data\", \"error\"}.")
    boolean json;

    InitCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path directory = context.path(dir == null ? "." : dir).toAbsolutePath().normalize();
        Path file = directory.resolve(Manifests.FILE_NAME);
        if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) { // a dangling link too: never replaced
            throw new CocoatlyException(ErrorKind.FAILED, "manifest-exists", "`" + file + "` already exists",
                    List.of("edit it, or use `cocoatly add` and `cocoatly remove` to change its dependencies"));
        }
        PackageName packageName = name != null ? PackageName.of(name) : fromDirectory(directory);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "manifest-write-failed", "cannot create `" + directory + "`: "
                    + e.getMessage(), List.of("check that the parent directory is writable"), e);
        }
        ManifestEditor.create(file, packageName, FIRST_VERSION).write();
        if (json) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("manifest", file.toString());
            data.put("name", packageName.value());
            data.put("version", FIRST_VERSION.toString());
            Json.write(context.out(), Envelope.success(data));
            return ExitCodes.OK;
        }
        if (!context.console().quiet()) {
            context.out().println("Created " + file + " for package `" + packageName + "` " + FIRST_VERSION + ".");
            context.out().flush();
        }
        return ExitCodes.OK;
    }

    /**
     * The directory's name as a package name: lowercase, each run of other characters a {@code -},
     * without leading or trailing separators, at most {@link PackageName#MAX_LENGTH} characters.
     *
     * @throws CocoatlyException code {@code invalid-package-name} when nothing of the name is left
     */
    static PackageName fromDirectory(Path directory) {
        String raw = directory.getFileName() == null ? "" : directory.getFileName().toString();
        String name = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[._-]+", "");
        if (name.length() > PackageName.MAX_LENGTH) {
            name = name.substring(0, PackageName.MAX_LENGTH);
        }
        name = name.replaceAll("[._-]+$", "");
        if (PackageName.problem(name) != null) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "invalid-package-name", "cannot make a package name"
                    + " of the directory name `" + raw + "`", List.of("choose one with `--name NAME`"));
        }
        return PackageName.of(name);
    }
}
