package io.cocoatly.registry.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.PackageId;
import io.cocoatly.model.Version;
import io.cocoatly.registry.server.ApiException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DownloadCounter against a real PostgreSQL: each test on a fresh database seeded (as the superuser)
 * with {@code http} 1.0.0 and 1.1.0+build.7 and {@code left-pad} 1.0.0. Flushes are called by the
 * tests (the counter's own flusher runs once an hour here), so nothing depends on timing.
 */
class DownloadCounterTest {

    private static final String AGENT = "cocoatly/0.1.0 (linux; java 17)";
    private static final PackageId HTTP_1 = PackageId.of("http", "1.0.0");
    private static final PackageId HTTP_11 = PackageId.of("http", "1.1.0");
    private static final PackageId LEFT_PAD = PackageId.of("left-pad", "1.0.0");
    private static final Instant MARCH_1 = Instant.parse("2026-03-01T10:00:00Z");

    private EmbeddedDatabase.Urls urls;
    private Database database;
    private final List<DownloadCounter> counters = new ArrayList<>();

    @BeforeEach
    void seed() throws SQLException {
        urls = TestDatabases.fresh();
        database = Database.open(urls.server(), Optional.empty(), 4);
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO packages (name) VALUES ('http'), ('left-pad')");
        }
        version("http", "1.0.0");
        version("http", "1.1.0+build.7");
        version("left-pad", "1.0.0");
    }

    @AfterEach
    void close() {
        counters.forEach(DownloadCounter::close);
        database.close();
    }

    @Test
    void countsAppearAfterFlushAndUnknownVersionsAreSkipped() throws SQLException {
        DownloadCounter counter = counter(Clock.fixed(MARCH_1, ZoneOffset.UTC), 90);
        for (int i = 0; i < 3; i++) {
            counter.count(HTTP_1, "203.0.113.9", AGENT);
        }
        counter.count(HTTP_11, "2001:db8::1", AGENT);
        counter.count(LEFT_PAD, "198.51.100.7", AGENT);
        counter.count(PackageId.of("http", "9.9.9"), "203.0.113.9", AGENT);
        assertEquals(0, stats("http", "1.0.0"));

        assertTrue(counter.flush());

        assertEquals(3, stats("http", "1.0.0"));
        assertEquals(1, stats("http", "1.1.0+build.7"), "found by the version without build metadata");
        assertEquals(1, stats("left-pad", "1.0.0"));
        assertEquals(1, longQuery("SELECT count(*) FROM download_events WHERE ip = '2001:db8::1' AND user_agent = '" + AGENT + "'"));
        assertEquals(5, longQuery("SELECT count(*) FROM download_events"));
        assertEquals(5, longQuery("SELECT sum(downloads) FROM download_stats WHERE day = '2026-03-01'"));

        counter.count(HTTP_1, "203.0.113.9", AGENT);
        assertTrue(counter.flush());
        assertEquals(4, stats("http", "1.0.0"), "the next flush adds to the day's row");
    }

    @Test
    void onlyCocoatlyUserAgentsCount() throws SQLException {
        DownloadCounter counter = counter(Clock.fixed(MARCH_1, ZoneOffset.UTC), 90);
        for (String agent : List.of("cargo/1.80.0", "Mozilla/5.0", "", "Cocoatly/0.1.0", "cocoatly", "curl/8.0 cocoatly/1")) {
            counter.count(HTTP_1, "203.0.113.9", agent);
        }
        counter.count(HTTP_1, "203.0.113.9", null);
        assertTrue(counter.flush());
        assertEquals(0, longQuery("SELECT count(*) FROM download_stats"));
        assertEquals(0, longQuery("SELECT count(*) FROM download_events"));

        counter.count(HTTP_1, "not an address", "cocoatly/0.2.0");
        assertTrue(counter.flush());
        assertEquals(1, stats("http", "1.0.0"));
        assertEquals(1, longQuery("SELECT count(*) FROM download_events WHERE ip IS NULL"), "an address that is not an IP is kept as NULL");
    }

    @Test
    void concurrentCountingSumsExactly() throws Exception {
        DownloadCounter counter = counter(Clock.systemUTC(), 90);
        int threads = 8;
        int perThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean counting = new AtomicBoolean(true);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    counter.count(List.of(HTTP_1, HTTP_11, LEFT_PAD).get((thread + i) % 3), "127.0.0.1", AGENT);
                }
                return null;
            }));
        }
        // Flushing while the threads count: every count lands in exactly one flush.
        Thread flushing = new Thread(() -> {
            while (counting.get()) {
                counter.flush();
            }
        });
        flushing.start();
        start.countDown();
        for (Future<?> f : done) {
            f.get(2, TimeUnit.MINUTES);
        }
        counting.set(false);
        flushing.join();
        pool.shutdown();
        assertTrue(counter.flush());

        long total = (long) threads * perThread;
        assertEquals(total, longQuery("SELECT sum(downloads) FROM download_stats"));
        assertEquals(total, longQuery("SELECT count(*) FROM download_events"));
        long http1 = 0;
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                http1 += (t + i) % 3 == 0 ? 1 : 0;
            }
        }
        assertEquals(http1, stats("http", "1.0.0"));
    }

    @Test
    void eventsArePartitionedByDayAndOldPartitionsDropped() throws SQLException {
        MutableClock clock = new MutableClock(MARCH_1);
        DownloadCounter counter = counter(clock, 7);
        counter.count(HTTP_1, "203.0.113.9", AGENT);
        counter.count(HTTP_1, "203.0.113.9", AGENT);
        clock.at = MARCH_1.plus(Duration.ofDays(1));
        counter.count(HTTP_1, "203.0.113.9", AGENT);
        assertTrue(counter.flush());
        assertEquals(List.of("download_events_20260301", "download_events_20260302"), partitions());
        assertEquals(2, longQuery("SELECT count(*) FROM download_events_20260301"));
        assertEquals(1, longQuery("SELECT count(*) FROM download_events_20260302"));
        assertEquals(2, longQuery("SELECT downloads FROM download_stats WHERE day = '2026-03-01'"));

        // Eight days on, with seven kept: 1 March goes (before 2 March), the statistics stay.
        clock.at = MARCH_1.plus(Duration.ofDays(8));
        counter.count(LEFT_PAD, "203.0.113.9", AGENT);
        assertTrue(counter.flush());
        assertEquals(List.of("download_events_20260302", "download_events_20260309"), partitions());
        assertEquals(3, longQuery("SELECT sum(downloads) FROM download_stats WHERE version_id = " + versionId("http", "1.0.0")));

        // Counted on 9 March but flushed a month later: the count is written, the stale event is not.
        counter.count(HTTP_11, "203.0.113.9", AGENT);
        clock.at = MARCH_1.plus(Duration.ofDays(40));
        assertTrue(counter.flush());
        assertEquals(1, stats("http", "1.1.0+build.7"));
        assertEquals(List.of(), partitions());
    }

    @Test
    void aFlushDuringAnOutageIsRetriedLater() throws SQLException {
        DownloadCounter counter = counter(Clock.fixed(MARCH_1, ZoneOffset.UTC), 90);
        for (int i = 0; i < 5; i++) {
            counter.count(HTTP_1, "203.0.113.9", AGENT);
        }
        String name = urls.server().database();
        try (Connection admin = postgres();
             Statement s = admin.createStatement()) {
            s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            try {
                assertFalse(counter.flush(), "the database refuses connections");
                counter.count(HTTP_1, "203.0.113.9", AGENT);
                assertFalse(counter.flush());
            } finally {
                s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
            }
        }
        // The pool reconnects in its own time after the outage (seconds on a loaded machine): a later flush writes it all.
        boolean flushed = counter.flush();
        for (int i = 0; i < 60 && !flushed; i++) {
            sleep(250);
            flushed = counter.flush();
        }
        assertTrue(flushed, "a flush succeeds once the database is back");
        assertEquals(6, stats("http", "1.0.0"));
        assertEquals(6, longQuery("SELECT count(*) FROM download_events"));
    }

    @Test
    void eventsBeyondTheCapAreDroppedButCountsAreExact() throws SQLException {
        DownloadCounter counter = new DownloadCounter(database, Duration.ofHours(1), 90, Clock.fixed(MARCH_1, ZoneOffset.UTC), 3);
        counters.add(counter);
        for (int i = 0; i < 5; i++) {
            counter.count(HTTP_1, "203.0.113.9", AGENT);
        }
        assertEquals(2, counter.droppedEvents());
        assertTrue(counter.flush());
        assertEquals(5, stats("http", "1.0.0"));
        assertEquals(3, longQuery("SELECT count(*) FROM download_events"));
    }

    @Test
    void closeFlushes() throws SQLException {
        DownloadCounter counter = new DownloadCounter(database, Duration.ofHours(1), 90);
        counter.count(LEFT_PAD, "203.0.113.9", AGENT);
        counter.close();
        assertEquals(1, longQuery("SELECT sum(downloads) FROM download_stats"));
    }

    @Test
    void anonCannotReadOrWriteDownloadEvents() {
        for (String sql : List.of("SELECT count(*) FROM download_events",
                "INSERT INTO download_stats (version_id, day, downloads) VALUES (1, '2026-03-01', 1)",
                "SELECT ensure_download_partition('2026-03-01')")) {
            ApiException e = assertThrows(ApiException.class, () -> database.write(Access.ANONYMOUS, c -> {
                try (Statement s = c.createStatement()) {
                    return s.execute(sql);
                }
            }), sql);
            assertEquals(ApiException.Status.FORBIDDEN, e.status(), sql);
        }
        ApiException e = assertThrows(ApiException.class, () -> database.read(Access.ANONYMOUS, c -> {
            try (Statement s = c.createStatement()) {
                return s.execute("SELECT count(*) FROM download_events");
            }
        }));
        assertEquals(ApiException.Status.FORBIDDEN, e.status());
    }

    private DownloadCounter counter(Clock clock, int eventsDays) {
        DownloadCounter counter = new DownloadCounter(database, Duration.ofHours(1), eventsDays, clock, DownloadCounter.MAX_PENDING_EVENTS);
        counters.add(counter);
        return counter;
    }

    private void version(String name, String version) throws SQLException {
        try (Connection c = superuser(); PreparedStatement p = c.prepareStatement("INSERT INTO package_versions "
                + "(package_id, version, sort_key, prerelease) SELECT id, ?, ?, false FROM packages WHERE name = ?")) {
            p.setString(1, version);
            p.setBytes(2, VersionKey.of(Version.parse(version)));
            p.setString(3, name);
            assertEquals(1, p.executeUpdate());
        }
    }

    private long stats(String name, String version) throws SQLException {
        return longQuery("SELECT coalesce(sum(downloads), 0) FROM download_stats WHERE version_id = " + versionId(name, version));
    }

    private long versionId(String name, String version) throws SQLException {
        return longQuery("SELECT v.id FROM package_versions v JOIN packages p ON p.id = v.package_id WHERE p.name = '" + name
                + "' AND v.version = '" + version + "'");
    }

    private List<String> partitions() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = superuser(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " WHERE i.inhparent = 'download_events'::regclass ORDER BY 1")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }

    private long longQuery(String sql) throws SQLException {
        try (Connection c = superuser(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            assertTrue(r.next(), sql);
            return r.getLong(1);
        }
    }

    private Connection superuser() throws SQLException {
        DatabaseUrl url = TestDatabases.server().superuser(urls.server().database());
        return DriverManager.getConnection(url.jdbcUrl(), url.user(), null);
    }

    private Connection postgres() throws SQLException {
        DatabaseUrl url = TestDatabases.server().superuser("postgres");
        return DriverManager.getConnection(url.jdbcUrl(), url.user(), null);
    }

    /** A clock the test moves by days. */
    private static final class MutableClock extends Clock {
        volatile Instant at;

        MutableClock(Instant at) {
            this.at = at;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return at;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
