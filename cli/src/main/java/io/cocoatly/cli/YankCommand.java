package io.cocoatly.cli;

import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.registry.RegistryEditor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cocoatly yank}: withdraws a published version, or restores it with {@code --undo}. */
@Command(name = "yank",
        mixinStandardHelpOptions = true,
        description = {
            "Mark a published version as yanked, or with --undo as not yanked.",
            "Resolvers no longer choose a yanked version for new lockfiles, but a lockfile that already",
            "pins it still installs it (the artifact stays)."},
        footer = {"",
            "Examples:",
            "  cocoatly yank http 1.2.2 --registry ./registry",
            "  cocoatly yank http 1.2.2 --registry ./registry --undo",
            "",
            "Exit codes: 0 done (also when the version already was in that state), 2 invalid usage,",
            "name or version, or no such registry, package or version, 4 the registry cannot be written.",
            "See docs/publishing.md."})
final class YankCommand implements Callable<Integer> {

    private final Context context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The package name.")
    String name;

    @Parameters(index = "1", paramLabel = "VERSION", description = "The exact version, e.g. 1.2.2.")
    String version;

    @Option(names = "--registry", required = true, paramLabel = "DIR", description = "The registry directory.")
    String registry;

    @Option(names = "--undo", description = "Un-yank: make the version selectable again.")
    boolean undo;

    @Option(names = "--json", description = "Print the JSON envelope: data = {\"name\", \"version\", \"yanked\", \"changed\"}.")
    boolean json;

    YankCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PackageName packageName = PackageName.of(name);
        Version parsed = Version.parse(version);
        boolean changed;
        Release now;
        try (RegistryEditor editor = RegistryEditor.open(context.path(registry))) {
            boolean before = editor.listing(packageName)
                    .flatMap(l -> l.releases().stream().filter(r -> r.version().equals(parsed)).findFirst())
                    .map(Release::yanked).orElse(false);
            now = editor.yank(packageName, parsed, !undo);
            changed = before != now.yanked();
        }
        if (json) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("name", now.name().value());
            data.put("version", now.version().toString());
            data.put("yanked", now.yanked());
            data.put("changed", changed);
            Json.write(context.out(), Envelope.success(data));
        } else {
            String state = now.yanked() ? "yanked" : "not yanked";
            context.out().println(changed ? (now.yanked() ? "yanked " : "un-yanked ") + now.id()
                    : now.id() + " was already " + state);
            context.out().flush();
        }
        return ExitCodes.OK;
    }
}
