package io.cocoatly.registry.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens on channel {@value #CHANNEL}, where the schema's triggers announce at commit the name of
 * every package whose index file changed (and {@value #SETTINGS} for registry.json), on one
 * dedicated connection as the server's login role, in a daemon thread.
 *
 * <p>While the connection is up, {@link #live()} is true and a cached file is current unless a
 * notification said otherwise. When it is lost, {@link #live()} turns false and {@code onLost} runs
 * (the cache must then be dropped whole: notifications sent meanwhile are gone), and the thread
 * reconnects with exponential backoff; once {@code LISTEN} is in place again, {@code onBack} runs and
 * {@link #live()} turns true. An idle connection is probed every {@link #PROBE} so that a database
 * that went away silently is noticed.
 */
final class IndexListener implements AutoCloseable {

    /** The channel of V1__registry_schema.sql's triggers. */
    static final String CHANNEL = "cocoatly_index";
    /** The payload announcing a change of registry.json (':' is in no package name). */
    static final String SETTINGS = ":registry";
    /** How long one wait for notifications lasts before the connection is probed. */
    static final Duration PROBE = Duration.ofSeconds(5);
    /** The application name the listener's connection shows in pg_stat_activity. */
    static final String APPLICATION_NAME = "cocoatly-index-listener";

    private final DatabaseUrl url;
    private final Consumer<String> onChange;
    private final Runnable onLost;
    private final Runnable onBack;
    private final Duration firstRetry;
    private final Duration maxBackoff;
    private final Thread thread;
    private volatile boolean live;
    private volatile boolean closed;
    private volatile Connection connection;

    /**
     * Starts listening.
     *
     * @param url        the server's login role on the primary (notifications are not sent on a replica)
     * @param onChange   called with each payload, on the listener's thread
     * @param onLost     called when the connection is lost (or could not be made), after {@link #live()} turned false
     * @param onBack     called when listening again, before {@link #live()} turns true
     * @param firstRetry the wait before the first attempt to reconnect, doubled after each failure
     * @param maxBackoff the longest wait between two attempts to reconnect
     */
    IndexListener(DatabaseUrl url, Consumer<String> onChange, Runnable onLost, Runnable onBack, Duration firstRetry,
                  Duration maxBackoff) {
        this.url = url;
        this.onChange = onChange;
        this.onLost = onLost;
        this.onBack = onBack;
        this.firstRetry = firstRetry;
        this.maxBackoff = maxBackoff;
        this.thread = new Thread(this::run, "cocoatly-index-listener");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether notifications are being received now, so that a cached file that none invalidated is current. */
    boolean live() {
        return live;
    }

    private void run() {
        long backoff = firstRetry.toMillis();
        while (!closed) {
            try (Connection c = connect()) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                onBack.run();
                live = true;
                backoff = firstRetry.toMillis();
                listen(c);
            } catch (SQLException | RuntimeException e) {
                // Down or refused: the loop below waits and tries again, until closed.
            } finally {
                connection = null;
                // Not live first, so that requests revalidate from now on, then the cache goes.
                live = false;
                onLost.run();
            }
            if (!closed) {
                sleep(backoff);
                backoff = Math.min(backoff * 2, maxBackoff.toMillis());
            }
        }
    }

    private void listen(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        while (!closed) {
            PGNotification[] notifications = pg.getNotifications((int) PROBE.toMillis());
            if (notifications == null || notifications.length == 0) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
                continue;
            }
            for (PGNotification n : notifications) {
                onChange.accept(n.getParameter());
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", url.user());
        url.password().ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        Connection c = DriverManager.getConnection(url.jdbcUrl(), properties);
        c.setAutoCommit(true);
        return c;
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // close() interrupts the wait; the loop then sees closed.
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** Stops listening and closes the connection. */
    @Override
    public void close() {
        closed = true;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // Closing a broken connection: nothing left to release.
            }
        }
        thread.interrupt();
    }
}
