package io.cocoatly.registry.db;

/**
 * What {@code cocoatly registry import} loaded.
 *
 * @param packages  packages
 * @param versions  versions, all of every package
 * @param artifacts archives checked and put into the artifact store
 * @param users     users, with their keys (tokens are never imported)
 */
public record ImportSummary(int packages, int versions, int artifacts, int users) {
}
