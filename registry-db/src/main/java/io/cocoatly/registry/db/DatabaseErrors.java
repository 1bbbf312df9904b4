package io.cocoatly.registry.db;

import io.cocoatly.registry.server.ApiException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * The one place that turns a {@link SQLException} into what the API answers. SQLSTATEs are
 * PostgreSQL's (Appendix A of its manual).
 */
final class DatabaseErrors {

    private DatabaseErrors() {
    }

    /** SQLSTATE 42501: a grant or a row-level security policy refused the statement. */
    static final String INSUFFICIENT_PRIVILEGE = "42501";
    /** SQLSTATE 23505: a unique constraint. */
    static final String UNIQUE_VIOLATION = "23505";
    /** SQLSTATE 23514: a CHECK constraint. */
    static final String CHECK_VIOLATION = "23514";

    /** Whether the database could not be reached or went away: class 08, shutdown, too many clients, the pool's timeout. */
    static boolean unavailable(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException
                || state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03") || state.equals("53300"));
    }

    /**
     * 403 {@code not-allowed}: row-level security refused a change the backend's own checks let
     * through (a token revoked since it was authenticated, say), by an error or by hiding the rows.
     */
    static ApiException refused() {
        return new ApiException(ApiException.Status.FORBIDDEN, "not-allowed", "the registry refused this change");
    }

    /**
     * An exception that escaped a unit of work: 503 if the database is away (retry later), otherwise a
     * 500-class failure whose detail names no SQL (the log has it).
     */
    static RuntimeException translate(SQLException e, DatabaseUrl url) {
        if (unavailable(e)) {
            return new ApiException(ApiException.Status.SERVICE_UNAVAILABLE, "database-unavailable",
                    "the registry's database is not reachable now; try again in a moment");
        }
        if (INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
            return refused();
        }
        return new IllegalStateException("database error on " + url + " (SQLSTATE " + e.getSQLState() + "): " + e.getMessage(), e);
    }
}
