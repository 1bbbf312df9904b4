package io.cocoatly.cli;

import io.cocoatly.config.ConfigEdit;
import io.cocoatly.config.ConfigEditor;
import io.cocoatly.config.ConfigLayers;
import io.cocoatly.config.Home;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code plugins.disabled}: read for every run that needs its plugins (the home's {@code config.json}
 * and {@code COCOATLY_PLUGINS_DISABLED}), written by {@code cocoatly plugins enable|disable} into the
 * home's file. A project's config may not set {@code plugins.*}, so a cloned repository cannot switch
 * a policy plugin off.
 */
final class PluginConfig {

    /** The setting's id, as {@code cocoatly config} and errors name it. */
    static final String DISABLED = "plugins.disabled";

    private PluginConfig() {
    }

    /**
     * The plugin names {@code plugins.disabled} lists for the run of {@code context}, as every
     * setting is layered (the home's file, then the environment).
     *
     * @throws io.cocoatly.model.CocoatlyException {@code invalid-config} if the file is malformed
     */
    static Set<String> disabled(Context context) {
        return new LinkedHashSet<>(ConfigLayers.of(CommandSettings.home(context))
                .withEnvironment(context.env(), context.cwd()).read().plugins().disabled());
    }

    /**
     * The names the home's own {@code config.json} lists, without the environment: what
     * {@code plugins enable|disable} edit, so that a list set for one shell never lands in the file.
     */
    static Set<String> homeDisabled(Home home) {
        return new LinkedHashSet<>(ConfigLayers.of(home).read().plugins().disabled());
    }

    /**
     * Writes {@code names} as {@code plugins.disabled} of the home's {@code config.json}, atomically,
     * every other key kept; an empty list removes the key (the default).
     *
     * @return what was done to the file
     */
    static ConfigEdit writeDisabled(Home home, Set<String> names) {
        ConfigEditor editor = ConfigEditor.home(home);
        return names.isEmpty() ? editor.unset(DISABLED) : editor.set(DISABLED, text(names));
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
