package io.cocoatly.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code file:} URLs: a local read, never retried (it would fail the same way again) and never
 * conditional (reading a local file costs what comparing it would), so the outcome is always
 * {@link GetOutcome.ModifiedOrNew} without validators.
 */
final class FileFetcher {

    private FileFetcher() {
    }

    static GetOutcome fetch(GetRequest request, BodyTarget target, TransportListener listener) {
        Path file;
        try {
            file = Path.of(request.url());
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw Failures.badUrl(request, "not a local file URL: " + request.url(),
                    List.of("file URLs name a local path, e.g. file:/srv/registry/artifacts/x.tar.gz"), e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            long size = BodyCopy.copy(in, request, target, 1, -1, listener);
            if (request.exactSize() && size < request.maxBytes()) {
                throw Failures.localFile(request, file + ": " + size + " bytes, the artifact's declared size is "
                        + request.maxBytes(), List.of("the file differs from what the lockfile describes"), null);
            }
            return new GetOutcome.ModifiedOrNew(size, Validators.NONE, 1);
        } catch (NoSuchFileException e) {
            throw Failures.localFile(request, "no such file: " + file,
                    List.of("check the registry path; the file should be at that location"), e);
        } catch (IOException e) {
            throw Failures.localFile(request, "reading " + file + ": " + Failures.describe(e), List.of(), e);
        }
    }
}
