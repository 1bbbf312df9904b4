package io.cocoatly.registry.server;

import io.cocoatly.artifact.Ed25519PublicKey;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a registry server keeps packages, owners, users and tokens, behind the write API of
 * docs/registry-protocol.md §2. {@link DirectoryBackend} keeps them in a registry directory; other
 * stores (a database, object storage) implement the same operations. Every write checks the
 * caller's ownership itself, under the same lock or transaction as the change it guards, and
 * refuses with an {@link ApiException} whose status is the API's.
 *
 * <p>Implementations are used by many request threads at once.
 */
public interface RegistryBackend {

    /**
     * The caller a bearer token stands for.
     *
     * @throws ApiException 401 if the token is unknown, expired or revoked (the detail never holds the token)
     */
    Caller authenticate(String token);

    /**
     * A new empty scratch file for an upload's archive, on storage from which {@link #publish} can
     * move it into place atomically. The caller deletes it if the publish does not take it.
     */
    Path newUploadFile();

    /**
     * Publishes a release after every check of §2.1: archive rules and manifest, signature against
     * the owners' keys, an existing version, a too-similar name, the caller's scopes and ownership.
     * The archive is stored before the index names it. The first publisher of a package becomes its owner.
     *
     * @return the index entry as written
     */
    Release publish(Caller caller, Upload upload);

    /**
     * Yanks or unyanks a version (scope {@code yank}, owners only); yanking a yanked version is not an error.
     *
     * @throws ApiException 404 if the package or version does not exist
     */
    Release yank(Caller caller, PackageName name, Version version, boolean yanked);

    /**
     * The owners' logins, sorted.
     *
     * @throws ApiException 404 if the package does not exist
     */
    List<String> owners(PackageName name);

    /**
     * Adds or removes owners (scope {@code change-owners}, owners only).
     *
     * @return the owners after the change, sorted
     * @throws ApiException 409 if the last owner would be removed, 400 for an unknown user
     */
    List<String> changeOwners(Caller caller, PackageName name, List<String> logins, boolean add);

    /**
     * The package's description, owners and versions.
     *
     * @throws ApiException 404 if it does not exist
     */
    PackageInfo packageInfo(PackageName name);

    /** Packages whose name (or description) contains {@code query}; pages count from 1. */
    SearchPage search(String query, int page, int perPage);

    /**
     * Registers a publisher with an Ed25519 public key, or adds the key to an existing one.
     *
     * @return whether anything changed (false: the user already had this key)
     * @throws ApiException 400 if the login is not {@code [a-z0-9][a-z0-9_-]*} (at most 39 characters)
     */
    boolean addUser(String login, Ed25519PublicKey key);

    /**
     * Creates a token for an existing user.
     *
     * @param globs     package-name globs, at least one
     * @param expiresAt when it stops working; empty: never
     * @throws ApiException 404 for an unknown user, 400 for an empty scope set or a malformed glob
     */
    NewToken createToken(String login, Set<Scope> scopes, List<String> globs, Optional<Instant> expiresAt);

    /** Every token, oldest first, revoked ones too. */
    List<TokenInfo> tokens();

    /**
     * Revokes a token; revoking a revoked token is not an error.
     *
     * @throws ApiException 404 if no token has that id
     */
    TokenInfo revokeToken(String id);
}
