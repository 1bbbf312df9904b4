/**
 * The lockfile {@code cocoatly-lock.json}: the contract between the solver and the installer.
 * Immutable records ({@link io.cocoatly.lockfile.Lockfile} and its parts), a byte-for-byte
 * reproducible {@link io.cocoatly.lockfile.LockfileWriter}, a strict
 * {@link io.cocoatly.lockfile.LockfileReader}, the manifest's
 * {@link io.cocoatly.lockfile.RequirementsDigest} and the {@link io.cocoatly.lockfile.LockfileDiff}
 * that {@code lock}, {@code update} and {@code install} print. Format 2 records each
 * {@link io.cocoatly.lockfile.LockedSource} and absolute artifact URLs, so installing needs only the
 * lockfile; format 1 is still read. No SAT here: the installer reads lockfiles without pulling in
 * the solver. The format is documented in {@code docs/lockfile.md}.
 */
package io.cocoatly.lockfile;
