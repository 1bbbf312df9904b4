package io.cocoatly.cli;

import io.cocoatly.config.ConfigEdit;
import io.cocoatly.config.ConfigEditor;
import io.cocoatly.config.Home;
import io.cocoatly.json.AtomicFiles;
import io.cocoatly.json.FileModes;
import io.cocoatly.json.JsonArray;
import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.JsonObject;
import io.cocoatly.json.StrictJson;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code plugins.disabled} of the home's {@code config.json}: read for every run that needs its
 * plugins, written by {@code cocoatly plugins enable|disable}. Only the home's file counts: a
 * project's config may not set {@code plugins.*}, so a cloned repository cannot switch a policy
 * plugin off.
 *
 * <p>Merge note: the {@code config} module learns the {@code plugins} section on another branch. Until
 * then this reads the raw key ({@link #disabled(Context)}, one method: becomes {@code config.plugins().disabled()})
 * and writes through {@link ConfigEditor}, falling back to the same atomic, canonical edit itself while
 * the editor does not know the key yet ({@link #rawSet}, then dead and to be deleted).
 */
final class PluginConfig {

    /** The setting's id, as {@code cocoatly config} and errors name it. */
    static final String DISABLED = "plugins.disabled";

    private PluginConfig() {
    }

    /**
     * The plugin names {@code plugins.disabled} lists for the run of {@code context}: the home's
     * {@code config.json}; none when the file or the key is missing.
     *
     * @throws CocoatlyException {@code invalid-config} if the file is malformed or the key is not an
     *     array of strings
     */
    static Set<String> disabled(Context context) {
        // Merge note: becomes the layered setting (home file and COCOATLY_PLUGINS_DISABLED), e.g.
        // CommandSettings.load(context, ...).config().plugins().disabled(), once `config` knows it.
        return disabled(CommandSettings.home(context));
    }

    /** {@code plugins.disabled} as the home's {@code config.json} says it. */
    static Set<String> disabled(Home home) {
        Path file = home.configFile();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Set.of();
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "config-unreadable", "cannot read `" + file + "`: "
                    + e.getMessage(), List.of(), e);
        }
        if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return Set.of();
        }
        Optional<JsonCursor> list = StrictJson.parse(bytes, file, "invalid-config").object().optional("plugins")
                .flatMap(p -> p.object().optional("disabled"));
        Set<String> names = new LinkedHashSet<>();
        for (JsonCursor name : list.map(JsonCursor::elements).orElse(List.of())) {
            names.add(name.string());
        }
        return java.util.Collections.unmodifiableSet(names);
    }

    /**
     * Writes {@code names} as {@code plugins.disabled} of the home's {@code config.json}, atomically,
     * every other key kept; an empty list removes the key (the default).
     *
     * @return what was done to the file
     */
    static ConfigEdit writeDisabled(Home home, Set<String> names) {
        ConfigEditor editor = ConfigEditor.home(home);
        if (names.isEmpty()) {
            // unset removes a key the file has even when the editor does not know it.
            return editor.unset(DISABLED);
        }
        try {
            return editor.set(DISABLED, text(names));
        } catch (CocoatlyException e) {
            if (!e.code().equals(ConfigEditor.UNKNOWN_KEY)) {
                throw e;
            }
            JsonArray array = JsonArray.create();
            names.forEach(array::add);
            return rawSet(home, array);
        }
    }

    // The editor's own steps (read, copy every other key, canonical bytes, atomic write) for the one
    // key it does not know yet; see the merge note above.
    private static ConfigEdit rawSet(Home home, JsonArray value) {
        Path file = home.configFile();
        Set<String> before = disabled(home);
        JsonObject root;
        JsonObject section;
        try {
            byte[] bytes = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
            boolean blank = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank();
            JsonCursor current = blank ? null : StrictJson.parse(bytes, file, "invalid-config").object();
            root = current == null ? JsonObject.create() : JsonObject.copyOf(current);
            section = current == null ? JsonObject.create()
                    : current.optional("plugins").map(JsonObject::copyOf).orElseGet(JsonObject::create);
            section.set("disabled", value);
            root.set("plugins", section);
            home.create();
            Path target = FileModes.editTarget(file);
            AtomicFiles.write(target, root.canonicalBytes(), FileModes.existingOrShared(target));
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "config-write-failed", "cannot write `" + file + "`: "
                    + e.getMessage(), List.of("check the permissions of `" + file.getParent() + "`"), e);
        }
        return new ConfigEdit(file, DISABLED, before.isEmpty() ? Optional.empty() : Optional.of(text(before)),
                Optional.of(text(disabled(home))), true);
    }

    /** The names as one line of JSON, as {@code config set} takes an array and {@link ConfigEdit} shows it. */
    private static String text(Set<String> names) {
        try {
            return Json.mapper().writeValueAsString(new ArrayList<>(names));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
