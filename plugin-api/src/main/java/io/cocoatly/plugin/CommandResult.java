package io.cocoatly.plugin;

/**
 * How a {@link PluginCommand} ended, when it did not throw.
 *
 * @param negative whether the answer is a well-formed "no" (exit 1, as {@code check} finding
 *                 uninstallable versions); the envelope still has {@code "success": true}
 * @param data     what {@code --json} writes as the envelope's {@code data}: {@code null}, a
 *                 {@link Boolean}, {@link Number} or {@link String}, or a {@link java.util.List} or
 *                 {@link java.util.Map} with {@link String} keys of those, nested
 */
public record CommandResult(boolean negative, Object data) {

    /** Done, exit 0. */
    public static CommandResult ok(Object data) {
        return new CommandResult(false, data);
    }

    /** A negative answer, exit 1. */
    public static CommandResult negative(Object data) {
        return new CommandResult(true, data);
    }
}
