package io.cocoatly.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The finder's loggers write to {@code java.util.logging} as the JDK's own bridge does. */
class JulLoggerFinderTest {

    private static final String NAME = "io.cocoatly.logging.test";

    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            // The caller is inferred lazily, from the stack of the first call: here, as a formatter would.
            record.getSourceClassName();
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Logger julLogger;

    @BeforeEach
    void listen() {
        julLogger = Logger.getLogger(NAME);
        julLogger.setUseParentHandlers(false);
        julLogger.addHandler(handler);
        julLogger.setLevel(Level.FINE);
    }

    @AfterEach
    void stopListening() {
        julLogger.removeHandler(handler);
        julLogger.setUseParentHandlers(true);
        julLogger.setLevel(null);
    }

    private System.Logger logger() {
        return new JulLoggerFinder().getLogger(NAME, getClass().getModule());
    }

    @Test
    void theJdkFindsItAsTheClassPathsLoggerFinder() {
        // The service file this module ships is the declaration the JDK's look-up stops at.
        ServiceLoader<System.LoggerFinder> loader = ServiceLoader.load(System.LoggerFinder.class);
        assertInstanceOf(JulLoggerFinder.class, loader.findFirst().orElseThrow());
        assertInstanceOf(JulLoggerFinder.class, System.LoggerFinder.getLoggerFinder());
    }

    @Test
    void levelsMapAsTheJdksBridgeMapsThem() {
        assertEquals(Level.ALL, JulLoggerFinder.julLevel(System.Logger.Level.ALL));
        assertEquals(Level.FINER, JulLoggerFinder.julLevel(System.Logger.Level.TRACE));
        assertEquals(Level.FINE, JulLoggerFinder.julLevel(System.Logger.Level.DEBUG));
        assertEquals(Level.INFO, JulLoggerFinder.julLevel(System.Logger.Level.INFO));
        assertEquals(Level.WARNING, JulLoggerFinder.julLevel(System.Logger.Level.WARNING));
        assertEquals(Level.SEVERE, JulLoggerFinder.julLevel(System.Logger.Level.ERROR));
        assertEquals(Level.OFF, JulLoggerFinder.julLevel(System.Logger.Level.OFF));
    }

    @Test
    void aMessageReachesTheJulLoggerOfTheSameNameWithItsLevelParametersAndCaller() {
        System.Logger logger = logger();
        assertEquals(NAME, logger.getName());
        logger.log(System.Logger.Level.WARNING, "{0} of {1} jars", 2, 79);
        assertEquals(1, records.size());
        LogRecord record = records.get(0);
        assertEquals(Level.WARNING, record.getLevel());
        assertEquals(NAME, record.getLoggerName());
        assertEquals("{0} of {1} jars", record.getMessage());
        assertEquals(List.of(2, 79), List.of(record.getParameters()));
        // The bridge's own frames are skipped: the record names the code that logged.
        assertEquals(getClass().getName(), record.getSourceClassName());
    }

    @Test
    void aThrowableTravelsWithItsMessage() {
        IllegalStateException failure = new IllegalStateException("boom");
        logger().log(System.Logger.Level.ERROR, "failed", failure);
        assertEquals(1, records.size());
        assertEquals(Level.SEVERE, records.get(0).getLevel());
        assertSame(failure, records.get(0).getThrown());
    }

    @Test
    void theJulLoggersLevelDecidesWhatIsLoggable() {
        System.Logger logger = logger();
        assertTrue(logger.isLoggable(System.Logger.Level.DEBUG));
        assertFalse(logger.isLoggable(System.Logger.Level.TRACE));
        logger.log(System.Logger.Level.TRACE, "not published");
        logger.log(System.Logger.Level.DEBUG, "published");
        assertEquals(List.of("published"), records.stream().map(LogRecord::getMessage).toList());
        julLogger.setLevel(Level.OFF);
        assertFalse(logger.isLoggable(System.Logger.Level.ERROR));
    }
}
