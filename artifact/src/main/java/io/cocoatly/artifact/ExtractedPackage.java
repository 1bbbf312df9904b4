package io.cocoatly.artifact;

import java.util.List;

/**
 * What {@link ArchiveExtractor#extract} put into staging.
 *
 * @param files      every path, sorted by path
 * @param totalBytes bytes of file contents written (hardlink copies included)
 */
public record ExtractedPackage(List<ExtractedFile> files, long totalBytes) {

    /** Copies {@code files}. */
    public ExtractedPackage {
        files = List.copyOf(files);
    }
}
