package io.cocoatly.registry.server;

import java.util.Arrays;
import java.util.Optional;

/** What a token allows (docs/registry-protocol.md §2.6), as crates.io's endpoint scopes. */
public enum Scope {
    /** Publish the first version of a package. */
    PUBLISH_NEW("publish-new"),
    /** Publish a new version of a package the user owns. */
    PUBLISH_UPDATE("publish-update"),
    /** Yank and unyank versions. */
    YANK("yank"),
    /** Add and remove owners. */
    CHANGE_OWNERS("change-owners");

    private final String id;

    Scope(String id) {
        this.id = id;
    }

    /** The name in files, on the command line and in messages, e.g. {@code publish-new}. */
    public String id() {
        return id;
    }

    /** The scope named {@code id}, if any. */
    public static Optional<Scope> parse(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
