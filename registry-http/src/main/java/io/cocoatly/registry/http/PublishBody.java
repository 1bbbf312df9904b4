package io.cocoatly.registry.http;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The body of {@code PUT /api/v1/packages/new}, framed as crates.io frames it: a 32-bit
 * little-endian length, that many bytes of JSON metadata, another 32-bit little-endian length, that
 * many bytes of the {@code .tar.gz} archive (docs/registry-protocol.md §2.1).
 */
final class PublishBody {

    private PublishBody() {
    }

    /** The framed body. */
    static byte[] frame(byte[] json, byte[] archive) {
        ByteBuffer body = ByteBuffer.allocate(Math.addExact(8, Math.addExact(json.length, archive.length)))
                .order(ByteOrder.LITTLE_ENDIAN);
        body.putInt(json.length).put(json).putInt(archive.length).put(archive);
        return body.array();
    }
}
