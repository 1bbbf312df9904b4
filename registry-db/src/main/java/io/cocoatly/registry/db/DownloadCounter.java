package io.cocoatly.registry.db;

import io.cocoatly.model.PackageId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts artifact downloads in memory and writes them in batches under the service role, as
 * crates.io did: never a write per download, so a burst of downloads costs the database nothing more.
 *
 * <p>Only clients whose {@code User-Agent} starts with {@value #COUNTED_AGENT} count (crates.io counts
 * only {@code cargo/}): browsers, crawlers and mirrors do not inflate the numbers. {@link #count}
 * returns at once: a {@link LongAdder} per (version, UTC day), lock-free once that pair has been
 * seen (only the first download of a version on a day takes the map's bin lock), and a lock-free
 * queue of events. A daemon thread {@link #flush flushes} every {@code flushEvery}: it adds the counts
 * to {@code download_stats} and appends the events to the day partitions of {@code download_events},
 * in one transaction; once a day (and at start) it drops the partitions older than {@code eventsDays}.
 *
 * <p>A flush that fails (the database is away) puts everything back for the next one: counts are never
 * lost while the process lives. Events are an audit trail of bounded size in memory: beyond
 * {@code maxPendingEvents} waiting, new ones are dropped (and counted in {@link #droppedEvents}), the
 * download counts still exact. {@link #close} flushes once more.
 */
final class DownloadCounter implements AutoCloseable {

    /** The prefix of the user agents that count. */
    static final String COUNTED_AGENT = "cocoatly/";
    /** The events kept in memory while the database is away: at ~200 bytes each, 20 MB at most. */
    static final int MAX_PENDING_EVENTS = 100_000;

    private final Database database;
    private final Clock clock;
    private final int eventsDays;
    private final int maxPendingEvents;
    private final ConcurrentHashMap<VersionDay, LongAdder> counts = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<DownloadEvent> events = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingEvents = new AtomicInteger();
    private final AtomicLong droppedEvents = new AtomicLong();
    private final ScheduledExecutorService flusher;
    // Both touched only inside the synchronized flush().
    private final Set<LocalDate> partitionsMade = new HashSet<>();
    private Optional<LocalDate> retainedOn = Optional.empty();

    /** Counts for the registry in {@code database}, flushing every {@code flushEvery}, keeping {@code eventsDays} days of events. */
    DownloadCounter(Database database, Duration flushEvery, int eventsDays) {
        this(database, flushEvery, eventsDays, Clock.systemUTC(), MAX_PENDING_EVENTS);
    }

    /** As above, on {@code clock} and with room for {@code maxPendingEvents} events: for tests. */
    DownloadCounter(Database database, Duration flushEvery, int eventsDays, Clock clock, int maxPendingEvents) {
        if (eventsDays < 1 || maxPendingEvents < 0) {
            throw new IllegalArgumentException("eventsDays must be positive and maxPendingEvents not negative");
        }
        this.database = database;
        this.clock = clock;
        this.eventsDays = eventsDays;
        this.maxPendingEvents = maxPendingEvents;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "registry-downloads");
            t.setDaemon(true);
            return t;
        });
        // The retention at start, at once; the first flush a period later, when there is something to write
        // (a flush at once would only race with the first counts for nothing).
        flusher.execute(() -> retainQuietly(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)));
        flusher.scheduleWithFixedDelay(this::flushQuietly, flushEvery.toMillis(), flushEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Counts one download if {@code userAgent} is a cocoatly client's; returns at once and never throws. */
    void count(PackageId id, String clientAddress, String userAgent) {
        if (id == null || userAgent == null || !userAgent.startsWith(COUNTED_AGENT)) {
            return;
        }
        Instant now = clock.instant();
        add(new VersionDay(id, LocalDate.ofInstant(now, ZoneOffset.UTC)), 1);
        offer(DownloadEvent.of(id, now, clientAddress == null ? "" : clientAddress, userAgent));
    }

    /**
     * Writes what is counted so far in one transaction under the service role, then applies the
     * retention if it has not run today. On failure everything taken is put back for the next flush.
     *
     * @return whether the write succeeded (nothing to write counts as success)
     */
    synchronized boolean flush() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate keepFrom = today.minusDays(eventsDays);
        Map<VersionDay, Long> batch = drainCounts(today);
        List<DownloadEvent> taken = drainEvents();
        // Events older than the retention would find no partition (and would be dropped anyway).
        List<DownloadEvent> kept = taken.stream().filter(e -> !e.day().isBefore(keepFrom)).toList();
        Set<LocalDate> days = new TreeSet<>();
        kept.forEach(e -> days.add(e.day()));
        days.removeAll(partitionsMade);
        if (!batch.isEmpty() || !kept.isEmpty()) {
            if (!write(batch, kept, days)) {
                return false;
            }
        }
        retainQuietly(today);
        return true;
    }

    /** Drops the event partitions older than the retention, once a day; a failure is tried again with the next flush. */
    private synchronized void retainQuietly(LocalDate today) {
        if (retainedOn.map(d -> !d.equals(today)).orElse(true)) {
            LocalDate keepFrom = today.minusDays(eventsDays);
            try {
                database.write(Access.SERVICE, c -> DownloadWrites.dropPartitionsBefore(c, keepFrom));
                retainedOn = Optional.of(today);
                partitionsMade.removeIf(d -> d.isBefore(keepFrom));
            } catch (RuntimeException e) {
                // Tried again with the next flush; the counts are written already.
            }
        }
    }

    private boolean write(Map<VersionDay, Long> batch, List<DownloadEvent> kept, Set<LocalDate> days) {
        try {
            database.write(Access.SERVICE, c -> {
                DownloadWrites.ensurePartitions(c, days);
                DownloadWrites.addCounts(c, batch);
                DownloadWrites.appendEvents(c, kept);
                return null;
            });
            partitionsMade.addAll(days);
        } catch (RuntimeException e) {
            batch.forEach(this::add);
            kept.forEach(this::offer);
            // A partition dropped behind our back (a restore, another server's retention) is made again.
            partitionsMade.clear();
            return false;
        }
        return true;
    }

    /** How many events were dropped because too many were waiting for the database. */
    long droppedEvents() {
        return droppedEvents.get();
    }

    /** Stops the flushing thread (letting a flush in progress finish) and writes what is counted. */
    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            // flush() keeps what it could not write; a scheduled task that throws would never run again.
        }
    }

    private void add(VersionDay key, long n) {
        LongAdder adder = counts.computeIfAbsent(key, k -> new LongAdder());
        adder.add(n);
        if (counts.get(key) != adder) {
            // drainCounts removed this adder between our lookup and our add: whatever it still holds is
            // taken by exactly one of us (sumThenReset takes each cell atomically) and counted again.
            long late = adder.sumThenReset();
            if (late > 0) {
                add(key, late);
            }
        }
    }

    private Map<VersionDay, Long> drainCounts(LocalDate today) {
        Map<VersionDay, Long> batch = new LinkedHashMap<>();
        for (Map.Entry<VersionDay, LongAdder> e : counts.entrySet()) {
            long n = e.getValue().sumThenReset();
            // Past days get no new downloads: their adders go, so the map holds about a day of keys.
            if (e.getKey().day().isBefore(today) && counts.remove(e.getKey(), e.getValue())) {
                n += e.getValue().sumThenReset();
            }
            if (n > 0) {
                batch.put(e.getKey(), n);
            }
        }
        return batch;
    }

    private void offer(DownloadEvent event) {
        if (pendingEvents.incrementAndGet() > maxPendingEvents) {
            pendingEvents.decrementAndGet();
            droppedEvents.incrementAndGet();
            return;
        }
        events.add(event);
    }

    private List<DownloadEvent> drainEvents() {
        List<DownloadEvent> taken = new ArrayList<>();
        for (DownloadEvent e; (e = events.poll()) != null; ) {
            pendingEvents.decrementAndGet();
            taken.add(e);
        }
        return taken;
    }
}
