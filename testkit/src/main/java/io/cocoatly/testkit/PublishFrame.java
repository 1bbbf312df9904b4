package io.cocoatly.testkit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The two parts of a publish body, read as {@link FakeRegistryApi} must read them: a 32-bit
 * little-endian length, the JSON metadata, another length, the archive, and nothing after it
 * (docs/registry-protocol.md §2.1). Written apart from the client's framing, so that a test of the
 * one can catch a mistake in the other.
 */
record PublishFrame(byte[] json, byte[] archive) {

    /**
     * Splits {@code body}.
     *
     * @throws IllegalArgumentException naming what is wrong with the framing
     */
    static PublishFrame read(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        if (body.length < 4) {
            throw new IllegalArgumentException(body.length + " bytes, no metadata length");
        }
        long jsonLength = Integer.toUnsignedLong(in.getInt());
        if (jsonLength > in.remaining() - 4L) {
            throw new IllegalArgumentException("metadata length " + jsonLength + " runs past the body");
        }
        byte[] json = new byte[(int) jsonLength];
        in.get(json);
        long archiveLength = Integer.toUnsignedLong(in.getInt());
        if (archiveLength != in.remaining()) {
            throw new IllegalArgumentException("archive length " + archiveLength + ", but " + in.remaining()
                    + " bytes follow");
        }
        byte[] archive = new byte[(int) archiveLength];
        in.get(archive);
        return new PublishFrame(json, archive);
    }
}
