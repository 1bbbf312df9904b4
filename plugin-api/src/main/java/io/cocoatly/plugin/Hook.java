package io.cocoatly.plugin;

import java.util.Locale;

/**
 * The positions in the install and uninstall pipeline where plugins run, with the original design's
 * names. Pre-hooks may veto; post-hooks only report.
 */
public enum Hook {
    /** Before an install changes anything; may veto. */
    ON_PRE_INSTALL(true),
    /** After an install's commit. */
    ON_POST_INSTALL(false),
    /** Before an uninstall changes anything; may veto. */
    ON_PRE_UNINSTALL(true),
    /** After an uninstall's commit. */
    ON_POST_UNINSTALL(false),
    /** After an install's commit, for the installed packages whose version changed. */
    ON_PACKAGE_UPDATE(false);

    private final boolean pre;

    Hook(boolean pre) {
        this.pre = pre;
    }

    /** Whether this hook runs before the change and may veto it. */
    public boolean isPre() {
        return pre;
    }

    /** The name in {@code config.json}'s {@code hooks} section and in {@code COCOATLY_HOOK}, e.g. {@code on_pre_install}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
