package io.cocoatly.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.config.ConfigHooks.Hook;
import io.cocoatly.model.InvalidFileException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigReaderTest {

    private static final Home HOME = new Home(Path.of("/home/u/.cocoatly"));
    private static final Path FILE = HOME.configFile();

    private static Config parse(String json) {
        return ConfigReader.parse(json.getBytes(StandardCharsets.UTF_8), FILE, HOME);
    }

    @Test
    void aMissingFileMeansEveryDefault(@TempDir Path dir) {
        Home home = new Home(dir);
        Config config = ConfigReader.read(home);
        assertEquals(Config.defaults(home), config);
        assertEquals(dir.resolve("packages"), config.storage().installDir());
        assertEquals(dir.resolve("cache"), config.cache().dir());
        assertEquals(8, config.network().maxConcurrentDownloads());
        assertEquals(Duration.ofSeconds(30), config.network().timeout());
        assertEquals(3, config.network().retries());
        assertEquals(Optional.empty(), config.network().proxy());
        assertEquals(true, config.security().requireSignatures());
        assertEquals(List.of(), config.security().trustedKeys());
        assertEquals(List.of("sha256"), config.security().checksums());
        assertEquals(Optional.empty(), config.registry().url());
        assertEquals(90, config.registry().downloadEventsDays());
        assertEquals(ConfigHooks.none(), config.hooks());
    }

    @Test
    void anEmptyObjectIsAlsoEveryDefault() {
        assertEquals(Config.defaults(HOME), parse("{}"));
        assertEquals(Config.defaults(HOME), parse("{\"network\": {}, \"security\": {}, \"hooks\": {}}"));
    }

    @Test
    void everyKeyCanBeSet(@TempDir Path dir) throws IOException {
        Home home = new Home(dir);
        Files.writeString(home.configFile(), "{\n"
                + "  \"registry\": {\"url\": \"https://registry.example/cocoatly\", \"name\": \"example\", \"download_events_days\": 30},\n"
                + "  \"storage\": {\"install_dir\": \"/opt/cocoatly\"},\n"
                + "  \"cache\": {\"dir\": \"my-cache\"},\n"
                + "  \"network\": {\"max_concurrent_downloads\": 2, \"timeout_seconds\": 5, \"retries\": 0,"
                + " \"proxy\": \"http://proxy.local:3128\"},\n"
                + "  \"security\": {\"require_signatures\": false, \"trusted_keys\": [\"keys/team.pub.json\","
                + " \"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\"], \"checksum\": [\"blake3\", \"sha512\"]},\n"
                + "  \"hooks\": {\"on_post_install\": [\"notify-send\", \"installed\"]}\n"
                + "}\n");
        Config config = ConfigReader.read(home);
        assertEquals(new Config.Registry(Optional.of("https://registry.example/cocoatly"), Optional.of("example"), 30), config.registry());
        assertEquals(Path.of("/opt/cocoatly"), config.storage().installDir());
        assertEquals(dir.resolve("my-cache"), config.cache().dir());
        assertEquals(new Config.Network(2, Duration.ofSeconds(5), 0, Optional.of(URI.create("http://proxy.local:3128"))),
                config.network());
        assertEquals(new Config.Security(false, List.of(new ConfigTrustedKey.KeyFile(dir.resolve("keys/team.pub.json")),
                new ConfigTrustedKey.Inline("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")), List.of("blake3", "sha512")),
                config.security());
        assertEquals(Optional.of(List.of("notify-send", "installed")), config.hooks().command(Hook.ON_POST_INSTALL));
        assertEquals(Optional.empty(), config.hooks().command(Hook.ON_PRE_INSTALL));
        assertEquals(List.of(), config.warnings());
    }

    @Test
    void aNullProxyOrRegistryIsTheDefault() {
        Config config = parse("{\"network\": {\"proxy\": null}, \"registry\": {\"url\": null}}");
        assertEquals(Config.defaults(HOME).network(), config.network());
        assertEquals(Config.defaults(HOME).registry(), config.registry());
        // An explicit null is still a value someone wrote, and overrides a lower layer's.
        assertEquals(new ConfigOrigin.File(FILE, "$.network.proxy"), config.origin("network.proxy"));
    }

    @Test
    void unknownKeysAreWarningsWithTheirPath() {
        Config config = parse("{\"netwrok\": {}, \"network\": {\"timeout\": 5, \"retries\": 1}, \"hooks\": {\"on_install\": [\"x\"]},"
                + " \"storage\": {\"install-dir\": \"x\"}, \"colour\": true}");
        assertEquals(List.of(
                "/home/u/.cocoatly/config.json: $.netwrok: unknown key `netwrok`, ignored; did you mean `network`?",
                "/home/u/.cocoatly/config.json: $.colour: unknown key `colour`, ignored",
                "/home/u/.cocoatly/config.json: $.storage.install-dir: unknown key `install-dir`, ignored; did you mean `install_dir`?",
                "/home/u/.cocoatly/config.json: $.network.timeout: unknown key `timeout`, ignored; did you mean `timeout_seconds`?",
                "/home/u/.cocoatly/config.json: $.hooks.on_install: unknown key `on_install`, ignored"),
                config.warnings().stream().map(ConfigWarning::text).toList());
        assertEquals(1, config.network().retries());
        assertEquals(HOME.packagesDir(), config.storage().installDir());
    }

    static Stream<Arguments> wrong() {
        return Stream.of(
            Arguments.of("[]", "$: expected an object, found an array"),
            Arguments.of("{\"network\": []}", "$.network: expected an object, found an array"),
            Arguments.of("{\"network\": {\"timeout_seconds\": \"30\"}}", "$.network.timeout_seconds: expected an integer, found a string"),
            Arguments.of("{\"network\": {\"timeout_seconds\": 0}}", "$.network.timeout_seconds: expected an integer from 1 to 3600, found 0"),
            Arguments.of("{\"network\": {\"max_concurrent_downloads\": 2.5}}",
                "$.network.max_concurrent_downloads: expected an integer, found a number"),
            Arguments.of("{\"network\": {\"retries\": -1}}", "$.network.retries: expected an integer from 0 to 100, found -1"),
            Arguments.of("{\"registry\": {\"download_events_days\": 0}}",
                "$.registry.download_events_days: expected an integer from 1 to 36500, found 0"),
            Arguments.of("{\"network\": {\"proxy\": \"proxy.local\"}}",
                "$.network.proxy: expected a proxy like http://host:port (http, https or socks5): `proxy.local`"),
            Arguments.of("{\"security\": {\"require_signatures\": \"yes\"}}",
                "$.security.require_signatures: expected a boolean, found a string"),
            Arguments.of("{\"security\": {\"trusted_keys\": \"key.json\"}}", "$.security.trusted_keys: expected an array, found a string"),
            Arguments.of("{\"security\": {\"trusted_keys\": [\"\"]}}", "$.security.trusted_keys[0]: must not be empty"),
            Arguments.of("{\"security\": {\"checksum\": [\"md5\"]}}", "$.security.checksum[0]: unknown digest algorithm: `md5`"),
            Arguments.of("{\"security\": {\"checksum\": [\"sha256\", \"sha256\"]}}", "$.security.checksum[1]: `sha256` is listed twice"),
            Arguments.of("{\"security\": {\"checksum\": []}}", "$.security.checksum: at least one digest must be required"),
            Arguments.of("{\"storage\": {\"install_dir\": 7}}", "$.storage.install_dir: expected a string, found an integer"),
            Arguments.of("{\"cache\": {\"dir\": \"\"}}", "$.cache.dir: must not be empty"),
            Arguments.of("{\"registry\": {\"url\": false}}", "$.registry.url: expected a string, found a boolean"),
            Arguments.of("{\"hooks\": {\"on_pre_install\": \"make\"}}", "$.hooks.on_pre_install: expected an array, found a string"),
            Arguments.of("{\"hooks\": {\"on_pre_install\": []}}", "$.hooks.on_pre_install: a hook command needs a program to run"),
            Arguments.of("{\"hooks\": {\"on_pre_install\": [\"a\", 1]}}", "$.hooks.on_pre_install[1]: expected a string, found an integer"),
            Arguments.of("{\"network\": {\"retries\": 1, \"retries\": 2}}",
                "$.network.retries: duplicate key `retries` at line 1, column 37"),
            Arguments.of("{\"network\": ", "$.network: malformed JSON at line 1, column 13: the file ends too early"),
            Arguments.of("", "$: the file is empty"));
    }

    @ParameterizedTest
    @MethodSource("wrong")
    void wrongTypesFailWithTheirPath(String json, String expected) {
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> parse(json));
        assertEquals(FILE + ": " + expected, e.getMessage());
        assertEquals("invalid-config", e.code());
    }

    @Test
    void aStringHookExplainsTheArgumentVector() {
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> parse("{\"hooks\": {\"on_pre_install\": \"make\"}}"));
        assertEquals(List.of("write the command as an array of arguments, e.g. [\"notify-send\", \"installed\"]; use [\"sh\", \"-c\","
                + " \"...\"] for a shell command"), e.hints());
    }
}
