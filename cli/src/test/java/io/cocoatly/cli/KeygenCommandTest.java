package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocoatly.artifact.Ed25519PublicKey;
import io.cocoatly.artifact.Ed25519SigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenCommandTest {

    private static final Pattern KEY_ID = Pattern.compile("^key id: (ed25519:[0-9a-f]{16})$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    private CliRunner.Result run(String... args) {
        return CliRunner.in(dir).run(args);
    }

    private static String keyId(CliRunner.Result r) {
        Matcher m = KEY_ID.matcher(r.out());
        assertTrue(m.find(), r.out());
        return m.group(1);
    }

    @Test
    void writesAnOwnerOnlyPrivateKeyAndPrintsTheIdOfThePublicOne() throws IOException {
        CliRunner.Result r = run("keygen", "--out", "keys");
        assertEquals(0, r.exitCode(), r.err());
        Path priv = dir.resolve("keys/cocoatly.key");
        Path pub = dir.resolve("keys/cocoatly.pub");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)));
        String id = keyId(r);
        assertEquals(Ed25519PublicKey.read(pub).keyId(), id);
        assertEquals(Ed25519SigningKey.read(priv).publicKey(), Ed25519PublicKey.read(pub));
        assertEquals("key id: " + id + "\n"
                + "private key: " + priv + " (owner only; keep it secret)\n"
                + "public key: " + pub + " (add it to security.trusted_keys to trust this publisher)\n", r.out());
    }

    @Test
    void refusesToOverwriteAKeyWithoutForce() throws IOException {
        assertEquals(0, run("keygen", "--out", "keys").exitCode());
        byte[] before = Files.readAllBytes(dir.resolve("keys/cocoatly.key"));
        CliRunner.Result again = run("keygen", "--out", "keys");
        assertEquals(4, again.exitCode());
        assertEquals("error: key file `" + dir.resolve("keys/cocoatly.key") + "` already exists\n"
                + "hint: choose another directory with --out, or replace the pair with `cocoatly keygen --out "
                + dir.resolve("keys") + " --force` (what the old key signed stays signed by it)\n", again.err());
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("keys/cocoatly.key")));
    }

    @Test
    void forceReplacesThePair() throws IOException {
        String first = keyId(run("keygen", "--out", "keys"));
        CliRunner.Result r = run("keygen", "--out", "keys", "--force");
        assertEquals(0, r.exitCode(), r.err());
        String second = keyId(r);
        assertNotEquals(first, second);
        assertEquals(second, Ed25519PublicKey.read(dir.resolve("keys/cocoatly.pub")).keyId());
        assertEquals(second, Ed25519SigningKey.read(dir.resolve("keys/cocoatly.key")).keyId());
    }

    @Test
    void jsonNamesTheKeyAndItsFiles() throws IOException {
        CliRunner.Result r = run("keygen", "--out", "k", "--json");
        assertEquals(0, r.exitCode());
        JsonNode data = Json.mapper().readTree(r.out()).get("data");
        assertEquals(Ed25519PublicKey.read(dir.resolve("k/cocoatly.pub")).keyId(), data.get("key_id").asText());
        assertEquals(dir.resolve("k/cocoatly.key").toString(), data.get("private_key").asText());
        CliRunner.Result refused = run("keygen", "--out", "k", "--json");
        JsonNode error = Json.mapper().readTree(refused.out()).get("error");
        assertEquals("key-exists", error.get("code").asText());
        assertEquals(4, refused.exitCode());
    }
}
