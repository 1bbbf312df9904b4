/**
 * Cocoatly's data files as JSON: {@link io.cocoatly.json.StrictJson} parses strictly (duplicate keys,
 * trailing content and syntax errors become {@link io.cocoatly.model.InvalidFileException}s with
 * line, column and JSON path), {@link io.cocoatly.json.JsonCursor} walks the result with typed,
 * path-precise reads, {@link io.cocoatly.json.JsonObject} builds documents written in the canonical
 * two-space form, and {@link io.cocoatly.json.AtomicFiles} replaces files crash-safely. Jackson is an
 * implementation detail of this package and never appears in its public signatures.
 */
package io.cocoatly.json;
