package io.cocoatly.cli;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageId;
import io.cocoatly.registry.db.ArtifactStore;
import io.cocoatly.registry.server.ArtifactFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PLACEHOLDER, to be deleted at the merge of issue 12: the storage branch provides
 * {@code io.cocoatly.registry.db.ArtifactStores.parse(String, Map<String, String>)} (a store from a
 * {@code file:} or {@code s3://} URI); every call of {@link #parse} here becomes a call of that one.
 * Until then this checks the scheme and returns a store that refuses every operation, so that
 * {@code --artifacts} is wired and the commands compile.
 */
final class PendingArtifactStores {

    private PendingArtifactStores() {
    }

    /** The store {@code text} names ({@code file:/dir} or {@code s3://bucket/prefix?…}); {@code env} holds the S3 credentials. */
    static ArtifactStore parse(String text, Map<String, String> env) {
        if (!text.startsWith("file:") && !text.startsWith("s3://")) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "invalid-artifact-store", "`--artifacts` must be a file: or s3:// URI: `"
                    + text + "`", List.of("use file:/srv/cocoatly/artifacts or s3://bucket/prefix?endpoint=…&region=…"));
        }
        return new ArtifactStore() {
            @Override
            public boolean put(PackageId id, Path archive) {
                throw pending();
            }

            @Override
            public Optional<ArtifactFile> file(PackageId id) {
                throw pending();
            }

            @Override
            public boolean exists(PackageId id) {
                throw pending();
            }

            @Override
            public void delete(PackageId id) {
                throw pending();
            }

            @Override
            public List<PackageId> list() {
                throw pending();
            }
        };
    }

    private static UnsupportedOperationException pending() {
        return new UnsupportedOperationException("artifact storage: the storage branch of issue 12");
    }
}
