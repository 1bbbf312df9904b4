/**
 * Applying a lockfile: download, verify, extract, record. This package is the installer's whole
 * public API; OkHttp, BouncyCastle and commons-compress stay behind package-private classes.
 *
 * <p>The artifact pipeline, in the order an install runs it:
 * <ul>
 *   <li>{@link io.cocoatly.installer.Downloader} fetches {@link io.cocoatly.installer.DownloadRequest}s
 *       (at most N at once, with retries) into a content-addressed cache, reporting to a
 *       {@link io.cocoatly.installer.DownloadListener};</li>
 *   <li>{@link io.cocoatly.installer.ArtifactVerifier} checks the signature
 *       ({@link io.cocoatly.installer.Signatures}, {@link io.cocoatly.installer.TrustedKeys}) before the
 *       download and every digest ({@link io.cocoatly.artifact.Checksums}) and the size after it;</li>
 *   <li>{@link io.cocoatly.installer.ArchiveExtractor} unpacks a verified {@code .tar.gz} into staging,
 *       refusing any archive that breaks an {@link io.cocoatly.installer.ArchiveRule}.</li>
 * </ul>
 * Applying a lockfile puts them together. {@link io.cocoatly.installer.InstallPlanner} first turns a
 * lockfile and the current {@link io.cocoatly.installer.State} into an
 * {@link io.cocoatly.installer.InstallPlan} (keep, install, upgrade, reinstall, remove; cache or
 * download), as data. An {@link io.cocoatly.installer.Installer} executes it:
 * {@link io.cocoatly.installer.LocalInstaller} in this process, under the
 * {@link io.cocoatly.installer.InstallLock}, after {@link io.cocoatly.installer.HomeRecovery}, as one
 * pipeline of small steps (fetch and verify everything, extract into staging, rename into place and
 * commit {@code state.json} once, then delete what went), reporting to an
 * {@link io.cocoatly.installer.InstallListener}; {@link io.cocoatly.installer.ExternalInstaller} hands
 * the same operations to another program over the JSON protocol of {@code docs/ipc.md}, which
 * {@link io.cocoatly.installer.InstallerTool} implements for {@code bin/cocoatly-install} and friends.
 * {@link io.cocoatly.installer.InstallSettings} turns {@code config.json} into the pipeline's settings.
 *
 * <p>Publishing uses the other half: {@link io.cocoatly.installer.Ed25519Keys},
 * {@link io.cocoatly.installer.ArchivePacker} and {@link io.cocoatly.installer.Signatures#sign}. The
 * threat model and every rule are written down in {@code docs/security.md}.
 */
package io.cocoatly.installer;

import io.cocoatly.artifact.TrustedKeys;
import io.cocoatly.artifact.Signatures;
import io.cocoatly.artifact.Ed25519Keys;
import io.cocoatly.artifact.Checksums;
import io.cocoatly.artifact.ArtifactVerifier;
import io.cocoatly.artifact.ArchiveRule;
import io.cocoatly.artifact.ArchivePacker;
import io.cocoatly.artifact.ArchiveExtractor;