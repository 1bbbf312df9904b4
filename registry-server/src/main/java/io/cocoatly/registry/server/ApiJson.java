package io.cocoatly.registry.server;

import io.cocoatly.json.ArtifactJson;
import io.cocoatly.json.JsonArray;
import io.cocoatly.json.JsonObject;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.ManifestMetadata;
import io.cocoatly.model.Release;
import java.util.List;

/** The write API's response documents (docs/registry-protocol.md §2), built from the backend's records. */
final class ApiJson {

    private ApiJson() {
    }

    /** {@code {"release": <the index entry>}}, the entry in the form of {@code index/<name>.json}. */
    static JsonObject release(Release release) {
        JsonObject root = JsonObject.create();
        JsonObject entry = root.putObject("release");
        entry.put("version", release.version().toString());
        if (!release.dependencies().isEmpty()) {
            dependencies(entry.putObject("dependencies"), release.dependencies());
        }
        if (release.yanked()) {
            entry.put("yanked", true);
        }
        release.artifact().ifPresent(a -> ArtifactJson.write(entry.putObject("artifact"), a));
        return root;
    }

    /** {@code {"ok": true}}. */
    static JsonObject ok() {
        return JsonObject.create().put("ok", true);
    }

    /** {@code {"users": [{"login": ...}]}}. */
    static JsonObject owners(List<String> logins) {
        JsonObject root = JsonObject.create();
        JsonArray users = root.putArray("users");
        logins.forEach(l -> users.addObject().put("login", l));
        return root;
    }

    /** The package information of §2.5; unknown fields are left out. */
    static JsonObject info(PackageInfo info) {
        JsonObject root = JsonObject.create().put("name", info.name());
        ManifestMetadata m = info.metadata();
        m.description().ifPresent(d -> root.put("description", d));
        m.license().ifPresent(l -> root.put("license", l));
        m.repository().ifPresent(r -> root.put("repository", r));
        JsonArray keywords = root.putArray("keywords");
        m.keywords().forEach(keywords::add);
        JsonArray categories = root.putArray("categories");
        m.categories().forEach(categories::add);
        JsonArray owners = root.putArray("owners");
        info.owners().forEach(owners::add);
        info.downloads().ifPresent(d -> root.put("downloads", d));
        JsonArray versions = root.putArray("versions");
        for (PackageInfo.VersionInfo v : info.versions()) {
            JsonObject o = versions.addObject().put("version", v.release().version().toString()).put("yanked", v.release().yanked());
            v.publishedAt().ifPresent(at -> o.put("published_at", at.toString()));
            v.downloads().ifPresent(d -> o.put("downloads", d));
            dependencies(o.putObject("dependencies"), v.release().dependencies());
        }
        return root;
    }

    /** The search page of §2.4. */
    static JsonObject search(SearchPage page) {
        JsonObject root = JsonObject.create();
        JsonArray packages = root.putArray("packages");
        for (SearchPage.Hit hit : page.hits()) {
            JsonObject o = packages.addObject().put("name", hit.name()).put("newest_version", hit.newestVersion());
            hit.description().ifPresent(d -> o.put("description", d));
            hit.downloads().ifPresent(d -> o.put("downloads", d));
        }
        root.putObject("meta").put("total", page.total());
        return root;
    }

    private static void dependencies(JsonObject into, List<Dependency> dependencies) {
        dependencies.forEach(d -> into.put(d.name().value(), d.requirement()));
    }
}
