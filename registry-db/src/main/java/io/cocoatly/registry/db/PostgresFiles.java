package io.cocoatly.registry.db;

import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.registry.CanonicalFiles;
import io.cocoatly.registry.RegistryEditor;
import io.cocoatly.registry.server.ArtifactFile;
import io.cocoatly.registry.server.RegistryFiles;
import io.cocoatly.registry.server.ServedFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The read protocol's files rendered from the database, byte-identical to what a directory registry
 * with the same packages serves ({@link CanonicalFiles}), and kept in memory.
 *
 * <p><b>Caching.</b> Each rendered file is kept with the revision it was rendered at; its strong ETag
 * is {@code "r<revision>-<16 hex of its SHA-256>"}, so it changes exactly when the package's versions
 * change (a publish, a yank: the schema's trigger bumps the revision) and two databases never share
 * a tag for different bytes. Every server keeps its copies current through an {@link IndexListener}
 * on channel {@code cocoatly_index}, where the schema announces each changed package at commit: a
 * notification drops that package's copy (and names.json's, for a name it does not list yet). So
 * while the listener is connected, an index file in memory is served without any database round
 * trip.
 *
 * <p><b>When the listener is down</b>, notifications may be missed: the whole cache is dropped, and
 * until the listener is back, every request for a cached index file first asks the database for the
 * package's revision with one cheap {@code SELECT revision FROM packages WHERE name = ?} (an index
 * lookup) and uses the copy only if it matches; names.json and registry.json are rendered afresh.
 * When the listener is back, the cache is dropped once more and trusted again.
 *
 * <p>A render that raced with a notification (its query may predate the change the notification
 * announces) is served but not kept: each notification moves an epoch on, and a copy is kept only if
 * the epoch did not move while it was rendered.
 *
 * <p>Artifacts are looked up in the same cached listing, so a known version's artifact costs no
 * database round trip either.
 *
 * <p>A known limit: with a read replica, renders read the replica, which may lag the primary's
 * notification; the copy kept is then the replica's older state until the package changes again.
 */
final class PostgresFiles implements RegistryFiles, AutoCloseable {

    private static final String INDEX_PREFIX = "index/";
    private static final String JSON = ".json";
    private static final String ARTIFACTS_PREFIX = "artifacts/";

    /** A rendered index file with the revision it shows, or a remembered absence ({@code file} null). */
    private record Cached(long revision, ServedFile file, Set<String> versions) {
    }

    /** names.json with the names it lists. */
    private record Names(ServedFile file, Set<String> names) {
    }

    private final Database database;
    private final ArtifactStore artifacts;
    private final DownloadCounter downloads;
    private final Map<String, Cached> index = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();
    private final AtomicLong roundTrips = new AtomicLong();
    private volatile Names names;
    private volatile ServedFile registry;
    private final IndexListener listener;

    PostgresFiles(Database database, ArtifactStore artifacts, DownloadCounter downloads) {
        this(database, artifacts, downloads, Duration.ofMillis(50));
    }

    /** As above, the listener's first attempt to reconnect after {@code firstRetry}, then backing off up to 10 s (or that). */
    PostgresFiles(Database database, ArtifactStore artifacts, DownloadCounter downloads, Duration firstRetry) {
        this.database = database;
        this.artifacts = artifacts;
        this.downloads = downloads;
        this.listener = new IndexListener(database.url(), this::changed, this::dropAll, this::dropAll, firstRetry,
                firstRetry.compareTo(Duration.ofSeconds(10)) > 0 ? firstRetry : Duration.ofSeconds(10));
    }

    @Override
    public Optional<ServedFile> file(String path) {
        if (path.equals("registry.json")) {
            return registry();
        }
        if (path.equals("names.json")) {
            return Optional.of(names().file());
        }
        if (path.startsWith(INDEX_PREFIX) && path.endsWith(JSON)) {
            String name = path.substring(INDEX_PREFIX.length(), path.length() - JSON.length());
            if (PackageName.problem(name) == null) {
                return Optional.ofNullable(index(PackageName.of(name)).file());
            }
        }
        return Optional.empty();
    }

    /**
     * The artifact of {@code artifacts/<name>/<name>-<version>.tar.gz}, exactly that form (the
     * version's canonical text), and only for a version the database lists: an object in the store
     * that no version names is not served.
     */
    @Override
    public Optional<ArtifactFile> artifact(String path) {
        Optional<PackageId> id = artifactId(path);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Cached cached = index(id.get().name());
        if (cached.file() == null || !cached.versions().contains(id.get().version().toString())) {
            return Optional.empty();
        }
        return artifacts.file(id.get());
    }

    @Override
    public void downloaded(PackageId id, String clientAddress, String userAgent) {
        downloads.count(id, clientAddress, userAgent);
    }

