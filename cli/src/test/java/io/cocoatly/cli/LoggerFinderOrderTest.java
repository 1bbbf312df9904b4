package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.testkit.GoldenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What keeps the JDK's logging set-up from opening every jar (io.cocoatly.logging.JulLoggerFinder):
 * the launcher's class path is {@code cocoatly.jar} and then its manifest's {@code Class-Path}, which
 * Maven writes in the order of cli's dependencies, so cocoatly-logging must be the first of them, and
 * both jars must declare the same provider. The built jars do not exist while tests run; this checks
 * the sources they are built from.
 */
class LoggerFinderOrderTest {

    private static final String SERVICE = "META-INF/services/java.lang.System$LoggerFinder";

    @Test
    void theLoggingModuleIsCliFirstDependency() throws IOException {
        String pom = Files.readString(GoldenFile.repo().resolve("cli/pom.xml"));
        Matcher first = Pattern.compile("<dependency>\\s*<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>")
                .matcher(pom);
        assertTrue(first.find(), "cli/pom.xml has no dependency");
        assertEquals("io.cocoatly:cocoatly-logging", first.group(1) + ":" + first.group(2));
    }

    @Test
    void cocoatlyJarAndTheLoggingJarDeclareTheSameProvider() throws Exception {
        Path repo = GoldenFile.repo();
        List<String> cli = providers(repo.resolve("cli/src/main/resources").resolve(SERVICE));
        List<String> logging = providers(repo.resolve("logging/src/main/resources").resolve(SERVICE));
        assertEquals(List.of("io.cocoatly.logging.JulLoggerFinder"), cli);
        assertEquals(cli, logging);
        assertTrue(System.LoggerFinder.class.isAssignableFrom(Class.forName(cli.get(0))));
    }

    /** The provider names of a service file: its lines without comments and blanks. */
    private static List<String> providers(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(line -> line.replaceAll("#.*", "").strip())
                .filter(line -> !line.isEmpty()).toList();
    }
}
