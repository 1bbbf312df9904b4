package io.cocoatly.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.model.CocoatlyException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Digests against published test vectors, and the one-pass multi-digest sink. */
class DigestsTest {

    @Test
    void knownAnswersForTheEmptyStringAndAbc() throws IOException {
        assertEquals(Map.of(
                "sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "sha512", "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
                "blake3", "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262"),
                hash(new byte[0]).toMap());
        assertEquals(Map.of(
                "sha256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                "sha512", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
                "blake3", "6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85"),
                hash("abc".getBytes(StandardCharsets.US_ASCII)).toMap());
    }

    @Property(tries = 50)
    void teeWritesThroughAndHashesLikeOneShot(@ForAll byte[] data, @ForAll @IntRange(min = 1, max = 97) int chunk)
            throws IOException {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        DigestSink sink = DigestSink.tee(EnumSet.allOf(DigestAlgorithm.class), copy);
        for (int off = 0; off < data.length; off += chunk) {
            sink.write(data, off, Math.min(chunk, data.length - off));
        }
        assertEquals(data.length, sink.size());
        assertEquals(hash(data), sink.checksums());
        assertEquals(java.util.Arrays.toString(data), java.util.Arrays.toString(copy.toByteArray()));
    }

    @Test
    void checksumsRejectUppercaseAndWrongLengths() {
        CocoatlyException upper = assertThrows(CocoatlyException.class, () -> Checksums.parse(Map.of("sha256",
                "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")));
        assertEquals("invalid-checksum", upper.code());
        assertThrows(CocoatlyException.class, () -> Checksums.parse(Map.of("blake3", "abcd")));
        assertEquals("unknown-digest-algorithm",
                assertThrows(CocoatlyException.class, () -> Checksums.parse(Map.of("md5", "00"))).code());
    }

    private static Checksums hash(byte[] data) throws IOException {
        DigestSink sink = DigestSink.of(EnumSet.allOf(DigestAlgorithm.class));
        sink.write(data);
        return sink.checksums();
    }
}
