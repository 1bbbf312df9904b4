package io.cocoatly.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Plug-in hook commands from the {@code hooks} section, keyed by hook. Each command is an argument
 * vector run without a shell; parsed and exposed here, run by the installer.
 */
public record ConfigHooks(Map<Hook, List<String>> commands) {

    public ConfigHooks {
        EnumMap<Hook, List<String>> copy = new EnumMap<>(Hook.class);
        commands.forEach((hook, argv) -> copy.put(hook, List.copyOf(argv)));
        commands = Collections.unmodifiableMap(copy);
    }

    /** No hooks. */
    public static ConfigHooks none() {
        return new ConfigHooks(Map.of());
    }

    /** The command for {@code hook}, if one is configured. */
    public Optional<List<String>> command(Hook hook) {
        return Optional.ofNullable(commands.get(hook));
    }

    /** The points where a plug-in can run a command. */
    public enum Hook {
        ON_PRE_INSTALL, ON_POST_INSTALL, ON_PRE_UNINSTALL, ON_POST_UNINSTALL, ON_PACKAGE_UPDATE;

        /** The key in {@code config.json}, e.g. {@code on_pre_install}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The hook whose key is {@code key}, if any. */
        public static Optional<Hook> fromKey(String key) {
            for (Hook h : values()) {
                if (h.key().equals(key)) {
                    return Optional.of(h);
                }
            }
            return Optional.empty();
        }
    }
}
