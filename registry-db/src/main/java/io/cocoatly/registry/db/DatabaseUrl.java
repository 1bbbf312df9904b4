package io.cocoatly.registry.db;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a PostgreSQL database is and who logs in: a libpq connection URI as {@code psql} and
 * Supabase print it, {@code postgresql://user:password@host:5432/dbname?sslmode=require}. Only
 * {@code host}, {@code port}, the database, user, password and the query's {@code sslmode} are
 * used. {@link #toString()} never shows the password.
 *
 * @param host     the host name or address
 * @param port     the port (5432 if the URI has none)
 * @param database the database name
 * @param user     the login role
 * @param password its password, or empty
 * @param sslMode  libpq's {@code sslmode}, or empty for the driver's default
 */
public record DatabaseUrl(String host, int port, String database, String user, Optional<String> password,
                          Optional<String> sslMode) {

    private static final java.util.regex.Pattern DATABASE = java.util.regex.Pattern.compile("[A-Za-z0-9_.-]{1,63}");
    private static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    /** Checks the fields are present. */
    public DatabaseUrl {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(sslMode, "sslMode");
    }

    /**
     * Parses a {@code postgresql://} or {@code postgres://} URI.
     *
     * @throws CocoatlyException {@code invalid-database-url} naming what is missing or malformed
     *                           (never echoing the password)
     */
    public static DatabaseUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid("it is not a URI (" + e.getReason() + ")");
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw invalid("it must start with postgresql://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid("it names no host");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.length() < 2) {
            throw invalid("it names no database (…/dbname)");
        }
        String info = uri.getRawUserInfo();
        if (info == null || info.isEmpty()) {
            throw invalid("it names no user (postgresql://user:password@host/db)");
        }
        int colon = info.indexOf(':');
        String user = decode(colon < 0 ? info : info.substring(0, colon));
        Optional<String> password = colon < 0 ? Optional.empty() : Optional.of(decode(info.substring(colon + 1)));
        Optional<String> sslMode = Optional.empty();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.startsWith("sslmode=")) {
                    sslMode = Optional.of(decode(pair.substring("sslmode=".length())));
                }
            }
        }
        String database = decode(path.substring(1));
        // Both go into the JDBC URL as they are: nothing there may add a driver property.
        if (!DATABASE.matcher(database).matches()) {
            throw invalid("the database name `" + database + "` is not a plain name (letters, digits, _, - and .)");
        }
        if (sslMode.isPresent() && !SSL_MODES.contains(sslMode.get())) {
            throw invalid("sslmode must be one of " + String.join(", ", SSL_MODES));
        }
        return new DatabaseUrl(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database, user, password, sslMode);
    }

    /** The JDBC URL for the PostgreSQL driver, without user or password. */
    String jdbcUrl() {
        String base = "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
        return sslMode.map(m -> base + "?sslmode=" + m).orElse(base);
    }

    /** The same database and server, logging in as {@code user} with {@code password}. */
    public DatabaseUrl as(String user, Optional<String> password) {
        return new DatabaseUrl(host, port, database, user, password, sslMode);
    }

    /** The URI with the password replaced by {@code ***}. */
    @Override
    public String toString() {
        return "postgresql://" + user + (password.isPresent() ? ":***" : "") + "@" + (host.contains(":") ? "[" + host + "]" : host)
                + ":" + port + "/" + database + sslMode.map(m -> "?sslmode=" + m).orElse("");
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the text after the bad escape: it may be part of a password.
            throw invalid("it has a malformed %-escape (write a % in a password as %25)");
        }
    }

    private static CocoatlyException invalid(String why) {
        return new CocoatlyException(ErrorKind.INVALID_INPUT, "invalid-database-url", "invalid database URL: " + why,
                List.of("use the form postgresql://user:password@host:5432/dbname"));
    }
}
