package io.cocoatly.registry.db;

/**
 * What {@code cocoatly registry export} wrote.
 *
 * @param packages  index files
 * @param versions  versions in them
 * @param artifacts archives copied from the artifact store
 */
public record ExportSummary(int packages, int versions, int artifacts) {
}
