package io.cocoatly.testkit;

import io.cocoatly.json.JsonArray;
import io.cocoatly.json.JsonObject;
import io.cocoatly.model.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A package's state in {@link FakeRegistryApi}, and its answer to {@code GET packages/{name}}. */
final class FakePackage {

    final String description;
    List<String> owners;
    final long downloads;
    final TreeMap<Version, FakeVersion> versions = new TreeMap<>();
    // The rest of §2.5's metadata; null and empty are unknown, and left out of the answer.
    String license;
    String repository;
    List<String> keywords = List.of();
    List<String> categories = List.of();

    FakePackage(String description, List<String> owners, long downloads) {
        this.description = description;
        this.owners = new ArrayList<>(owners);
        this.downloads = downloads;
    }

    /** The newest version that is not yanked. */
    Optional<Version> newest() {
        return versions.descendingMap().entrySet().stream().filter(e -> !e.getValue().yanked).map(Map.Entry::getKey)
                .findFirst();
    }

    /** The answer to {@code GET packages/{name}}: fields the fake does not know (a null description) are left out. */
    JsonObject info(String name) {
        JsonObject root = JsonObject.create().put("name", name);
        if (description != null) {
            root.put("description", description);
        }
        if (license != null) {
            root.put("license", license);
        }
        if (repository != null) {
            root.put("repository", repository);
        }
        if (!keywords.isEmpty()) {
            JsonArray list = root.putArray("keywords");
            keywords.forEach(list::add);
        }
        if (!categories.isEmpty()) {
            JsonArray list = root.putArray("categories");
            categories.forEach(list::add);
        }
        JsonArray ownerList = root.putArray("owners");
        owners.forEach(ownerList::add);
        if (downloads >= 0) {
            root.put("downloads", downloads);
        }
        JsonArray list = root.putArray("versions");
        versions.descendingMap().forEach((v, fv) -> {
            JsonObject o = list.addObject().put("version", v.toString()).put("yanked", fv.yanked)
                    .put("published_at", FakeRegistryApi.PUBLISHED_AT);
            if (fv.downloads >= 0) {
                o.put("downloads", fv.downloads);
            }
            JsonObject deps = o.putObject("dependencies");
            fv.dependencies.forEach(deps::put);
        });
        return root;
    }

    /** A version's state. */
    static final class FakeVersion {
        boolean yanked;
        final long downloads;
        final Map<String, String> dependencies;

        FakeVersion(boolean yanked, long downloads, Map<String, String> dependencies) {
            this.yanked = yanked;
            this.downloads = downloads;
            this.dependencies = new TreeMap<>(dependencies);
        }
    }
}
