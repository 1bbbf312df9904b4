package io.cocoatly.logging;

import java.util.Objects;
import java.util.ResourceBundle;
import java.util.logging.Logger;

/**
 * A {@link System.LoggerFinder} whose loggers write to the {@code java.util.logging} logger of the same
 * name: what the JDK does without a custom finder, so messages, levels, handlers and
 * {@code logging.properties} behave as they would without this class.
 *
 * <p>Why it exists: the first {@code java.util.logging.Logger} a process asks for (sat4j asks for one
 * whenever it builds a solver) makes the JDK check whether the class path declares a
 * {@code System.LoggerFinder} service. That check reads one declaration past the first it finds, so
 * with none, or one, it opens every jar of the class path: 79 for the launcher. This provider is
 * declared in the first two entries of the launcher's class path (this module's jar, the first in
 * {@code cocoatly.jar}'s {@code Class-Path}, and {@code cocoatly.jar} itself), so the check opens those
 * two and stops: a {@code cocoatly check} of 718 versions went from 365 to 341 ms
 * (docs/performance-startup.md).
 */
public final class JulLoggerFinder extends System.LoggerFinder {

    /** Created by the JDK's {@link java.util.ServiceLoader}; public for that reason alone. */
    public JulLoggerFinder() {
    }

    /**
     * The logger named {@code name}: the {@code java.util.logging} logger of that name behind a
     * {@link System.Logger}. The module is not used: {@code java.util.logging} names loggers, it does
     * not scope them by module.
     */
    @Override
    public System.Logger getLogger(String name, Module module) {
        Objects.requireNonNull(module, "module");
        return new JulLogger(Logger.getLogger(Objects.requireNonNull(name, "name")));
    }

    /**
     * The {@code java.util.logging} level for a {@link System.Logger.Level}, as the JDK's own bridge maps
     * it ({@code System.Logger.Level}'s documentation lists the same pairs).
     */
    static java.util.logging.Level julLevel(System.Logger.Level level) {
        return switch (level) {
            case ALL -> java.util.logging.Level.ALL;
            case TRACE -> java.util.logging.Level.FINER;
            case DEBUG -> java.util.logging.Level.FINE;
            case INFO -> java.util.logging.Level.INFO;
            case WARNING -> java.util.logging.Level.WARNING;
            case ERROR -> java.util.logging.Level.SEVERE;
            case OFF -> java.util.logging.Level.OFF;
        };
    }

    /**
     * A {@link System.Logger} over one {@code java.util.logging} logger. It implements
     * {@code System.Logger}, so {@code java.util.logging} skips its frames when it looks for the caller
     * to name in a record.
     */
    private record JulLogger(Logger logger) implements System.Logger {

        @Override
        public String getName() {
            return logger.getName();
        }

        @Override
        public boolean isLoggable(Level level) {
            return logger.isLoggable(julLevel(level));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            java.util.logging.Level julLevel = julLevel(level);
            if (logger.isLoggable(julLevel)) {
                logger.logrb(julLevel, bundle, message, thrown);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            java.util.logging.Level julLevel = julLevel(level);
            if (logger.isLoggable(julLevel)) {
                logger.logrb(julLevel, bundle, format, params);
            }
        }
    }
}
