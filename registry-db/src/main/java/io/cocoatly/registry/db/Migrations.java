package io.cocoatly.registry.db;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The schema's migrations ({@code db/migration/V*.sql} in this module), applied with Flyway as the
 * owner role. Applying them twice does nothing; a database whose schema is newer than these
 * migrations is refused before anything is touched, since this build cannot know what the newer
 * schema expects.
 */
final class Migrations {

    private static final String LOCATION = "classpath:db/migration";

    private Migrations() {
    }

    static SchemaMigration migrate(DatabaseUrl owner, String serverRole) {
        Flyway flyway = flyway(owner, serverRole);
        try {
            refuseNewer(flyway, owner);
            String before = current(flyway).orElse("none");
            MigrateResult result = flyway.migrate();
            return new SchemaMigration(before, current(flyway).orElse("none"), result.migrationsExecuted);
        } catch (FlywayException e) {
            throw failed(owner, e);
        }
    }

    /**
     * Checks that the database has exactly the schema these migrations make, for a server about to use it.
     *
     * @throws CocoatlyException {@code schema-not-migrated} or {@code schema-too-new}
     */
    static void requireCurrent(DatabaseUrl url, String serverRole) {
        Flyway flyway = flyway(url, serverRole);
        try {
            refuseNewer(flyway, url);
            if (flyway.info().pending().length > 0) {
                throw new CocoatlyException(ErrorKind.FAILED, "schema-not-migrated", "the database " + url
                        + " has not been migrated to this version of cocoatly's schema",
                        List.of("run `cocoatly registry migrate --db URL` with the owner role's URL first"));
            }
        } catch (FlywayException e) {
            throw failed(url, e);
        }
    }

    /** A plain role name: it is written into the migration's SQL, so nothing else may pass. */
    private static final java.util.regex.Pattern ROLE = java.util.regex.Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private static Flyway flyway(DatabaseUrl url, String serverRole) {
        if (!ROLE.matcher(serverRole).matches()) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "invalid-role", "the server role must be a plain role name"
                    + " (lowercase letters, digits and _, at most 63): `" + serverRole + "`", List.of("the default is authenticator"));
        }
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(url.jdbcUrl(), url.user(), url.password().orElse(null))
                .locations(LOCATION)
                .placeholders(Map.of("server_role", serverRole))
                .connectRetries(0)
                .load();
    }

    private static void refuseNewer(Flyway flyway, DatabaseUrl url) {
        Optional<MigrationInfo> future = Arrays.stream(flyway.info().all())
                .filter(i -> i.getState() == MigrationState.FUTURE_SUCCESS || i.getState() == MigrationState.FUTURE_FAILED)
                .reduce((a, b) -> b);
        if (future.isPresent()) {
            throw new CocoatlyException(ErrorKind.FAILED, "schema-too-new", "the database " + url + " has schema version "
                    + future.get().getVersion() + ", newer than this cocoatly knows (" + latestKnown(flyway) + ")",
                    List.of("use a cocoatly at least as new as the one that migrated this database"));
        }
    }

    private static String latestKnown(Flyway flyway) {
        return Arrays.stream(flyway.info().all()).filter(i -> i.getState().isResolved()).map(i -> i.getVersion().toString())
                .reduce((a, b) -> b).orElse("none");
    }

    private static Optional<String> current(Flyway flyway) {
        MigrationInfo current = flyway.info().current();
        return current == null || current.getVersion() == null ? Optional.empty() : Optional.of(current.getVersion().toString());
    }

    private static CocoatlyException failed(DatabaseUrl url, FlywayException e) {
        return new CocoatlyException(ErrorKind.FAILED, "migration-failed", "cannot migrate " + url + ": " + e.getMessage(),
                List.of("the URL must log in as the role that owns (or will own) the registry's tables"), e);
    }
}
