package io.cocoatly.registry.db;

import io.cocoatly.model.Version;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A version as bytes whose unsigned order is the order the index files use: SemVer precedence, then
 * the version's text (so versions differing only in build metadata still have a fixed order). Stored
 * in {@code package_versions.sort_key}, so {@code ORDER BY sort_key} is version order and the newest
 * version is one index lookup.
 *
 * <pre>
 * key(v)   = u64(major) u64(minor) u64(patch) pre(v) build(v)
 * pre(v)   = 0xFF                                  if v has no pre-release (a release follows its pre-releases)
 *          | id(p₁) … id(pₙ) 0x00                  otherwise (fewer identifiers sort first)
 * id(p)    = 0x01 u8(|p|) ascii(p)                 numeric identifiers (no leading zeros, so longer is larger), before
 *          | 0x02 ascii(p) 0x00                    alphanumeric ones, compared in ASCII order
 * build(v) = ascii("+" b₁ "." … bₘ)                or nothing; compared only when precedence is equal
 * </pre>
 */
final class VersionKey {

    private VersionKey() {
    }

    /** The key of {@code version}. */
    static byte[] of(Version version) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        u64(out, version.major());
        u64(out, version.minor());
        u64(out, version.patch());
        if (version.prerelease().isEmpty()) {
            out.write(0xFF);
        } else {
            for (String id : version.prerelease()) {
                if (numeric(id)) {
                    // Any length (a version is at most 128 characters): by length, then digit by digit.
                    out.write(0x01);
                    out.write(id.length());
                    out.writeBytes(id.getBytes(StandardCharsets.US_ASCII));
                } else {
                    out.write(0x02);
                    out.writeBytes(id.getBytes(StandardCharsets.US_ASCII));
                    out.write(0x00);
                }
            }
            out.write(0x00);
        }
        if (!version.build().isEmpty()) {
            out.writeBytes(("+" + String.join(".", version.build())).getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    private static boolean numeric(String id) {
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return false;
            }
        }
        return !id.isEmpty();
    }

    private static void u64(ByteArrayOutputStream out, long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift) & 0xFF);
        }
    }
}
