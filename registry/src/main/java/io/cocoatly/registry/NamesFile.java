package io.cocoatly.registry;

import io.cocoatly.json.JsonCursor;
import io.cocoatly.model.PackageName;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code names.json} at a registry's root: every package name, for the commands that need them all
 * ({@code check}, search) on a registry that cannot list its {@code index/} directory, such as one
 * served over HTTP (docs/registry-protocol.md, "names.json"). Written in one canonical form:
 * {@code {"names": [...]}}, sorted, two-space indentation, a trailing newline.
 */
final class NamesFile {

    /** The file's path relative to the registry root. */
    static final String FILE = "names.json";

    private NamesFile() {
    }

    /**
     * The names the file lists, sorted and without repeats. Unknown keys are ignored, as in every
     * registry file.
     *
     * @throws io.cocoatly.model.InvalidFileException if {@code names} is missing, not an array, or
     *     holds something that is not a package name
     */
    static List<PackageName> read(JsonCursor root) {
        TreeSet<PackageName> names = new TreeSet<>();
        for (JsonCursor at : root.required("names").elements()) {
            names.add(Fields.packageName(at));
        }
        return List.copyOf(names);
    }

    /** The canonical bytes of {@code names.json} for {@code names}, which are sorted here. */
    static byte[] write(List<PackageName> names) {
        List<String> sorted = new TreeSet<>(names).stream().map(PackageName::value).toList();
        if (sorted.isEmpty()) {
            return "{\n  \"names\": []\n}\n".getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder out = new StringBuilder("{\n  \"names\": [\n");
        for (int i = 0; i < sorted.size(); i++) {
            out.append("    ").append(IndexWriter.quote(sorted.get(i))).append(i + 1 < sorted.size() ? ",\n" : "\n");
        }
        return out.append("  ]\n}\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
