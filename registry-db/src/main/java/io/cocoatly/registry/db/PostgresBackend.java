package io.cocoatly.registry.db;

import io.cocoatly.artifact.Ed25519PublicKey;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.registry.server.Caller;
import io.cocoatly.registry.server.NewToken;
import io.cocoatly.registry.server.PackageInfo;
import io.cocoatly.registry.server.RegistryBackend;
import io.cocoatly.registry.server.Scope;
import io.cocoatly.registry.server.SearchPage;
import io.cocoatly.registry.server.TokenInfo;
import io.cocoatly.registry.server.Upload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The write API's backend on PostgreSQL: accounts and tokens in {@link Accounts}, publish, yank and
 * owners in {@link Publishing} (each write one transaction under the caller's row-level security),
 * package information and search in {@link PackageQueries}.
 */
final class PostgresBackend implements RegistryBackend {

    private final Database database;
    private final Accounts accounts;
    private final Publishing publishing;
    private final Path uploads;

    /**
     * A backend whose uploads wait in a new directory of this process's own under {@code java.io.tmpdir}
     * (mode 0700): never a shared, predictable one another user could have made first and swap an
     * archive in between its check and its storing.
     */
    PostgresBackend(Database database, ArtifactStore artifacts) {
        this(database, artifacts, privateUploads());
    }

    private static Path privateUploads() {
        try {
            return Files.createTempDirectory("cocoatly-uploads-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A backend whose uploads wait in {@code uploads} (created if missing). */
    PostgresBackend(Database database, ArtifactStore artifacts, Path uploads) {
        this.database = database;
        this.uploads = uploads;
        this.accounts = new Accounts(database);
        this.publishing = new Publishing(database, artifacts, accounts, uploads);
    }

    @Override
    public Caller authenticate(String token) {
        return accounts.authenticate(token);
    }

    @Override
    public Path newUploadFile() {
        try {
            Files.createDirectories(uploads);
            return Files.createTempFile(uploads, "upload-", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Release publish(Caller caller, Upload upload) {
        return publishing.publish(caller, upload);
    }

    @Override
    public Release yank(Caller caller, PackageName name, Version version, boolean yanked) {
        return publishing.yank(caller, name, version, yanked);
    }

    @Override
    public List<String> owners(PackageName name) {
        return publishing.owners(name);
    }

    @Override
    public List<String> changeOwners(Caller caller, PackageName name, List<String> logins, boolean add) {
        return publishing.changeOwners(caller, name, logins, add);
    }

    @Override
    public PackageInfo packageInfo(PackageName name) {
        return PackageQueries.info(database, name);
    }

    @Override
    public SearchPage search(String query, int page, int perPage) {
        return PackageQueries.search(database, query, page, perPage);
    }

    @Override
    public boolean addUser(String login, Ed25519PublicKey key) {
        return accounts.addUser(login, key);
    }

    @Override
    public NewToken createToken(String login, Set<Scope> scopes, List<String> globs, Optional<Instant> expiresAt) {
        return accounts.createToken(login, scopes, globs, expiresAt);
    }

    @Override
    public List<TokenInfo> tokens() {
        return accounts.tokens();
    }

    @Override
    public TokenInfo revokeToken(String id) {
        return accounts.revokeToken(id);
    }
}
