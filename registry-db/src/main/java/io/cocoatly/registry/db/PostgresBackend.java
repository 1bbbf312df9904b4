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
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The write API's backend on PostgreSQL. (Skeleton: the write branch of issue 12 fills in the writes,
 * the read branch {@link #packageInfo} and {@link #search}.)
 */
final class PostgresBackend implements RegistryBackend {

    private final Database database;
    private final ArtifactStore artifacts;

    PostgresBackend(Database database, ArtifactStore artifacts) {
        this.database = database;
        this.artifacts = artifacts;
    }

    @Override
    public Caller authenticate(String token) {
        throw new UnsupportedOperationException("issue 12: write branch");
    }

    @Override
    public Path newUploadFile() {
        throw new UnsupportedOperationException("issue 12: write branch");
    }

    @Override
    public Release publish(Caller caller, Upload upload) {
        throw new UnsupportedOperationException("issue 12: write branch");
    }

    @Override
    public Release yank(Caller caller, PackageName name, Version version, boolean yanked) {
        throw new UnsupportedOperationException("issue 12: write branch");
    }

    @Override
    public List<String> owners(PackageName name) {
        throw new UnsupportedOperationException("issue 12: write branch");
    }

    @Override
    public List<String> changeOwners(Caller caller, PackageName name, List<String> logins, boolean add) {
        throw new UnsupportedOperationException("issue 12: write branch");
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
        throw new UnsupportedOperationException("issue 12: write branch");
    }

    @Override
    public NewToken createToken(String login, Set<Scope> scopes, List<String> globs, Optional<Instant> expiresAt) {
        throw new UnsupportedOperationException("issue 12: write branch");
    }

    @Override
    public List<TokenInfo> tokens() {
        throw new UnsupportedOperationException("issue 12: write branch");
    }

    @Override
    public TokenInfo revokeToken(String id) {
        throw new UnsupportedOperationException("issue 12: write branch");
    }
}
