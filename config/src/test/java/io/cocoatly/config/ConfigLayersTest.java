package io.cocoatly.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.config.ConfigHooks.Hook;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.InvalidFileException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defaults < home file < project file < environment < flags, with each value's origin. */
class ConfigLayersTest {

    @TempDir
    Path dir;

    private Home home;
    private Path project;
    private Path cwd;

    @BeforeEach
    void setUp() throws IOException {
        home = new Home(dir.resolve("home"));
        project = dir.resolve("app");
        cwd = dir.resolve("cwd");
        Files.createDirectories(home.root());
        Files.createDirectories(project.resolve(".cocoatly"));
        Files.createDirectories(cwd);
    }

    private void homeConfig(String json) throws IOException {
        Files.writeString(home.configFile(), json);
    }

    private void projectConfig(String json) throws IOException {
        Files.writeString(ConfigLayers.projectFile(project), json);
    }

    private Config read(Map<String, String> env, ConfigFlag... flags) {
        ConfigLayers layers = ConfigLayers.of(home).withProject(project).withEnvironment(env, cwd);
        for (ConfigFlag flag : flags) {
            layers = layers.withFlag(flag);
        }
        return layers.read();
    }

    private static ConfigFlag registryFlag(String value) {
        return new ConfigFlag("--registry", "registry.url", value);
    }

    @Test
    void eachLayerBeatsTheOnesBelowIt() throws IOException {
        homeConfig("{\"registry\": {\"url\": \"https://home.example/\"}}");
        assertEquals(Optional.of("https://home.example/"), read(Map.of()).registry().url());
        assertEquals(new ConfigOrigin.File(home.configFile(), "$.registry.url"), read(Map.of()).origin("registry.url"));

        projectConfig("{\"registry\": {\"url\": \"https://project.example/\"}}");
        Config fromProject = read(Map.of());
        assertEquals(Optional.of("https://project.example/"), fromProject.registry().url());
        assertEquals(new ConfigOrigin.File(ConfigLayers.projectFile(project), "$.registry.url"),
                fromProject.origin("registry.url"));

        Map<String, String> env = Map.of("COCOATLY_REGISTRY_URL", "https://env.example/");
        assertEquals(Optional.of("https://env.example/"), read(env).registry().url());
        assertEquals(new ConfigOrigin.Environment("COCOATLY_REGISTRY_URL"), read(env).origin("registry.url"));

        Config fromFlag = read(env, registryFlag("https://flag.example/"));
        assertEquals(Optional.of("https://flag.example/"), fromFlag.registry().url());
        assertEquals(new ConfigOrigin.Flag("--registry"), fromFlag.origin("registry.url"));
        assertEquals(new ConfigOrigin.Default(), fromFlag.origin("network.retries"));
    }

    @Test
    void sectionsMergeKeyByKeyAndArraysAreReplacedWhole() throws IOException {
        homeConfig("{\"network\": {\"retries\": 7, \"timeout_seconds\": 10},"
                + " \"security\": {\"checksum\": [\"sha256\", \"blake3\"], \"require_signatures\": false},"
                + " \"hooks\": {\"on_pre_install\": [\"pre\"]}}");
        projectConfig("{\"network\": {\"timeout_seconds\": 20}, \"security\": {\"checksum\": [\"sha512\"]}}");

        Config config = read(Map.of("COCOATLY_NETWORK_MAX_CONCURRENT_DOWNLOADS", "2"));

        assertEquals(new Config.Network(2, Duration.ofSeconds(20), 7, Optional.empty()), config.network());
        assertEquals(List.of("sha512"), config.security().checksums());
        assertEquals(false, config.security().requireSignatures());
        assertEquals(Optional.of(List.of("pre")), config.hooks().command(Hook.ON_PRE_INSTALL));
        assertEquals(new ConfigOrigin.File(home.configFile(), "$.network.retries"), config.origin("network.retries"));
        assertEquals(new ConfigOrigin.File(ConfigLayers.projectFile(project), "$.security.checksum"),
                config.origin("security.checksum"));
        assertEquals(new ConfigOrigin.Environment("COCOATLY_NETWORK_MAX_CONCURRENT_DOWNLOADS"),
                config.origin("network.max_concurrent_downloads"));
    }

    @Test
    void anExplicitNullSwitchesOffWhatALowerLayerSet() throws IOException {
        homeConfig("{\"network\": {\"proxy\": \"http://proxy.local:3128\"}, \"installer\": {\"command\": [\"x\"]}}");
        assertEquals(Optional.of(URI.create("http://proxy.local:3128")), read(Map.of()).network().proxy());

        projectConfig("{\"network\": {\"proxy\": null}}");
        assertEquals(Optional.empty(), read(Map.of()).network().proxy());
        assertEquals(Optional.of(List.of("x")), read(Map.of()).installer().command());
        assertEquals(Optional.empty(), read(Map.of("COCOATLY_INSTALLER_COMMAND", "null")).installer().command());
    }

