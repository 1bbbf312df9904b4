package io.cocoatly.config;

import io.cocoatly.json.AtomicFiles;
import io.cocoatly.json.FileModes;
import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.JsonObject;
import io.cocoatly.json.Typos;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sets and unsets one setting in a configuration file: the home's {@code config.json} or a project's
 * {@code .cocoatly/config.json}. A value is given as text and read exactly as an environment
 * variable's ({@code 30}, {@code true}, JSON text for arrays), then the whole new file is checked as
 * any command would read it, and only a valid file is written, atomically. Every other key, unknown
 * ones included, stays where it was, in its order; the file is written in the canonical two-space form.
 */
public final class ConfigEditor {

    /** The code of an error naming a setting that does not exist. */
    public static final String UNKNOWN_KEY = "unknown-config-key";

    private final Home home;
    private final Path file;
    private final Optional<Path> project;

    private ConfigEditor(Home home, Path file, Optional<Path> project) {
        this.home = home;
        this.file = file;
        this.project = project;
    }

    /** Edits {@code <home>/config.json}. */
    public static ConfigEditor home(Home home) {
        return new ConfigEditor(home, home.configFile(), Optional.empty());
    }

    /** Edits {@code <projectDir>/.cocoatly/config.json}; {@code home} is where its file is checked from. */
    public static ConfigEditor project(Home home, Path projectDir) {
        Path dir = projectDir.toAbsolutePath().normalize();
        return new ConfigEditor(home, ConfigLayers.projectFile(dir), Optional.of(dir));
    }

    /** The file this editor changes. */
    public Path file() {
        return file;
    }

    /**
     * Sets {@code key} to the value {@code text} stands for.
     *
     * @throws CocoatlyException {@code unknown-config-key} for a key that is not a setting, or one a
     *     project may not set; {@code invalid-config} (nothing written) for a value the setting does not
     *     take or a file that is malformed; {@code config-write-failed} if the file cannot be written
     */
    public ConfigEdit set(String key, String text) {
        ConfigKeys.Key known = known(key);
        if (project.isPresent() && ConfigLayer.userOnly(known)) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, UNKNOWN_KEY, "a project's config may not set `"
                    + known.id() + "`: " + file, List.of("set it in the home's config.json: `cocoatly config set --global "
                    + known.id() + " ...`"));
        }
        String path = JsonCursor.keyPath(JsonCursor.keyPath("$", known.section()), known.name());
        JsonCursor value = ConfigText.value(known, text, new ConfigOrigin.File(file, path));
        Optional<JsonCursor> current = read();
        JsonObject root = current.map(JsonObject::copyOf).orElseGet(JsonObject::create);
        Optional<JsonCursor> section = current.flatMap(c -> c.optional(known.section()));
        Optional<String> before = section.flatMap(s -> s.optional(known.name())).map(JsonCursor::compactText);
        if (before.isPresent() && before.get().equals(value.compactText())) {
            return new ConfigEdit(file, known.id(), before, before, false);
        }
        JsonObject edited = section.map(JsonObject::copyOf).orElseGet(JsonObject::create);
        edited.set(known.name(), value);
        root.set(known.section(), edited);
        write(root.canonicalBytes());
        return new ConfigEdit(file, known.id(), before, Optional.of(value.compactText()), true);
    }

    /**
     * Removes {@code key} from the file, and its section if nothing is left in it. A key this Cocoatly
     * does not know may be removed too when the file has it (a typo, or a newer version's key).
     *
     * @throws CocoatlyException {@code unknown-config-key} for a key that is neither a setting nor in
     *     the file; {@code invalid-config} if the file is malformed or would be; {@code config-write-failed}
     */
    public ConfigEdit unset(String key) {
        Optional<JsonCursor> current = read();
        int dot = key.indexOf('.');
        Optional<JsonCursor> section = dot < 0 ? Optional.empty()
                : current.flatMap(c -> c.optional(key.substring(0, dot)));
        Optional<JsonCursor> at = section.flatMap(s -> s.object().optional(key.substring(dot + 1)));
        if (at.isEmpty()) {
            String id = known(key).id();
            return new ConfigEdit(file, id, Optional.empty(), Optional.empty(), false);
        }
        JsonObject root = JsonObject.copyOf(current.get());
        JsonObject edited = JsonObject.copyOf(section.get());
        edited.remove(key.substring(dot + 1));
        if (edited.isEmpty()) {
            root.remove(key.substring(0, dot));
        } else {
            root.set(key.substring(0, dot), edited);
        }
        write(root.canonicalBytes());
        // A token someone wrote into the file (which the reader refuses to use) is removed, never shown.
        boolean secret = key.equals("token") || key.endsWith(".token");
        return new ConfigEdit(file, key, Optional.of(secret ? "\"***\"" : at.get().compactText()), Optional.empty(), true);
    }

    /**
     * The setting {@code key} names.
     *
     * @throws CocoatlyException {@code unknown-config-key} (invalid input) with the closest setting as a hint
     */
    static ConfigKeys.Key known(String key) {
        if (key.equals("token") || key.endsWith(".token")) {
            // As the reader refuses a token in a file: a secret never goes into config.json.
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, UNKNOWN_KEY, "a token is never a setting: `" + key + "`",
                    List.of("`cocoatly login` keeps it in the home's credentials.json, or set "
                            + ConfigLayers.TOKEN_VARIABLE));
        }
        return ConfigKeys.find(key).orElseThrow(() -> {
            List<String> ids = new ArrayList<>();
            ConfigKeys.all().forEach(k -> ids.add(k.id()));
            String hint = Typos.closestOrAffixed(key, ids).map(k -> "did you mean `" + k + "`?")
                    .orElse("`cocoatly config list` shows every setting");
            return new CocoatlyException(ErrorKind.INVALID_INPUT, UNKNOWN_KEY, "unknown setting `" + key + "`",
                    List.of(hint));
        });
    }

    // The file as it is; a missing or blank file is no settings at all, as for the reader.
    private Optional<JsonCursor> read() {
        Optional<byte[]> bytes = ConfigReader.readFile(file);
        if (bytes.isEmpty() || new String(bytes.get(), StandardCharsets.UTF_8).isBlank()) {
            return Optional.empty();
        }
        return Optional.of(ConfigReader.parseFile(bytes.get(), file).object());
    }

    // Checked as a command would read it, then written: a value the reader refuses never reaches the disk.
    private void write(byte[] bytes) {
        JsonCursor root = ConfigReader.parseFile(bytes, file);
        List<ConfigWarning> ignored = new ArrayList<>();
        ConfigLayer layer = project.isPresent() ? ConfigLayer.projectFile(root, file, project.get(), ignored)
                : ConfigLayer.file(root, file, home.root(), ignored);
        ConfigReader.merge(home, List.of(layer), ignored);
        try {
            if (project.isPresent()) {
                Files.createDirectories(file.getParent());
            } else {
                home.create();
            }
            Path target = FileModes.editTarget(file);
            AtomicFiles.write(target, bytes, FileModes.existingOrShared(target));
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "config-write-failed", "cannot write `" + file + "`: "
                    + (e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage()),
                    List.of("check the permissions of `" + file.getParent() + "`"), e);
        }
    }
}
