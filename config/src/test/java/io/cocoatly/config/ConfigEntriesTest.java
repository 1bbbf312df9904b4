package io.cocoatly.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.model.CocoatlyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code config list} shows: every setting's effective value and the layer it came from. */
class ConfigEntriesTest {

    @TempDir
    Path dir;

    @Test
    void eachValueComesWithItsOrigin() throws IOException {
        Home home = new Home(Files.createDirectories(dir.resolve("home")));
        Path project = Files.createDirectories(dir.resolve("app/.cocoatly")).getParent();
        Files.writeString(home.configFile(), "{\"network\": {\"retries\": 5, \"timeout_seconds\": 10}}");
        Files.writeString(ConfigLayers.projectFile(project), "{\"network\": {\"timeout_seconds\": 20}}");
        ConfigLayers layers = ConfigLayers.of(home).withProject(project)
                .withEnvironment(Map.of("COCOATLY_CACHE_MAX_SIZE", "1GB", "COCOATLY_REGISTRY_TOKEN", "secret"), dir)
                .withFlag(new ConfigFlag("--registry", "registry.url", "https://u:pw@registry.example/"));
        Map<String, ConfigEntry> byKey = new java.util.HashMap<>();
        layers.entries().forEach(e -> byKey.put(e.key(), e));
        assertEquals(new ConfigEntry("network.retries", "5", new ConfigOrigin.File(home.configFile(), "$.network.retries")),
                byKey.get("network.retries"));
        assertEquals(new ConfigEntry("network.timeout_seconds", "20", new ConfigOrigin.File(
                ConfigLayers.projectFile(project), "$.network.timeout_seconds")), byKey.get("network.timeout_seconds"));
        assertEquals(new ConfigEntry("cache.max_size", "\"1GB\"", new ConfigOrigin.Environment("COCOATLY_CACHE_MAX_SIZE")),
                byKey.get("cache.max_size"));
        assertEquals(new ConfigEntry("registry.url", "\"https://u:***@registry.example/\"", new ConfigOrigin.Flag("--registry")),
                byKey.get("registry.url"));
        assertEquals(new ConfigEntry("network.max_concurrent_downloads", "8", new ConfigOrigin.Default()),
                byKey.get("network.max_concurrent_downloads"));
        assertEquals(new ConfigEntry("cache.dir", "\"" + home.cacheDir() + "\"", new ConfigOrigin.Default()),
                byKey.get("cache.dir"));
        assertEquals(ConfigKeys.all().size(), layers.entries().size(), "every setting, and nothing else (no token)");
        assertEquals(byKey.get("network.retries"), layers.entry("network.retries"));
        assertEquals(List.of("did you mean `network.retries`?"),
                assertThrows(CocoatlyException.class, () -> layers.entry("network.retry")).hints());
    }

    /** The defaults {@code config list} shows are those the reader applies: a file of them reads as no file. */
    @Test
    void theShownDefaultsAreTheRealOnes() throws IOException {
        Home home = new Home(Files.createDirectories(dir.resolve("home")));
        StringBuilder json = new StringBuilder("{");
        String section = null;
        for (ConfigKeys.Key key : ConfigKeys.all()) {
            if (key.defaultJson() == null || key.section().equals("installer") && key.name().startsWith("max_")) {
                continue; // none, or the installer's own default, which Config leaves empty
            }
            if (!key.section().equals(section)) {
                json.append(section == null ? "" : "},").append('"').append(key.section()).append("\": {");
                section = key.section();
            } else {
                json.append(',');
            }
            String value = key.defaultJson().equals(ConfigKeys.HOME_DEFAULT) ? "\"" + (key.id().equals("cache.dir")
                    ? home.cacheDir() : home.packagesDir()) + "\"" : key.defaultJson();
            json.append('"').append(key.name()).append("\": ").append(value);
        }
        json.append("}}");
        Config read = ConfigReader.parse(json.toString().getBytes(StandardCharsets.UTF_8), home.configFile(), home);
        Config defaults = Config.defaults(home);
        assertEquals(defaults.registry(), read.registry());
        assertEquals(defaults.storage(), read.storage());
        assertEquals(defaults.cache(), read.cache());
        assertEquals(defaults.network(), read.network());
        assertEquals(defaults.security(), read.security());
        assertEquals(defaults.installer().lockTimeout(), read.installer().lockTimeout());
        assertEquals(defaults.plugins(), read.plugins());
    }
}
