package io.cocoatly.registry.db;

import io.cocoatly.artifact.Ed25519PublicKey;
import io.cocoatly.registry.server.ApiException;
import io.cocoatly.registry.server.Caller;
import io.cocoatly.registry.server.Logins;
import io.cocoatly.registry.server.NewToken;
import io.cocoatly.registry.server.Refusals;
import io.cocoatly.registry.server.Scope;
import io.cocoatly.registry.server.TokenInfo;
import io.cocoatly.registry.server.Tokens;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Users, their keys and their tokens in the database: the admin commands and authentication, all
 * under the service role (tokens are never readable by {@code anon}), and the step from a
 * {@link Caller} to the {@link Access.Publisher} its writes run as.
 */
final class Accounts {

    private final Database database;

    Accounts(Database database) {
        this.database = database;
    }

    /**
     * The caller of a token's text, looked up by its SHA-256 (the text is never stored).
     *
     * @throws ApiException 401 {@code token-unknown}, {@code token-revoked} or {@code token-expired}
     */
    Caller authenticate(String token) {
        String hash = Tokens.hash(token);
        TokenInfo info = database.read(Access.SERVICE, c -> {
            try (PreparedStatement s = c.prepareStatement(HotQueries.AUTHENTICATE)) {
                s.setString(1, hash);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? tokenInfo(r) : null;
                }
            }
        });
        if (info == null) {
            throw Refusals.tokenUnknown();
        }
        if (info.revoked()) {
            throw Refusals.tokenRevoked();
        }
        if (info.expiredAt(Instant.now())) {
            throw Refusals.tokenExpired(info.expiresAt().orElseThrow());
        }
        return new Caller(info.owner(), info.id(), info.scopes(), info.globs());
    }

    /**
     * The access {@code caller}'s writes run as: its user and token, which the policies check again
     * ({@code publisher()} is NULL for a token revoked or expired since it was authenticated).
     *
     * @throws ApiException 401 {@code token-unknown} if the token is not the caller's
     */
    Access.Publisher publisher(Caller caller) {
        // On the primary, as the write that follows: a replica may not have the token yet.
        UUID user = database.write(Access.SERVICE, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT t.user_id FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = ? AND u.login = ?")) {
                s.setString(1, caller.tokenId());
                s.setString(2, caller.login());
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? r.getObject(1, UUID.class) : null;
                }
            }
        });
        if (user == null) {
            throw Refusals.tokenUnknown();
        }
        return new Access.Publisher(user, caller.tokenId());
    }

    /** Registers {@code login} with {@code key}, or adds the key; false if the user had it already. */
    boolean addUser(String login, Ed25519PublicKey key) {
        Logins.require(login);
        return database.write(Access.SERVICE, c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO users (login) VALUES (?) ON CONFLICT (login) DO NOTHING")) {
                s.setString(1, login);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO user_keys (user_id, key_id, public_key) SELECT id, ?, ? FROM users WHERE login = ?
                    ON CONFLICT (user_id, key_id) DO NOTHING""")) {
                s.setString(1, key.keyId());
                s.setString(2, key.base64());
                s.setString(3, login);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Creates a token for an existing user; its text is returned once and only its hash is kept. */
    NewToken createToken(String login, Set<Scope> scopes, List<String> globs, Optional<Instant> expiresAt) {
        Tokens.requireValid(scopes, globs);
        String text = Tokens.newText();
        // Stored to the microsecond, so tokens made in one second keep their order; shown to the second.
        Instant created = Instant.now();
        TokenInfo info = new TokenInfo(Tokens.newId(), text.substring(0, Tokens.SHOWN), login, scopes,
                globs.isEmpty() ? List.of("*") : globs, created.truncatedTo(ChronoUnit.SECONDS), expiresAt, false);
        database.write(Access.SERVICE, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO api_tokens (id, user_id, prefix, sha256, scopes, globs, created_at, expires_at)
                    SELECT ?, id, ?, ?, ?, ?, ?, ? FROM users WHERE login = ?""")) {
                s.setString(1, info.id());
                s.setString(2, info.prefix());
                s.setString(3, Tokens.hash(text));
                s.setArray(4, c.createArrayOf("text", Arrays.stream(Scope.values()).filter(scopes::contains).map(Scope::id).toArray()));
                s.setArray(5, c.createArrayOf("text", info.globs().toArray()));
                s.setTimestamp(6, Timestamp.from(created));
                s.setTimestamp(7, expiresAt.map(Timestamp::from).orElse(null));
                s.setString(8, login);
                if (s.executeUpdate() == 0) {
                    throw new ApiException(ApiException.Status.NOT_FOUND, "unknown-user", "no user `" + login
                            + "` in the registry's database", List.of("add one with `cocoatly registry user add " + login
                                    + " --key FILE.pub --db URL`"));
                }
            }
            return null;
        });
        return new NewToken(text, info);
    }

    /** Every token, oldest first, revoked ones too. */
    List<TokenInfo> tokens() {
        return database.read(Access.SERVICE, c -> {
            List<TokenInfo> tokens = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(HotQueries.TOKEN_COLUMNS + " ORDER BY t.created_at, t.id");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    tokens.add(tokenInfo(r));
                }
            }
            return tokens;
        });
    }

    /** Revokes token {@code id} (again: no error); 404 {@code token-not-found} if there is none. */
    TokenInfo revokeToken(String id) {
        return database.write(Access.SERVICE, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = ?")) {
                s.setString(1, id);
                if (s.executeUpdate() == 0) {
                    throw new ApiException(ApiException.Status.NOT_FOUND, "token-not-found", "no token `" + id
                            + "` in the registry's database", List.of("`cocoatly registry token list --db URL` shows the ids"));
                }
            }
            try (PreparedStatement s = c.prepareStatement(HotQueries.TOKEN_COLUMNS + " WHERE t.id = ?")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return tokenInfo(r);
                }
            }
        });
    }

    private static TokenInfo tokenInfo(ResultSet r) throws SQLException {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String id : (String[]) r.getArray("scopes").getArray()) {
            scopes.add(Scope.parse(id).orElseThrow(() -> new IllegalStateException("unknown scope in api_tokens: " + id)));
        }
        List<String> globs = List.of((String[]) r.getArray("globs").getArray());
        Optional<Instant> expires = Optional.ofNullable(r.getTimestamp("expires_at")).map(Timestamp::toInstant);
        return new TokenInfo(r.getString("id"), r.getString("prefix"), r.getString("login"), scopes, globs,
                r.getTimestamp("created_at").toInstant(), expires, r.getTimestamp("revoked_at") != null);
    }

    /** The id of the user {@code login}, on {@code c}'s transaction (for owners added by {@link Publishing}). */
    static Optional<UUID> userId(Connection c, String login) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM users WHERE login = ?")) {
            s.setString(1, login);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }
}
