package io.cocoatly.installer;

import io.cocoatly.artifact.VerificationException;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.PackageId;
import java.util.List;
import java.util.Map;

/**
 * Step 1 of an install: every artifact the plan needs, downloaded concurrently (or taken from the
 * cache) and verified, before anything is extracted. One failure stops the batch and fails the
 * install, naming the package and the check; nothing outside the cache is touched.
 */
final class FetchStep implements AutoCloseable {

    private final InstallSettings settings;
    private Downloader downloader;

    FetchStep(InstallSettings settings) {
        this.settings = settings;
    }

    /**
     * The artifacts, in the cache; they stay there (no eviction takes them) until this step is
     * closed, after they were unpacked.
     *
     * @throws CocoatlyException the first failure ({@link DownloadException} or {@link VerificationException})
     */
    Map<PackageId, DownloadedArtifact> run(InstallPlan plan, InstallListener listener) {
        List<DownloadRequest> requests = plan.fetches().stream().map(p -> p.download().get()).toList();
        if (requests.isEmpty()) {
            return Map.of();
        }
        downloader = new Downloader(settings.cacheDir(), settings.download(), settings.policy());
        DownloadResults results = downloader.downloadAll(requests, OnFailure.STOP, listener);
        if (!results.ok()) {
            throw results.firstFailure().orElseThrow(() -> new IllegalStateException(
                    "downloads stopped without a failure: " + results.skipped()));
        }
        return results.downloaded();
    }

    /** Releases the downloader and the cache entries it fetched. */
    @Override
    public void close() {
        if (downloader != null) {
            downloader.close();
        }
    }
}
