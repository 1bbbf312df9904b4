package io.cocoatly.registry.db;

import io.cocoatly.artifact.Ed25519PublicKey;
import io.cocoatly.testkit.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What the read branch's tests share: the sample registry, its key, directories of files, SQL as a superuser. */
final class ReadFixture {

    private ReadFixture() {
    }

    /** testdata/registry. */
    static Path sample() {
        return TestData.path("testdata/registry");
    }

    /** The key the sample registry's artifacts are signed with. */
    static Ed25519PublicKey sampleKey() {
        return Ed25519PublicKey.read(TestData.path("testdata/keys/sample.pub"));
    }

    /** A copy of the sample registry's registry files (not its README) in {@code target}. */
    static Path copyOfSample(Path target) {
        try {
            for (Path file : registryFiles(sample()).keySet().stream().map(sample()::resolve).toList()) {
                Path to = target.resolve(sample().relativize(file).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every file a registry directory serves (registry.json, names.json, index/, artifacts/), by
     * relative path, with its bytes in hex, so that two maps compare by content.
     */
    static TreeMap<String, String> registryFiles(Path root) {
        TreeMap<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String relative = root.relativize(p).toString().replace('\\', '/');
                if (relative.equals("registry.json") || relative.equals("names.json") || relative.startsWith("index/")
                        || relative.startsWith("artifacts/")) {
                    files.put(relative, java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Runs {@code sql} as the superuser in database {@code urls}' database. */
    static void superuser(EmbeddedDatabase.Urls urls, String... sql) {
        DatabaseUrl url = TestDatabases.server().superuser(urls.owner().database());
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), null); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A pool for SQL run as one of the roles through {@link Database}. */
    static Database database(EmbeddedDatabase.Urls urls) {
        return Database.open(urls.server(), Optional.empty(), 2);
    }

    /** Every package name of the sample registry. */
    static List<String> sampleNames() {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(sample().resolve("index"))) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .forEach(n -> names.add(n.substring(0, n.length() - 5)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.sort(null);
        return names;
    }
}
