package io.cocoatly.registry;

import io.cocoatly.json.JsonCursor;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.SyntaxException;
import io.cocoatly.model.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Readers for the values that index files and manifests share: names, versions, dependencies. */
final class Fields {

    /** The hint for a registry file or manifest that holds no JSON value at all. */
    static final String EMPTY_FILE_HINT = "write a JSON object";

    private Fields() {
    }

    /** A string that must be a valid package name. */
    static PackageName packageName(JsonCursor at) {
        return packageName(at, at.string());
    }

    /** {@code text} as a package name, with errors reported at {@code at}. */
    static PackageName packageName(JsonCursor at, String text) {
        try {
            return PackageName.of(text);
        } catch (CocoatlyException e) {
            throw at.error(e.getMessage(), e.hints().toArray(String[]::new));
        }
    }

    /** A string that must be a strict SemVer version. */
    static Version version(JsonCursor at) {
        String text = at.string();
        try {
            return Version.parse(text);
        } catch (SyntaxException e) {
            throw at.error(e.getMessage());
        }
    }

    /**
     * A {@code {"name": "requirement"}} object. Each name is checked before its requirement is
     * parsed, and before anything could use it to build a path.
     */
    static List<Dependency> dependencies(JsonCursor at) {
        List<Dependency> dependencies = new ArrayList<>();
        for (Map.Entry<String, JsonCursor> e : at.entries()) {
            JsonCursor value = e.getValue();
            PackageName name = packageName(value, e.getKey());
            String requirement = value.string();
            try {
                dependencies.add(Dependency.parse(name.value(), requirement));
            } catch (SyntaxException ex) {
                throw value.error(ex.getMessage());
            }
        }
        return dependencies;
    }
}
