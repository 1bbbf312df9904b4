package io.cocoatly.registry.server;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What is known of a token apart from its text, which is never stored: only its SHA-256 is.
 *
 * @param id        a short random id, for {@code token revoke}
 * @param prefix    the first characters of the token's text ({@code cocoatly_} and four more), so a
 *                  user can tell their tokens apart without the server keeping them
 * @param owner     the user login the token acts for
 * @param scopes    what it allows
 * @param globs     the package names it is limited to
 * @param createdAt when it was made
 * @param expiresAt when it stops working; empty: never
 * @param revoked   whether it was revoked
 */
public record TokenInfo(String id, String prefix, String owner, Set<Scope> scopes, List<String> globs,
                        Instant createdAt, Optional<Instant> expiresAt, boolean revoked) {

    /** Copies the collections. */
    public TokenInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        scopes = Set.copyOf(scopes);
        globs = List.copyOf(globs);
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether the token has expired at {@code now}. */
    public boolean expiredAt(Instant now) {
        return expiresAt.map(e -> !now.isBefore(e)).orElse(false);
    }
}
