/**
 * Reads and writes registries and reads manifests: {@link io.cocoatly.registry.RegistrySources}
 * opens a registry location by its scheme (a directory or {@code file:} URL today) as a
 * {@link io.cocoatly.registry.RegistrySource}, {@link io.cocoatly.registry.FileRegistry} serves
 * what a source holds as a {@link io.cocoatly.model.PackageIndex} (leaving out, and reporting as
 * {@link io.cocoatly.registry.LeftOutRelease}s, the release entries it cannot read) with what
 * {@code registry.json} says as a {@link io.cocoatly.registry.RegistryDescription},
 * {@link io.cocoatly.registry.RegistryEditor} creates registries and adds or yanks releases (index
 * files and {@code names.json} written canonically and atomically, under the registry's lock), and
 * {@link io.cocoatly.registry.Manifests} reads a project's {@code cocoatly.json}, which
 * {@link io.cocoatly.registry.ManifestEditor} edits in place, keeping its layout. File formats are
 * specified in docs/formats.md. JSON handling (Jackson) stays package-private; every malformed file
 * becomes an {@link io.cocoatly.model.InvalidFileException} naming the file, the JSON path and the
 * problem. Signing and packing are not here: the registry module knows nothing of crypto, and the
 * CLI wires the installer's packer and signer to the editor.
 */
package io.cocoatly.registry;
