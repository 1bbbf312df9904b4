/**
 * What a package archive is and how it is trusted: digests, Ed25519 signatures and key files,
 * reproducible packing and safe extraction. The installer, {@code cocoatly publish} and a registry
 * server use it; BouncyCastle, commons-compress and Jackson stay behind package-private classes.
 *
 * <p>Checking an artifact, in the order an install runs it:
 * <ul>
 *   <li>{@link io.cocoatly.artifact.ArtifactVerifier} applies a
 *       {@link io.cocoatly.artifact.VerificationPolicy}: before the download, the digests named and
 *       the signature ({@link io.cocoatly.artifact.Signatures}, against
 *       {@link io.cocoatly.artifact.TrustedKeys}); after it, the size and every digest
 *       ({@link io.cocoatly.artifact.Checksums}, computed in one pass by a
 *       {@link io.cocoatly.artifact.DigestSink}). Failures are
 *       {@link io.cocoatly.artifact.VerificationException}s.</li>
 *   <li>{@link io.cocoatly.artifact.ArchiveExtractor} unpacks the verified {@code .tar.gz} into an
 *       empty staging directory within {@link io.cocoatly.artifact.ExtractionLimits}, reading it
 *       whole or refusing it whole: an {@link io.cocoatly.artifact.ArchiveException} names the
 *       entry and the {@link io.cocoatly.artifact.ArchiveRule} it breaks. What was extracted is an
 *       {@link io.cocoatly.artifact.ExtractedPackage} of {@link io.cocoatly.artifact.ExtractedFile}s,
 *       for the installer's state and {@code cocoatly verify}.</li>
 * </ul>
 *
 * <p>Publishing uses the other half: {@link io.cocoatly.artifact.Ed25519Keys} writes a key pair
 * ({@link io.cocoatly.artifact.KeyException} when it cannot),
 * {@link io.cocoatly.artifact.Ed25519SigningKey} reads the private one,
 * {@link io.cocoatly.artifact.ArchivePacker} packs a directory reproducibly, and
 * {@link io.cocoatly.artifact.Signatures#sign} signs name, version and sha256 together.
 * {@link io.cocoatly.artifact.StagingFiles#deleteContents} is the one tree deletion that never
 * follows a link, shared with the installer. The threat model and every rule are in
 * {@code docs/security.md}.
 */
package io.cocoatly.artifact;
