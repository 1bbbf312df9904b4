package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.config.Home;
import io.cocoatly.testkit.PluginJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding and loading plugin jars: own class loaders, stable order, problems instead of throws. */
class LoadedPluginTest {

    @TempDir
    Path dir;

    private static String plugin(String pkg, String description) {
        return "package " + pkg + "; import shared.Helper; public class P implements io.cocoatly.plugin.Plugin {"
                + " public String description() { return \"" + description + "\" + new Helper().say(); } }";
    }

    @Test
    void jarsAreFoundByNameInOrderAndEachSeesItsOwnCopyOfAClass() throws IOException {
        Home home = new Home(dir.resolve("home")).create();
        // Both bundle a class shared.Helper that says something different: no clash.
        PluginJars.builder().source("b.P", plugin("b", "b:")).source("shared.Helper",
                "package shared; public class Helper { public String say() { return \"two\"; } }")
                .provider("b.P").write(home.pluginsDir().resolve("beta.jar"));
        PluginJars.builder().source("a.P", plugin("a", "a:")).source("shared.Helper",
                "package shared; public class Helper { public String say() { return \"one\"; } }")
                .provider("a.P").version("1.2.3").write(home.pluginsDir().resolve("alpha.jar"));
        Files.writeString(home.pluginsDir().resolve("cocoatly-tool"), "#!/bin/sh\n");

        List<PluginJar> jars = PluginJar.find(home);
        assertEquals(List.of("alpha", "beta"), jars.stream().map(PluginJar::name).toList());
        LoadedPlugin alpha = LoadedPlugin.load(jars.get(0));
        LoadedPlugin beta = LoadedPlugin.load(jars.get(1));

        assertTrue(alpha.ok(), alpha.problem().toString());
        assertEquals("a:one", alpha.plugins().get(0).description());
        assertEquals("b:two", beta.plugins().get(0).description());
        assertEquals("1.2.3", alpha.version().orElseThrow());
    }

    @Test
    void aFileThatIsNotAJarIsAProblemNamingThePlugin() throws IOException {
        Home home = new Home(dir.resolve("home")).create();
        Files.createDirectories(home.pluginsDir());
        Files.writeString(home.pluginsDir().resolve("broken.jar"), "not a zip");

        LoadedPlugin broken = LoadedPlugin.load(PluginJar.find(home).get(0));

        assertFalse(broken.ok());
        assertTrue(broken.problem().get().startsWith("plugin `broken`: "), broken.problem().get());
    }

    @Test
    void aPluginCannotReachCocoatlyInternals() throws IOException {
        Home home = new Home(dir.resolve("home")).create();
        PluginJars.builder().source("c.P", "package c; public class P implements io.cocoatly.plugin.Plugin {"
                + " public String description() { try { Class.forName(\"io.cocoatly.cli.Cli\"); return \"reached\"; }"
                + " catch (ClassNotFoundException e) { return \"hidden\"; } } }")
                .provider("c.P").write(home.pluginsDir().resolve("curious.jar"));

        LoadedPlugin curious = LoadedPlugin.load(PluginJar.find(home).get(0));

        assertEquals("hidden", curious.plugins().get(0).description());
    }
}