    /** The package and version of an artifact path in its one exact form, or empty. */
    static Optional<PackageId> artifactId(String path) {
        // An artifact's path is its store key under artifacts/: one parsing rule, ArtifactKeys'.
        return path.startsWith(ARTIFACTS_PREFIX) ? ArtifactKeys.release(path.substring(ARTIFACTS_PREFIX.length())) : Optional.empty();
    }

    private Cached index(PackageName name) {
        Cached cached = index.get(name.value());
        if (cached != null) {
            if (listener.live()) {
                return cached;
            }
            OptionalLong revision = database.read(Access.ANONYMOUS, c -> {
                roundTrips.incrementAndGet();
                try (PreparedStatement s = c.prepareStatement(HotQueries.REVISION)) {
                    s.setString(1, name.value());
                    try (ResultSet r = s.executeQuery()) {
                        return r.next() ? OptionalLong.of(r.getLong(1)) : OptionalLong.empty();
                    }
                }
            });
            if (revision.isPresent() ? cached.file() != null && revision.getAsLong() == cached.revision() : cached.file() == null) {
                return cached;
            }
        }
        long before = epoch.get();
        Cached rendered = database.read(Access.ANONYMOUS, c -> {
            roundTrips.incrementAndGet();
            return Listings.load(c, name).map(PostgresFiles::render).orElse(new Cached(0, null, Set.of()));
        });
        if (epoch.get() == before) {
            index.put(name.value(), rendered);
            // A notification that landed between the check and the put must still win.
            if (epoch.get() != before) {
                index.remove(name.value(), rendered);
            }
        }
        return rendered;
    }

    private static Cached render(Listings.Stored stored) {
        byte[] bytes = CanonicalFiles.index(stored.listing());
        String etag = "\"r" + stored.revision() + "-" + shortHash(bytes) + "\"";
        Set<String> versions = stored.listing().releases().stream().map(Release::version).map(Version::toString)
                .collect(Collectors.toUnmodifiableSet());
        return new Cached(stored.revision(), new ServedFile(bytes, etag, stored.updatedAt().truncatedTo(ChronoUnit.SECONDS)), versions);
    }

    private Names names() {
        Names current = names;
        if (current != null && listener.live()) {
            return current;
        }
        long before = epoch.get();
        Names rendered = database.read(Access.ANONYMOUS, c -> {
            roundTrips.incrementAndGet();
            List<PackageName> list = new ArrayList<>();
            Instant newest = Instant.EPOCH;
            try (PreparedStatement s = c.prepareStatement(HotQueries.NAMES); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    list.add(PackageName.of(r.getString(1)));
                    Instant created = r.getTimestamp(2).toInstant();
                    newest = created.isAfter(newest) ? created : newest;
                }
            }
            byte[] bytes = CanonicalFiles.names(list);
            ServedFile file = new ServedFile(bytes, "\"n-" + shortHash(bytes) + "\"", newest.truncatedTo(ChronoUnit.SECONDS));
            return new Names(file, list.stream().map(PackageName::value).collect(Collectors.toUnmodifiableSet()));
        });
        if (epoch.get() == before) {
            names = rendered;
            if (epoch.get() != before) {
                names = null;
            }
        }
        return rendered;
    }

    private Optional<ServedFile> registry() {
        ServedFile current = registry;
        if (current != null && listener.live()) {
            return Optional.of(current);
        }
        long before = epoch.get();
        Optional<ServedFile> rendered = database.read(Access.ANONYMOUS, c -> {
            roundTrips.incrementAndGet();
            try (PreparedStatement s = c.prepareStatement(HotQueries.SETTINGS); ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.<ServedFile>empty();
                }
                byte[] bytes = r.getString(1).getBytes(StandardCharsets.UTF_8);
                // The row has no time of its own; the first render's is stable enough, as the ETag decides.
                return Optional.of(new ServedFile(bytes, "\"s-" + shortHash(bytes) + "\"", Instant.now().truncatedTo(ChronoUnit.SECONDS)));
            }
        });
        if (rendered.isPresent() && epoch.get() == before) {
            registry = rendered.get();
            if (epoch.get() != before) {
                registry = null;
            }
        }
        return rendered;
    }

    /** A notification: {@code payload} is a package name, or {@link IndexListener#SETTINGS}. */
    private void changed(String payload) {
        epoch.incrementAndGet();
        if (payload.equals(IndexListener.SETTINGS)) {
            registry = null;
            return;
        }
        index.remove(payload);
        Names current = names;
        if (current == null || !current.names().contains(payload)) {
            names = null;
        }
    }

    private void dropAll() {
        epoch.incrementAndGet();
        index.clear();
        names = null;
        registry = null;
    }

    /** How many database round trips rendering and revalidating took so far (for tests and measurements). */
    long roundTrips() {
        return roundTrips.get();
    }

    /** Whether the index file of {@code name} is in memory now. */
    boolean cached(String name) {
        return index.containsKey(name);
    }

    /** Whether the listener is connected now. */
    boolean listening() {
        return listener.live();
    }

    private static String shortHash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    /** Stops listening. */
    @Override
    public void close() {
        listener.close();
    }
}
