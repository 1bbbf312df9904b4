package io.cocoatly.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cocoatly.model.Artifact;
import io.cocoatly.model.PackageId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key files and the signature over name, version and sha256 together. */
class SignaturesTest {

    private static final PackageId ID = PackageId.of("left-pad", "1.3.0");
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String OTHER_SHA = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";

    @TempDir
    Path dir;

    private Ed25519Keys.GeneratedKey generated;
    private Ed25519SigningKey key;
    private TrustedKeys trusted;

    @BeforeEach
    void keys() {
        generated = Ed25519Keys.generate(dir.resolve("keys"));
        key = Ed25519SigningKey.read(generated.privateKeyFile());
        trusted = TrustedKeys.of(List.of(Ed25519PublicKey.read(generated.publicKeyFile())));
    }

    @Test
    void privateKeyFileIsOwnerOnlyAndIdsAgree() throws IOException {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(generated.privateKeyFile())));
        assertTrue(generated.keyId().matches("ed25519:[0-9a-f]{16}"), generated.keyId());
        assertEquals(generated.keyId(), key.keyId());
        Ed25519PublicKey pub = Ed25519PublicKey.read(generated.publicKeyFile());
        assertEquals(pub, Ed25519PublicKey.parse(pub.base64()));
        assertEquals("ed25519:" + Ed25519PublicKey.sha256Hex(pub.raw()).substring(0, 16), pub.keyId());
    }

    @Test
    void thePublicKeyFileIsReadableLikeAnyNewFile() throws IOException {
        assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null);
        String plain = PosixFilePermissions.toString(Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain"))));
        assertEquals(plain, PosixFilePermissions.toString(Files.getPosixFilePermissions(generated.publicKeyFile())));
    }

    @Test
    void signThenVerifyRoundTrips() {
        Artifact.Signature sig = Signatures.sign(key, ID, SHA);
        assertEquals(key.keyId(), sig.key());
        Signatures.verify(ID, SHA, sig, trusted);
    }

    @Test
    void theSignedMessageIsCanonical() {
        assertEquals("cocoatly-signature-v1\nleft-pad\n1.3.0\nsha256:" + SHA + "\n",
                new String(Signatures.message(ID, SHA), StandardCharsets.UTF_8));
    }

    @Test
    void aSignatureCannotBeReplayedForAnotherNameVersionOrDigest() {
        Artifact.Signature sig = Signatures.sign(key, ID, SHA);
        for (Runnable replay : List.<Runnable>of(
                () -> Signatures.verify(PackageId.of("left-pads", "1.3.0"), SHA, sig, trusted),
                () -> Signatures.verify(PackageId.of("left-pad", "1.3.1"), SHA, sig, trusted),
                () -> Signatures.verify(ID, OTHER_SHA, sig, trusted))) {
            VerificationException e = assertThrows(VerificationException.class, replay::run);
            assertEquals("bad-signature", e.code());
        }
    }

    @Test
    void tamperedSignatureBytesFail() {
        Artifact.Signature sig = Signatures.sign(key, ID, SHA);
        char[] chars = sig.ed25519().toCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        VerificationException e = assertThrows(VerificationException.class,
                () -> Signatures.verify(ID, SHA, new Artifact.Signature(sig.key(), new String(chars)), trusted));
        assertEquals("bad-signature", e.code());
        assertEquals(ID, e.packageId());
        assertTrue(e.getMessage().startsWith("`left-pad@1.3.0` failed verification: bad signature by key `"),
                e.getMessage());
    }

    @Test
    void unknownKeyIsRefusedNamingThePackageAndTheKey() {
        Ed25519SigningKey stranger = Ed25519SigningKey.read(Ed25519Keys.generate(dir.resolve("other")).privateKeyFile());
        Artifact.Signature sig = Signatures.sign(stranger, ID, SHA);

        VerificationException e = assertThrows(VerificationException.class, () -> Signatures.verify(ID, SHA, sig, trusted));
        assertEquals("unknown-signing-key", e.code());
        assertEquals("`left-pad@1.3.0` failed verification: signed by unknown key: `" + stranger.keyId() + "`",
                e.getMessage());
    }

    @Test
    void wrongKeyUnderATrustedIdFails() {
        Ed25519SigningKey stranger = Ed25519SigningKey.read(Ed25519Keys.generate(dir.resolve("other")).privateKeyFile());
        Artifact.Signature forged = new Artifact.Signature(key.keyId(), Signatures.sign(stranger, ID, SHA).ed25519());

        VerificationException e = assertThrows(VerificationException.class, () -> Signatures.verify(ID, SHA, forged, trusted));
        assertEquals("bad-signature", e.code());
    }

    @Test
    void generateNeverOverwritesAKey() throws IOException {
        byte[] before = Files.readAllBytes(generated.privateKeyFile());
        KeyException e = assertThrows(KeyException.class, () -> Ed25519Keys.generate(dir.resolve("keys")));
        assertEquals("key-exists", e.code());
        assertEquals(List.of(before.length), List.of(Files.readAllBytes(generated.privateKeyFile()).length));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(generated.privateKeyFile())));
    }

    @Test
    void aPrivateKeyReadableByOthersIsRefused() throws IOException {
        Files.setPosixFilePermissions(generated.privateKeyFile(), PosixFilePermissions.fromString("rw-r--r--"));
        KeyException e = assertThrows(KeyException.class, () -> Ed25519SigningKey.read(generated.privateKeyFile()));
        assertEquals("key-file-permissions", e.code());
        assertEquals(List.of("restrict it to its owner: chmod 600 " + generated.privateKeyFile()), e.hints());
    }

    @Test
    void aPublicKeyIsReadInlineOrFromItsFile() {
        Ed25519PublicKey pub = key.publicKey();
        assertEquals(pub, Ed25519PublicKey.parse(pub.base64()));
        assertEquals(pub, Ed25519PublicKey.read(dir.resolve("keys/cocoatly.pub")));
        KeyException e = assertThrows(KeyException.class, () -> Ed25519PublicKey.read(dir.resolve("nope.pub")));
        assertEquals("invalid-key-file", e.code());
    }

    @Test
    void aCorruptedPublicKeyFileIsRefused() throws IOException {
        String text = Files.readString(generated.publicKeyFile());
        Files.writeString(generated.publicKeyFile(), text.replace(generated.keyId(), "ed25519:0000000000000000"));
        KeyException e = assertThrows(KeyException.class, () -> Ed25519PublicKey.read(generated.publicKeyFile()));
        assertEquals("invalid-key-file", e.code());
        assertTrue(e.getMessage().contains("`key_id` is `ed25519:0000000000000000`"), e.getMessage());
    }
}
