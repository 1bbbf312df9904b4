package io.cocoatly.registry.server;

import io.cocoatly.model.PackageName;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who a write request acts for: the token's owner, scopes and package-name globs. The one place that
 * decides whether a token may touch a package; ownership is the backend's to check, since it knows
 * the owners.
 *
 * @param login   the user the token belongs to
 * @param tokenId the token's id (never its text), for the audit log
 * @param scopes  what the token allows
 * @param globs   the package names it is limited to ({@code *} is any)
 */
public record Caller(String login, String tokenId, Set<Scope> scopes, List<String> globs) {

    /** Copies the collections. */
    public Caller {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(tokenId, "tokenId");
        scopes = Set.copyOf(scopes);
        globs = List.copyOf(globs);
    }

    /**
     * Checks that the token has {@code scope} for {@code name}.
     *
     * @throws ApiException 403 naming the missing scope or the name outside the globs
     */
    public void require(Scope scope, PackageName name) {
        if (!scopes.contains(scope)) {
            throw new ApiException(ApiException.Status.FORBIDDEN, "token-scope",
                    "this token lacks the scope `" + scope.id() + "` needed for `" + name + "`");
        }
        if (globs.stream().noneMatch(g -> Globs.matches(g, name.value()))) {
            throw new ApiException(ApiException.Status.FORBIDDEN, "token-packages",
                    "this token is limited to " + String.join(", ", globs) + " and `" + name + "` is not among them");
        }
    }
}
