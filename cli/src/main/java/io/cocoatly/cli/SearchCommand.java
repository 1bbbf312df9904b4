package io.cocoatly.cli;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageName;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.registry.http.NameSearch;
import io.cocoatly.registry.http.SearchHit;
import io.cocoatly.registry.http.SearchResults;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cocoatly search}: packages whose name contains a term, with their newest version. */
@Command(name = "search", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"Find packages by name.",
            "Lists every package whose name contains TERM, the exact name first, then by name, with",
            "its newest version that is not yanked and its description when known.",
            "A registry with an API searches on the server (descriptions too, where it has them);",
            "otherwise the registry's list of names is searched."},
        footer = {"", "Examples:",
            "  cocoatly search http --registry ./registry",
            "  cocoatly search json --registry https://registry.example/team/ --limit 5 --json",
            "", "Exit codes: 0 searched (also when nothing matches), 2 invalid input or no registry,",
            "4 the registry could not be reached."})
final class SearchCommand implements Callable<Integer> {

    private final Context context;

    @Parameters(index = "0", paramLabel = "TERM", description = "Text the package name contains.")
    String term;

    @Option(names = CommandSettings.REGISTRY_FLAG, paramLabel = "DIR|URL",
            description = "Registry directory or URL (" + RegistryOptions.DEFAULT + ").")
    String registry;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "Show at most N packages (default 20).")
    int limit;

    @Option(names = "--json", description = "Print the JSON envelope: data = {\"term\", \"total\", \"packages\": [...]}.")
    boolean json;

    SearchCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "invalid value for `--limit`: " + limit,
                    List.of("give a number of packages, 1 or more"));
        }
        CommandSettings settings = CommandSettings.load(context, "cocoatly search", ManifestLocator.locate(context, null),
                registry);
        SearchResults results = RegistryApiAccess.apiOrIndex(settings, api -> api.search(term, 1, limit),
                this::searchIndex);
        if (json) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("term", term);
            data.put("total", results.total());
            data.put("packages", results.packages().stream().map(SearchCommand::json).toList());
            data.put("warnings", settings.warnings());
            Json.write(context.out(), Envelope.success(data));
        } else {
            settings.printWarnings(context);
            print(context.out(), results);
        }
        return ExitCodes.OK;
    }

    private SearchResults searchIndex(FileRegistry index) {
        List<PackageName> names = index.packageNames();
        return NameSearch.search(index, names, term, limit);
    }

    private void print(PrintWriter out, SearchResults results) {
        if (results.packages().isEmpty()) {
            out.println("No package name contains `" + term + "`.");
            out.flush();
            return;
        }
        int nameWidth = results.packages().stream().mapToInt(h -> h.name().value().length()).max().orElse(0);
        int versionWidth = results.packages().stream().mapToInt(h -> version(h).length()).max().orElse(0);
        for (SearchHit hit : results.packages()) {
            String line = pad(hit.name().value(), nameWidth) + "  " + pad(version(hit), versionWidth)
                    + hit.description().map(d -> "  " + Style.printable(d)).orElse("");
            out.println(line.stripTrailing());
        }
        if (results.total() > results.packages().size()) {
            out.println("Showing " + results.packages().size() + " of " + results.total() + " packages; `--limit "
                    + results.total() + "` shows them all.");
        }
        out.flush();
    }

    /** The newest version, or {@code -} when every version is yanked. */
    private static String version(SearchHit hit) {
        return hit.newestVersion().map(Object::toString).orElse("-");
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }

    private static Map<String, Object> json(SearchHit hit) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", hit.name().value());
        entry.put("newest_version", hit.newestVersion().map(Object::toString).orElse(null));
        hit.description().ifPresent(d -> entry.put("description", d));
        if (hit.downloads().isPresent()) {
            entry.put("downloads", hit.downloads().getAsLong());
        }
        return entry;
    }
}
