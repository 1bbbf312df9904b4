package io.cocoatly.transport;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** A small body fetched into memory by {@link Transport#getBytes}, with what the get found. */
public final class FetchedBytes {

    private final GetOutcome outcome;
    private final byte[] bytes;

    FetchedBytes(GetOutcome outcome, byte[] bytes) {
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.bytes = bytes.clone();
    }

    /** {@link GetOutcome.NotModified} (then there are no bytes) or {@link GetOutcome.ModifiedOrNew}. */
    public GetOutcome outcome() {
        return outcome;
    }

    /** True if a body arrived, i.e. the outcome is {@link GetOutcome.ModifiedOrNew}. */
    public boolean modified() {
        return outcome instanceof GetOutcome.ModifiedOrNew;
    }

    /** A copy of the body; empty when not modified. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The body as UTF-8 text; empty when not modified. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "FetchedBytes[" + outcome + ", " + bytes.length + " bytes]";
    }
}