    @Test
    void relativePathsAreTakenFromTheLayersOwnDirectory() throws IOException {
        homeConfig("{\"cache\": {\"dir\": \"c\"}, \"storage\": {\"install_dir\": \"p\"}, \"registry\": {\"url\": \"reg\"},"
                + " \"security\": {\"trusted_keys\": [\"keys/home.pub.json\"]}}");
        Config homeOnly = read(Map.of());
        assertEquals(home.root().resolve("c"), homeOnly.cache().dir());
        assertEquals(Optional.of(home.root().resolve("reg").toString()), homeOnly.registry().url());

        projectConfig("{\"registry\": {\"url\": \"registry\"},"
                + " \"security\": {\"trusted_keys\": [\"keys/team.pub.json\"]}}");
        Config withProject = read(Map.of());
        assertEquals(Optional.of(project.resolve("registry").toString()), withProject.registry().url());
        assertEquals(List.of(new ConfigTrustedKey.KeyFile(project.resolve("keys/team.pub.json"))),
                withProject.security().trustedKeys());
        assertEquals(home.root().resolve("p"), withProject.storage().installDir());

        Config withEnv = read(Map.of("COCOATLY_CACHE_DIR", "env-cache", "COCOATLY_REGISTRY", "./r"));
        assertEquals(cwd.resolve("env-cache"), withEnv.cache().dir());
        assertEquals(Optional.of(cwd.resolve("r").toString()), withEnv.registry().url());
        assertEquals(Optional.of(cwd.resolve("flagged").toString()), read(Map.of(), registryFlag("flagged")).registry().url());
        assertEquals(Optional.of("file:///srv/registry"), read(Map.of(), registryFlag("file:///srv/registry")).registry().url());
    }

    @Test
    void variablesAreParsedAsTheirKeysKind() {
        Config config = read(Map.of("COCOATLY_NETWORK_TIMEOUT_SECONDS", "45", "COCOATLY_SECURITY_REQUIRE_SIGNATURES", "false",
                "COCOATLY_SECURITY_CHECKSUM", "[\"blake3\"]", "COCOATLY_HOOKS_ON_POST_INSTALL", "[\"sh\", \"-c\", \"echo hi\"]",
                "COCOATLY_INSTALLER_MAX_PACKAGE_BYTES", "5000000000", "COCOATLY_REGISTRY_NAME", "team"));

        assertEquals(Duration.ofSeconds(45), config.network().timeout());
        assertEquals(false, config.security().requireSignatures());
        assertEquals(List.of("blake3"), config.security().checksums());
        assertEquals(Optional.of(List.of("sh", "-c", "echo hi")), config.hooks().command(Hook.ON_POST_INSTALL));
        assertEquals(5_000_000_000L, config.installer().limits().maxPackageBytes().getAsLong());
        assertEquals(Optional.of("team"), config.registry().name());
        assertEquals(List.of(), config.warnings());
    }

    @Test
    void theLockWaitAndTheDownloadDeadlineAreSettingsWithVariables() throws IOException {
        Config defaults = read(Map.of());
        assertEquals(Duration.ofSeconds(120), defaults.installer().lockTimeout());
        assertEquals(4096, defaults.network().minBytesPerSecond());
        assertEquals(Duration.ofSeconds(60), defaults.network().deadlineGrace());

        homeConfig("{\"installer\": {\"lock_timeout_seconds\": 30}, \"network\": {\"min_bytes_per_second\": 0}}");
        Config config = read(Map.of("COCOATLY_INSTALLER_LOCK_TIMEOUT_SECONDS", "5",
                "COCOATLY_NETWORK_DEADLINE_GRACE_SECONDS", "7"));

        assertEquals(Duration.ofSeconds(5), config.installer().lockTimeout());
        assertEquals(0, config.network().minBytesPerSecond());
        assertEquals(Duration.ofSeconds(7), config.network().deadlineGrace());
        assertEquals("COCOATLY_INSTALLER_LOCK_TIMEOUT_SECONDS: expected an integer from 0 to 86400, found -1",
                envError("COCOATLY_INSTALLER_LOCK_TIMEOUT_SECONDS", "-1").getMessage());
    }

