/**
 * The shared model: SemVer {@link io.cocoatly.model.Version}s and {@link io.cocoatly.model.VersionRange}s
 * (node-semver requirements as canonical interval unions), package names, releases, manifests, the
 * {@link io.cocoatly.model.VersionPolicy} (with its one spelling table) and the
 * {@link io.cocoatly.model.PackageIndex} the solver reads. No third-party dependencies, so every other
 * module can use it.
 */
package io.cocoatly.model;
