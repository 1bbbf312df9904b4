/**
 * Reads registries and manifests: {@link io.cocoatly.registry.FileRegistry} serves a registry
 * directory as a {@link io.cocoatly.model.PackageIndex}, and {@link io.cocoatly.registry.Manifests}
 * reads a project's {@code cocoatly.json}. File formats are specified in docs/formats.md. JSON
 * handling (Jackson) stays package-private; every malformed file becomes an
 * {@link io.cocoatly.model.InvalidFileException} naming the file, the JSON path and the problem.
 */
package io.cocoatly.registry;