    @Test
    void aWrongVariableIsAnErrorNamingTheVariable() {
        assertEquals("COCOATLY_NETWORK_TIMEOUT_SECONDS: expected an integer from 1 to 3600, found `abc`",
                envError("COCOATLY_NETWORK_TIMEOUT_SECONDS", "abc").getMessage());
        assertEquals("COCOATLY_NETWORK_TIMEOUT_SECONDS: expected an integer from 1 to 3600, found 0",
                envError("COCOATLY_NETWORK_TIMEOUT_SECONDS", "0").getMessage());
        assertEquals("COCOATLY_INSTALLER_MAX_PACKAGE_BYTES: expected a positive number of bytes, found `1e9`",
                envError("COCOATLY_INSTALLER_MAX_PACKAGE_BYTES", "1e9").getMessage());
        assertEquals("COCOATLY_SECURITY_REQUIRE_SIGNATURES: expected `true` or `false`, found `yes`",
                envError("COCOATLY_SECURITY_REQUIRE_SIGNATURES", "yes").getMessage());
        assertEquals("COCOATLY_SECURITY_CHECKSUM: expected a JSON array of digest names, e.g. [\"sha256\", \"blake3\"],"
                + " found `sha256`", envError("COCOATLY_SECURITY_CHECKSUM", "sha256").getMessage());
        assertEquals("COCOATLY_SECURITY_CHECKSUM: $[1]: unknown digest algorithm: `md5`",
                envError("COCOATLY_SECURITY_CHECKSUM", "[\"sha256\", \"md5\"]").getMessage());
        assertEquals("COCOATLY_NETWORK_PROXY: expected a proxy like http://host:port (http, https or socks5): `proxy`",
                envError("COCOATLY_NETWORK_PROXY", "proxy").getMessage());
        assertEquals("COCOATLY_HOOKS_ON_PRE_INSTALL: $[0]: malformed JSON at line 1, column 8: the file ends too early",
                envError("COCOATLY_HOOKS_ON_PRE_INSTALL", "[\"make\"").getMessage());
        CocoatlyException hook = envError("COCOATLY_HOOKS_ON_PRE_INSTALL", "{}");
        assertEquals("COCOATLY_HOOKS_ON_PRE_INSTALL: expected an array, found an object", hook.getMessage());
        assertEquals(1, hook.hints().size());
        assertEquals("invalid-config", hook.code());
    }

    private CocoatlyException envError(String variable, String value) {
        return assertThrows(CocoatlyException.class, () -> read(Map.of(variable, value)));
    }

    @Test
    void aWrongFlagIsAnErrorNamingTheFlag() {
        CocoatlyException e = assertThrows(CocoatlyException.class, () -> read(Map.of(), registryFlag("")));
        assertEquals("--registry: must not be empty", e.getMessage());
    }

