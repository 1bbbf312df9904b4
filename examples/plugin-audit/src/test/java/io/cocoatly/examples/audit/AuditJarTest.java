package io.cocoatly.examples.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The jar the build ships, {@code target/audit.jar} (made before the tests run, see the pom): its
 * service file names the plugin, its manifest has the version, and it bundles neither the plugin API
 * nor the model, which Cocoatly supplies.
 */
class AuditJarTest {

    /** The jar, as the pom names it to the tests ({@code target/audit.jar} when run otherwise). */
    static Path jar() {
        return Path.of(System.getProperty("audit.jar", "target/audit.jar")).toAbsolutePath();
    }

    /** The version the jar's manifest carries: the project's. */
    static String version() {
        return System.getProperty("audit.version", "0.1.0-SNAPSHOT");
    }

    @Test
    void theJarHoldsThePluginAndNothingOfCocoatly() throws IOException {
        try (JarFile file = new JarFile(jar().toFile())) {
            JarEntry service = file.getJarEntry("META-INF/services/io.cocoatly.plugin.Plugin");
            String text = new String(file.getInputStream(service).readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("io.cocoatly.examples.audit.AuditPlugin", text.strip());
            assertEquals(version(),
                    file.getManifest().getMainAttributes().getValue("Implementation-Version"));
            List<String> classes = file.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class")).toList();
            assertTrue(classes.contains("io/cocoatly/examples/audit/AuditPlugin.class"), classes.toString());
            assertTrue(classes.stream().allMatch(n -> n.startsWith("io/cocoatly/examples/audit/")), classes.toString());
        }
    }
}
