package io.cocoatly.cli;

/** The global {@code --color} choice: colour on a terminal only, always, or never. */
public enum ColorChoice {
    /** Colour when the stream is a terminal, unless {@code NO_COLOR} is set; {@code FORCE_COLOR} forces it. */
    AUTO,
    /** Colour even through a pipe or into a file. */
    ALWAYS,
    /** No colour at all. */
    NEVER
}
