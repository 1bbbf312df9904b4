package io.cocoatly.registry.http;

import io.cocoatly.json.ArtifactJson;
import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.StrictJson;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.ManifestMetadata;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.SyntaxException;
import io.cocoatly.model.Version;
import io.cocoatly.transport.ApiResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the API's successful answers (docs/registry-protocol.md §2) into records. Unknown keys are
 * ignored, so a newer server stays readable; a missing or mistyped key is an error naming the URL and
 * the JSON path, with code {@value #CODE}.
 */
final class ApiResponses {

    /** The error code of an answer this client cannot read. */
    static final String CODE = "invalid-api-response";

    private ApiResponses() {
    }

    static JsonCursor parse(ApiResponse response, String where) {
        return StrictJson.parse(response.body(), where, CODE);
    }

    /** {@code {"release": <index entry>}}, the answer to a publish. */
    static Release release(JsonCursor root, PackageName name) {
        JsonCursor entry = root.required("release");
        Version version = version(entry.required("version"));
        List<Dependency> dependencies = entry.optional("dependencies").map(ApiResponses::dependencies).orElse(List.of());
        boolean yanked = entry.optional("yanked").map(JsonCursor::bool).orElse(false);
        return new Release(new PackageId(name, version), dependencies, yanked,
                entry.optional("artifact").map(ArtifactJson::read));
    }

    /** {@code {"packages": [...], "meta": {"total": N}}}. */
    static SearchResults search(JsonCursor root) {
        List<SearchHit> hits = new ArrayList<>();
        for (JsonCursor p : root.required("packages").elements()) {
            hits.add(new SearchHit(name(p.required("name")), p.optional("newest_version").map(ApiResponses::version),
                    text(p, "description"), count(p, "downloads")));
        }
        long total = root.optional("meta").flatMap(m -> m.optional("total")).map(JsonCursor::integer)
                .orElse((long) hits.size());
        return new SearchResults(hits, total);
    }

    /** The package information of §2.5. */
    static PackageInfo info(JsonCursor root) {
        PackageName name = name(root.required("name"));
        Optional<List<String>> owners = root.optional("owners").map(o -> o.elements().stream().map(JsonCursor::string).toList());
        List<VersionInfo> versions = new ArrayList<>();
        for (JsonCursor v : root.required("versions").elements()) {
            Optional<Instant> published = v.optional("published_at").map(ApiResponses::instant);
            versions.add(new VersionInfo(version(v.required("version")), v.optional("yanked").map(JsonCursor::bool)
                    .orElse(false), published, count(v, "downloads"),
                    v.optional("dependencies").map(ApiResponses::dependencies).orElse(List.of())));
        }
        ManifestMetadata metadata = new ManifestMetadata(text(root, "description"), text(root, "license"),
                text(root, "repository"), words(root, "keywords"), words(root, "categories"));
        return new PackageInfo(name, metadata, owners, count(root, "downloads"), versions);
    }

    /** {@code {"users": [{"login": "alice"}]}}. */
    static List<String> owners(JsonCursor root) {
        return root.required("users").elements().stream().map(u -> u.required("login").string()).toList();
    }

    private static Optional<String> text(JsonCursor at, String key) {
        return at.optional(key).filter(c -> !c.isNull()).map(JsonCursor::string);
    }

    /** An array of strings; absent or {@code null} (an older server) is empty. */
    private static List<String> words(JsonCursor at, String key) {
        return at.optional(key).filter(c -> !c.isNull()).map(a -> a.elements().stream().map(JsonCursor::string).toList())
                .orElse(List.of());
    }

    private static OptionalLong count(JsonCursor at, String key) {
        Optional<JsonCursor> value = at.optional(key).filter(c -> !c.isNull());
        return value.isPresent() ? OptionalLong.of(value.get().integer()) : OptionalLong.empty();
    }

    private static PackageName name(JsonCursor at) {
        String text = at.string();
        String problem = PackageName.problem(text);
        if (problem != null) {
            throw at.error("invalid package name `" + text + "`: " + problem);
        }
        return PackageName.of(text);
    }

    private static Version version(JsonCursor at) {
        try {
            return Version.parse(at.string());
        } catch (SyntaxException e) {
            throw at.error("invalid version `" + at.string() + "`: " + e.getMessage());
        }
    }

    private static Instant instant(JsonCursor at) {
        try {
            return Instant.parse(at.string());
        } catch (DateTimeParseException e) {
            throw at.error("invalid date `" + at.string() + "`: expected RFC 3339 UTC, e.g. 2026-12-03T11:00:00Z");
        }
    }

    private static List<Dependency> dependencies(JsonCursor at) {
        List<Dependency> deps = new ArrayList<>();
        for (var e : at.entries()) {
            try {
                deps.add(Dependency.parse(e.getKey(), e.getValue().string()));
            } catch (CocoatlyException ex) {
                throw e.getValue().error("invalid dependency `" + e.getKey() + "`: " + ex.getMessage());
            }
        }
        return deps;
    }
}
