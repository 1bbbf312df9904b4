package io.cocoatly.artifact;

import io.cocoatly.model.ErrorKind;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cocoatly.json.FileModes;
import io.cocoatly.json.StrictJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Reads and writes the two small JSON key file formats (see {@code docs/security.md}).
 */
final class KeyFiles {

    static final String PUBLIC_FORMAT = "cocoatly-ed25519-public-v1";
    static final String PRIVATE_FORMAT = "cocoatly-ed25519-private-v1";

    // jackson-core only: trusted keys are read on every install, and initialising databind's
    // ObjectMapper would add about 0.1 s to each. Reading is as lenient as ObjectMapper.readTree
    // (the first value counts; a repeated key keeps its last value).
    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private KeyFiles() {
    }

    static Ed25519Keys.GeneratedKey write(Path dir, Ed25519SigningKey key) {
        Path privateFile = dir.resolve(Ed25519Keys.PRIVATE_KEY_FILE);
        Path publicFile = dir.resolve(Ed25519Keys.PUBLIC_KEY_FILE);
        for (Path p : List.of(privateFile, publicFile)) {
            if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw exists(p);
            }
        }
        try {
            Files.createDirectories(dir);
            ObjectNode pub = NODES.objectNode();
            pub.put("format", PUBLIC_FORMAT);
            pub.put("key_id", key.keyId());
            pub.put("public_key", key.publicKey().base64());
            ObjectNode priv = NODES.objectNode();
            priv.put("format", PRIVATE_FORMAT);
            priv.put("key_id", key.keyId());
            byte[] seed = key.privateSeed();
            priv.put("private_key", Base64.getEncoder().encodeToString(seed));
            Arrays.fill(seed, (byte) 0);
            priv.put("public_key", key.publicKey().base64());
            // The private key is written first and with its final permissions from creation on, so
            // there is no moment at which another user could open it.
            createNew(privateFile, bytes(priv), FileModes.OWNER_ONLY);
            createNew(publicFile, bytes(pub), FileModes.shared());
        } catch (FileAlreadyExistsException e) {
            throw exists(Path.of(e.getFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Ed25519Keys.GeneratedKey(key.keyId(), privateFile, publicFile);
    }

    static Ed25519PublicKey readPublic(Path file) {
        JsonNode node = readJson(file, PUBLIC_FORMAT);
        Ed25519PublicKey key = decodePublic(file, node);
        checkKeyId(file, node, key);
        return key;
    }

    static Ed25519SigningKey readPrivate(Path file) {
        // The format is looked at before the permissions: a public key is readable by design, and
        // "accessible by others" would send its owner to chmod instead of to the private key.
        refusePublicKey(file);
        checkOwnerOnly(file);
        JsonNode node = readJson(file, PRIVATE_FORMAT);
        byte[] seed = decode(file, node, "private_key", Ed25519PrivateKeyParameters.KEY_SIZE);
        Ed25519SigningKey key = new Ed25519SigningKey(new Ed25519PrivateKeyParameters(seed, 0));
        Arrays.fill(seed, (byte) 0);
        if (!key.publicKey().equals(decodePublic(file, node))) {
            throw invalid(file, "`public_key` does not match `private_key`");
        }
        checkKeyId(file, node, key.publicKey());
        return key;
    }

    /**
     * Creates {@code file} with {@code mode} from its {@code open} call on, so a secret is never
     * readable by others, not even for a moment; then sets the mode exactly, whatever the umask took.
     */
    private static void createNew(Path file, byte[] content, int mode) throws IOException {
        try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(file,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                FileModes.createAttributes(file.getParent(), mode)))) {
            out.write(content);
        }
        FileModes.set(file, mode);
    }

    /**
     * Refuses a public key file where the private key is expected, naming the private key that
     * {@code cocoatly keygen} writes beside it.
     */
    private static void refusePublicKey(Path file) {
        JsonNode node;
        try {
            node = readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            // Missing or malformed: readJson says which, after the permission check.
            return;
        }
        if (node != null && node.isObject() && PUBLIC_FORMAT.equals(node.path("format").asText(""))) {
            Path sibling = file.resolveSibling(Ed25519Keys.PRIVATE_KEY_FILE);
            throw new KeyException(ErrorKind.INVALID_INPUT, "public-key-given", "`" + file
                    + "` is a public key (" + PUBLIC_FORMAT + "); signing needs the private key",
                    List.of("pass the private key written beside it by `cocoatly keygen`: " + sibling,
                            "the public key is what users add to security.trusted_keys"));
        }
    }

