package io.cocoatly.installer;

import io.cocoatly.artifact.VerificationException;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.PackageId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a batch download did, per artifact.
 *
 * @param downloaded verified artifacts, in the cache
 * @param failed     artifacts that failed, with the error ({@link DownloadException} or {@link VerificationException})
 * @param skipped    artifacts not attempted, or stopped midway, because another one failed first
 */
public record DownloadResults(Map<PackageId, DownloadedArtifact> downloaded, Map<PackageId, CocoatlyException> failed,
                              Set<PackageId> skipped) {

    public DownloadResults {
        downloaded = Collections.unmodifiableMap(new LinkedHashMap<>(downloaded));
        failed = Collections.unmodifiableMap(new LinkedHashMap<>(failed));
        skipped = Collections.unmodifiableSet(new TreeSet<>(skipped));
    }

    /** True if every artifact is downloaded. */
    public boolean ok() {
        return failed.isEmpty() && skipped.isEmpty();
    }

    /** The first failure in request order, if any. */
    public Optional<CocoatlyException> firstFailure() {
        return failed.values().stream().findFirst();
    }
}
