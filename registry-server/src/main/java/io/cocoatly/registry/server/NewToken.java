package io.cocoatly.registry.server;

import java.util.Objects;

/**
 * A token just created: its text, shown once and then never again (the server keeps only its
 * hash), and what is stored of it.
 *
 * @param text the secret, starting with {@code cocoatly_}
 * @param info what the server keeps
 */
public record NewToken(String text, TokenInfo info) {

    /** Checks both are present. */
    public NewToken {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(info, "info");
    }

    /** Never the text, so that a token printed by accident in a log or a stack trace stays secret. */
    @Override
    public String toString() {
        return "NewToken[" + info.id() + "]";
    }
}