    @Test
    void aWrongValueInAProjectFileNamesThatFileEvenWhenAHigherLayerOverridesIt() throws IOException {
        projectConfig("{\"network\": {\"retries\": 101}}");
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> read(Map.of("COCOATLY_NETWORK_RETRIES", "1")));
        assertEquals(ConfigLayers.projectFile(project) + ": $.network.retries: expected an integer from 0 to 100, found 101",
                e.getMessage());
    }

    @Test
    void unrelatedVariablesAreNeitherReadNorWarnedAbout() {
        Config config = read(Map.of("COCOATLY_HOME", "/elsewhere", "COCOATLY_CLASSPATH", "a.jar:b.jar",
                "COCOATLY_JAVA_OPTS", "-Xmx1g", "COCOATLY_CDS", "off", "COCOATLY_MAIN", "x", "COCOATLY_HOOK", "on_pre_install",
                "COCOATLY_PACKAGES", "a@1.0.0 b@2.0.0", "COCOATLY_INSTALL_DIR", "/tmp/x", "COCOATLY_NETWORK_RETRIES", " ",
                "PATH", "/usr/bin"));
        assertEquals(Config.defaults(home), config);
    }

    @Test
    void theRegistryTokenIsASecretNotASettingAndNotWarnedAbout() {
        // Without the exception it would read as the unknown key `registry.token` and be warned about.
        Config config = read(Map.of("COCOATLY_REGISTRY_TOKEN", "cocoatly_secret", "COCOATLY_REGISTRY_TOKN", "x"));
        assertEquals(List.of("COCOATLY_REGISTRY_TOKN: unknown key `registry.tokn`, ignored"),
                config.warnings().stream().map(ConfigWarning::text).toList());
        assertEquals(Config.defaults(home).registry(), config.registry());
    }

    @Test
    void anUnknownVariableOfAKnownSectionIsAWarning() {
        Config config = read(Map.of("COCOATLY_NETWORK_TIMEOUT", "5", "COCOATLY_STORAGE_INSTALLDIR", "x",
                "COCOATLY_CACHE_COLOUR", "1"));
        assertEquals(List.of("COCOATLY_CACHE_COLOUR: unknown key `cache.colour`, ignored",
                "COCOATLY_NETWORK_TIMEOUT: unknown key `network.timeout`, ignored; did you mean"
                        + " `COCOATLY_NETWORK_TIMEOUT_SECONDS`?",
                "COCOATLY_STORAGE_INSTALLDIR: unknown key `storage.installdir`, ignored; did you mean"
                        + " `COCOATLY_STORAGE_INSTALL_DIR`?"),
                config.warnings().stream().map(ConfigWarning::text).toList());
        assertEquals(Duration.ofSeconds(30), config.network().timeout());
    }

    @Test
    void cocoatlyRegistryIsTheRegistryUrlUnlessTheLayeredNameIsSetToo() {
        Config alone = read(Map.of("COCOATLY_REGISTRY", "https://r.example/"));
        assertEquals(Optional.of("https://r.example/"), alone.registry().url());
        assertEquals(new ConfigOrigin.Environment("COCOATLY_REGISTRY"), alone.origin("registry.url"));

        Config both = read(Map.of("COCOATLY_REGISTRY", "https://old.example/", "COCOATLY_REGISTRY_URL", "https://new.example/"));
        assertEquals(Optional.of("https://new.example/"), both.registry().url());
        assertEquals(List.of("COCOATLY_REGISTRY: ignored, `COCOATLY_REGISTRY_URL` is set too and takes precedence"),
                both.warnings().stream().map(ConfigWarning::text).toList());

        Config same = read(Map.of("COCOATLY_REGISTRY", "https://r.example/", "COCOATLY_REGISTRY_URL", "https://r.example/"));
        assertEquals(List.of(), same.warnings());
    }

    @Test
    void warningsOfEveryFileAreKeptLowestFirst() throws IOException {
        homeConfig("{\"network\": {\"timeout\": 5}}");
        projectConfig("{\"registy\": {}}");
        assertEquals(List.of(
                home.configFile() + ": $.network.timeout: unknown key `timeout`, ignored; did you mean `timeout_seconds`?",
                ConfigLayers.projectFile(project) + ": $.registy: unknown key `registy`, ignored; did you mean `registry`?"),
                read(Map.of()).warnings().stream().map(ConfigWarning::text).toList());
    }

    @Test
    void aProjectWhoseConfigIsTheHomesIsReadOnce() throws IOException {
        Home inProject = new Home(project.resolve(".cocoatly"));
        Files.writeString(inProject.configFile(), "{\"colour\": true}");
        Config config = ConfigLayers.of(inProject).withProject(project).read();
        assertEquals(1, config.warnings().size());
    }

    @Test
    void aProjectCannotRunCommandsOrMoveWhereCocoatlyWrites() throws IOException {
        homeConfig("{\"hooks\": {\"on_pre_install\": [\"mine\"]}}");
        projectConfig("{\"hooks\": {\"on_pre_install\": [\"theirs\"], \"on_post_install\": [\"theirs\"]},"
                + " \"installer\": {\"command\": [\"evil\"], \"max_path_depth\": 9},"
                + " \"storage\": {\"install_dir\": \"/\"}, \"cache\": {\"dir\": \"..\"}}");

        Config config = read(Map.of());

        assertEquals(Optional.of(List.of("mine")), config.hooks().command(Hook.ON_PRE_INSTALL));
        assertEquals(Optional.empty(), config.hooks().command(Hook.ON_POST_INSTALL));
        assertEquals(Optional.empty(), config.installer().command());
        assertEquals(java.util.OptionalInt.of(9), config.installer().limits().maxPathDepth());
        assertEquals(home.packagesDir(), config.storage().installDir());
        assertEquals(home.cacheDir(), config.cache().dir());
        String file = ConfigLayers.projectFile(project) + ": ";
        String ignored = "`, ignored; set it in the home's config.json or the environment";
        // In the order of the sections' documentation: storage, cache, hooks, installer.
        assertEquals(List.of(
                file + "$.storage.install_dir: a project's config may not set `storage.install_dir" + ignored,
                file + "$.cache.dir: a project's config may not set `cache.dir" + ignored,
                file + "$.hooks.on_pre_install: a project's config may not set `hooks.on_pre_install" + ignored,
                file + "$.hooks.on_post_install: a project's config may not set `hooks.on_post_install" + ignored,
                file + "$.installer.command: a project's config may not set `installer.command" + ignored),
                config.warnings().stream().map(ConfigWarning::text).toList());
    }
}