    private static void checkOwnerOnly(Path file) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null || !Files.exists(file)) {
            return;
        }
        Set<PosixFilePermission> perms;
        try {
            perms = view.readAttributes().permissions();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EnumSet<PosixFilePermission> others = EnumSet.copyOf(perms);
        others.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
        if (!others.isEmpty()) {
            throw new KeyException(ErrorKind.FAILED, "key-file-permissions", "private key file `" + file
                    + "` is accessible by others: " + PosixFilePermissions.toString(perms),
                    List.of("restrict it to its owner: chmod 600 " + file));
        }
    }

    private static JsonNode readJson(Path file, String format) {
        JsonNode node;
        try {
            node = readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new KeyException(ErrorKind.INVALID_INPUT, "invalid-key-file", "key file `" + file + "` does not exist",
                    List.of("create a key pair with `cocoatly keygen --out DIR`"));
        } catch (IOException e) {
            throw invalid(file, StrictJson.syntaxProblem(e));
        }
        if (node == null || !node.isObject()) {
            throw invalid(file, "expected a JSON object");
        }
        String found = node.path("format").asText("");
        if (!format.equals(found)) {
            throw invalid(file, "`format` is `" + found + "`, expected `" + format + "`");
        }
        return node;
    }

    private static JsonNode readTree(byte[] bytes) throws IOException {
        try (JsonParser parser = JSON.createParser(bytes)) {
            return parser.nextToken() == null ? null : readValue(parser);
        }
    }

    private static JsonNode readValue(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            ObjectNode object = NODES.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                parser.nextToken();
                object.set(key, readValue(parser));
            }
            return object;
        } else if (token == JsonToken.START_ARRAY) {
            ArrayNode array = NODES.arrayNode();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                array.add(readValue(parser));
            }
            return array;
        } else if (token == JsonToken.VALUE_STRING) {
            return NODES.textNode(parser.getText());
        } else if (token == JsonToken.VALUE_NUMBER_INT) {
            return NODES.numberNode(parser.getBigIntegerValue());
        } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            return NODES.numberNode(parser.getDoubleValue());
        } else if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
        } else if (token == JsonToken.VALUE_NULL) {
            return NODES.nullNode();
        }
        // The parser reports misplaced tokens itself; no other token can start a value.
        throw new AssertionError(token);
    }

    private static Ed25519PublicKey decodePublic(Path file, JsonNode node) {
        return new Ed25519PublicKey(decode(file, node, "public_key", Ed25519PublicKey.LENGTH));
    }

    private static byte[] decode(Path file, JsonNode node, String field, int length) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw invalid(file, "`" + field + "` is missing or not a string");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(value.asText());
        } catch (IllegalArgumentException e) {
            throw invalid(file, "`" + field + "` is not base64");
        }
        if (raw.length != length) {
            throw invalid(file, "`" + field + "` decodes to " + raw.length + " bytes, expected " + length);
        }
        return raw;
    }

    private static void checkKeyId(Path file, JsonNode node, Ed25519PublicKey key) {
        String id = node.path("key_id").asText("");
        if (!key.keyId().equals(id)) {
            throw invalid(file, "`key_id` is `" + id + "` but the key's id is `" + key.keyId() + "`");
        }
    }

    private static byte[] bytes(ObjectNode node) throws IOException {
        // Only string members: the default pretty printer's `"key" : "value"` layout, as before.
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(text)) {
            out.setPrettyPrinter(new DefaultPrettyPrinter());
            out.writeStartObject();
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                out.writeStringField(member.getKey(), member.getValue().textValue());
            }
            out.writeEndObject();
        }
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static KeyException exists(Path file) {
        return new KeyException(ErrorKind.FAILED, "key-exists", "key file `" + file + "` already exists",
                List.of("choose another directory with --out, or replace the pair with `cocoatly keygen --out "
                        + file.getParent() + " --force` (what the old key signed stays signed by it)"));
    }

    private static KeyException invalid(Path file, String problem) {
        return new KeyException(ErrorKind.INVALID_INPUT, "invalid-key-file", "invalid key file `" + file + "`: " + problem,
                List.of("key files are written by `cocoatly keygen`; see docs/security.md for the format"));
    }
}
