package io.cocoatly.cli;

import io.cocoatly.config.Home;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A plugin as found on disk, before anything is loaded: a file {@code <home>/plugins/NAME.jar}. The
 * name is the file's, so that enabling, disabling and ordering never need to open the jar.
 *
 * @param name the plugin's name, the file name without {@code .jar}
 * @param path the jar
 */
record PluginJar(String name, Path path) {

    /** What a plugin's jar is called: a command-like name and {@code .jar}. */
    static final Pattern FILE_NAME = Pattern.compile("([a-z0-9][a-z0-9._-]*)\\.jar");

    PluginJar {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
    }

    /**
     * The jars in {@code <home>/plugins/}, sorted by name: the order their hooks run in. Other files
     * there (the external commands' executables, notes) are not plugins and are skipped; a missing
     * directory has none. One directory listing, nothing opened: all that a run without plugins pays.
     */
    static List<PluginJar> find(Home home) {
        Path dir = home.pluginsDir();
        List<PluginJar> jars = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return jars;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path p : entries) {
                var m = FILE_NAME.matcher(p.getFileName().toString());
                if (m.matches() && Files.isRegularFile(p)) {
                    jars.add(new PluginJar(m.group(1), p));
                }
            }
        } catch (IOException e) {
            // An unreadable plugins directory is reported by whoever needs a plugin from it.
            return jars;
        }
        jars.sort((a, b) -> a.name().compareTo(b.name()));
        return jars;
    }
}
