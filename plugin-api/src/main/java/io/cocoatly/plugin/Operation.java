package io.cocoatly.plugin;

/**
 * What the user asked for. {@code install}, {@code update}, {@code add}, {@code remove} (which
 * relock and apply a lockfile) and {@code install --reinstall} are all {@link #INSTALL}: the
 * installation is made to match a lockfile. {@code uninstall} is {@link #UNINSTALL}.
 */
public enum Operation {
    /** Applying a lockfile: packages are installed, updated, reinstalled or removed. */
    INSTALL,
    /** Removing named packages (and the orphans they leave). */
    UNINSTALL
}
