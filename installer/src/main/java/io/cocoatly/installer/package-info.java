/**
 * Applying a lockfile: plan, fetch, stage, commit; the install state, the install lock, recovery
 * and the IPC tools. This package is the installer's whole public API. Checking and unpacking an
 * artifact is {@code io.cocoatly.artifact}'s job, HTTP is {@code io.cocoatly.transport}'s; this
 * package puts them in order.
 *
 * <p>The artifact pipeline, in the order an install runs it:
 * <ul>
 *   <li>{@link io.cocoatly.installer.Downloader} fetches {@link io.cocoatly.installer.DownloadRequest}s
 *       (at most N at once, with retries) into a content-addressed cache, reporting to a
 *       {@link io.cocoatly.installer.DownloadListener};</li>
 *   <li>{@link io.cocoatly.artifact.ArtifactVerifier} checks the signature
 *       ({@link io.cocoatly.artifact.Signatures}, {@link io.cocoatly.artifact.TrustedKeys}) before the
 *       download and every digest ({@link io.cocoatly.artifact.Checksums}) and the size after it;</li>
 *   <li>{@link io.cocoatly.artifact.ArchiveExtractor} unpacks a verified {@code .tar.gz} into staging,
 *       refusing any archive that breaks an {@link io.cocoatly.artifact.ArchiveRule}.</li>
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
 * {@link io.cocoatly.installer.InstallSettings} turns the configuration into the pipeline's settings.
 * A caller that keeps a record beside {@code state.json} (the CLI's {@code global.json}) decides the
 * lockfile from the state and records its change under the same lock, through
 * {@code Installer.apply(decide, hook, listener)} and a {@link io.cocoatly.installer.CommitHook}.
 * An uninstall is planned as data too ({@link io.cocoatly.installer.UninstallPlan}: what was asked
 * for, the orphans only those needed, who would miss a dependency), so a dry run shows exactly what
 * the uninstall would do; {@link io.cocoatly.installer.InstallRequest.Reinstall} asks an install to
 * unpack again what {@code verify} finds damaged.
 *
 * <p>The threat model and every rule are written down in {@code docs/security.md}.
 */
package io.cocoatly.installer;
