package io.cocoatly.registry.server;

import io.cocoatly.model.PackageId;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * Where an artifact's bytes are, as a {@link RegistryFiles} finds them: a local file the server
 * streams, a stream it copies, or a URL it redirects to (a CDN or an object store's public URL).
 * Artifacts never change once published, so they are served as immutable.
 */
public sealed interface ArtifactFile {

    /** The package and version the artifact belongs to, for download statistics. */
    PackageId id();

    /**
     * A file on this machine.
     *
     * @param id           the package and version
     * @param file         the archive
     * @param etag         a strong entity tag, quoted
     * @param lastModified when it was stored
     */
    record Local(PackageId id, Path file, String etag, Instant lastModified) implements ArtifactFile {
        /** Checks the fields are present. */
        public Local {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(etag, "etag");
            Objects.requireNonNull(lastModified, "lastModified");
        }
    }

    /**
     * Bytes read from elsewhere (an object store) and copied to the client.
     *
     * @param id           the package and version
     * @param size         the number of bytes
     * @param etag         a strong entity tag, quoted
     * @param lastModified when it was stored
     * @param body         opens the bytes; the server closes the stream
     */
    record Streamed(PackageId id, long size, String etag, Instant lastModified, Opener body) implements ArtifactFile {
        /** Checks the fields are present. */
        public Streamed {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(etag, "etag");
            Objects.requireNonNull(lastModified, "lastModified");
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * Somewhere else: the server answers {@code 302 Found} with this location.
     *
     * @param id       the package and version
     * @param location an absolute URL
     */
    record Redirect(PackageId id, URI location) implements ArtifactFile {
        /** Checks the location is absolute. */
        public Redirect {
            Objects.requireNonNull(id, "id");
            if (!location.isAbsolute()) {
                throw new IllegalArgumentException("a redirect needs an absolute URL: " + location);
            }
        }
    }

    /** Opens an artifact's bytes. */
    @FunctionalInterface
    interface Opener {
        /** A new stream over the whole artifact. */
        InputStream open() throws IOException;
    }
}
