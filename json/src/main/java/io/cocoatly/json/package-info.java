/**
 * Cocoatly's data files as JSON: {@link io.cocoatly.json.StrictJson} parses strictly (duplicate keys,
 * trailing content and syntax errors become {@link io.cocoatly.model.InvalidFileException}s with
 * line, column and JSON path), {@link io.cocoatly.json.JsonCursor} walks the result with typed,
 * path-precise reads, {@link io.cocoatly.json.JsonObject} builds documents written in the canonical
 * two-space form, {@link io.cocoatly.json.ArtifactJson} reads and writes the {@code artifact} field index
 * and lockfile share, {@link io.cocoatly.json.Typos} suggests "did you mean" keys, and
 * {@link io.cocoatly.json.AtomicFiles} replaces files crash-safely, with the permissions
 * {@link io.cocoatly.json.FileModes} names (shared under the umask, or owner-only for secrets). Those
 * two need only java.nio, but live here because their one job is writing these data files safely, and
 * model stays free of file I/O. Jackson is an
 * implementation detail of this package and never appears in its public signatures.
 */
package io.cocoatly.json;
