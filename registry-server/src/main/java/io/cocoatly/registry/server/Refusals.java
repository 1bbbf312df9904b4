package io.cocoatly.registry.server;

import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import java.time.Instant;

/**
 * The refusals every {@link RegistryBackend} shares, worded once: a client must not be able to tell
 * backends apart by their statuses, codes or details (docs/registry-protocol.md §2.7).
 */
public final class Refusals {

    private Refusals() {
    }

    /** 401 {@code token-unknown}: no token has this text's hash. */
    public static ApiException tokenUnknown() {
        return new ApiException(ApiException.Status.UNAUTHORIZED, "token-unknown", "this token is not known to the registry");
    }

    /** 401 {@code token-revoked}. */
    public static ApiException tokenRevoked() {
        return new ApiException(ApiException.Status.UNAUTHORIZED, "token-revoked", "this token was revoked");
    }

    /** 401 {@code token-expired}, saying when it expired. */
    public static ApiException tokenExpired(Instant expiredAt) {
        return new ApiException(ApiException.Status.UNAUTHORIZED, "token-expired", "this token expired at " + expiredAt);
    }

    /** 404 {@code package-not-found}. */
    public static ApiException noPackage(PackageName name) {
        return new ApiException(ApiException.Status.NOT_FOUND, "package-not-found", "no package `" + name + "`");
    }

    /** 404 {@code version-not-found}. */
    public static ApiException noVersion(PackageName name, Version version) {
        return new ApiException(ApiException.Status.NOT_FOUND, "version-not-found", "`" + name + "` has no version " + version);
    }

    /** 403 {@code not-an-owner}: the caller's user does not own {@code name}. */
    public static ApiException notAnOwner(Caller caller, PackageName name) {
        return new ApiException(ApiException.Status.FORBIDDEN, "not-an-owner", "`" + caller.login()
                + "` is not an owner of `" + name + "`");
    }

    /** 409 {@code version-exists}: {@code id}'s version exists, whatever its build metadata. */
    public static ApiException versionExists(PackageId id) {
        return new ApiException(ApiException.Status.CONFLICT, "version-exists", "version " + id.version() + " of `"
                + id.name() + "` exists already");
    }

    /** 409 {@code name-too-similar}: {@code name} has the {@link UploadCheck#similarityKey} of {@code existing}. */
    public static ApiException nameTooSimilar(PackageName name, String existing) {
        return new ApiException(ApiException.Status.CONFLICT, "name-too-similar", "`" + name
                + "` differs from the existing package `" + existing + "` only by case or `-` versus `_`");
    }

    /** 409 {@code last-owner}: removing the owners asked for would leave {@code name} with none. */
    public static ApiException lastOwner(PackageName name) {
        return new ApiException(ApiException.Status.CONFLICT, "last-owner",
                "`" + name + "` would have no owner left; add another owner first");
    }

    /** 400 {@code unknown-user}: only registered users can become owners. */
    public static ApiException unregisteredOwner(String login) {
        return new ApiException(ApiException.Status.BAD_REQUEST, "unknown-user", "no user `" + login
                + "` is registered with this registry");
    }
}
