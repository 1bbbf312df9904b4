package io.cocoatly.registry.server;

import io.cocoatly.artifact.ArchivePacker;
import io.cocoatly.artifact.Checksums;
import io.cocoatly.artifact.DigestAlgorithm;
import io.cocoatly.artifact.Ed25519SigningKey;
import io.cocoatly.artifact.Signatures;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.PackageId;
import io.cocoatly.registry.RegistryEditor;
import io.cocoatly.testkit.TestRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A registry directory served by a real {@link RegistryServer} on 127.0.0.1 (its read protocol
 * straight from the directory, or through a {@link MemoryFiles} mirroring it), a user {@code alice}
 * with a signing key and an all-scopes token, and a {@link HttpClient} to talk to it. Publish
 * bodies are built as a client builds them: a packed archive, signed, framed.
 */
final class ServerFixture implements AutoCloseable {

    final Path dir;
    final Path registry;
    final DirectoryBackend backend;
    /** The source of the read protocol's files, or null when the server reads the directory itself. */
    final MemoryFiles files;
    final Ed25519SigningKey aliceKey;
    final String aliceToken;
    final List<AccessLog.Entry> log = new CopyOnWriteArrayList<>();
    final List<String> faults = new CopyOnWriteArrayList<>();
    final RegistryServer server;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    ServerFixture(Path dir) {
        this(dir, ServerOptions.defaults());
    }

    ServerFixture(Path dir, ServerOptions options) {
        this(dir, options, false);
    }

    /** With {@code throughFiles}, the server reads its files from a {@link MemoryFiles} mirroring the directory. */
    ServerFixture(Path dir, ServerOptions options, boolean throughFiles) {
        this.dir = dir;
        this.registry = dir.resolve("registry");
        RegistryEditor.init(registry, "team");
        backend = new DirectoryBackend(registry);
        aliceKey = TestRegistry.newKey(dir.resolve("keys-alice"));
        backend.addUser("alice", aliceKey.publicKey());
        aliceToken = backend.createToken("alice", EnumSet.allOf(Scope.class), List.of("*"), Optional.empty()).text();
        files = throughFiles ? MemoryFiles.mirroring(registry) : null;
        AccessLog accessLog = new AccessLog() {
            @Override
            public void log(Entry entry) {
                log.add(entry);
            }

            @Override
            public void fault(String message) {
                faults.add(message);
            }
        };
        server = throughFiles ? RegistryServer.start(files, backend, options, accessLog)
                : RegistryServer.start(registry, backend, options, accessLog);
    }

    URI url(String path) {
        return server.url().resolve(path);
    }

    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url(path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    HttpResponse<String> publish(byte[] body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url("api/v1/packages/new")).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    HttpResponse<String> publish(String name, String version, Map<String, String> deps) {
        return publish(body(name, version, deps, aliceKey), aliceToken);
    }

    HttpResponse<String> write(String method, String path, String json, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url(path)).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    /** A package directory's archive: cocoatly.json with {@code manifestVersion} and deps, and one file. */
    byte[] archive(String name, String manifestVersion, Map<String, String> deps) {
        try {
            Path src = Files.createTempDirectory(dir, "src-");
            Files.writeString(src.resolve("cocoatly.json"), manifest(name, manifestVersion, deps));
            Files.writeString(src.resolve("README.md"), "# " + name + " " + manifestVersion + "\n");
            Path archive = Files.createTempFile(dir, "archive-", ".tar.gz");
            Files.delete(archive);
            ArchivePacker.pack(src, archive);
            return Files.readAllBytes(archive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] body(String name, String version, Map<String, String> deps, Ed25519SigningKey key) {
        byte[] archive = archive(name, version, deps);
        return frame(metadata(name, version, deps, sign(key, name, version, archive)), archive);
    }

    static Artifact.Signature sign(Ed25519SigningKey key, String name, String version, byte[] archive) {
        try {
            Path tmp = Files.createTempFile("sign-", ".tar.gz");
            Files.write(tmp, archive);
            String sha256 = Checksums.of(tmp, Set.of(DigestAlgorithm.SHA256)).get(DigestAlgorithm.SHA256).orElseThrow();
            Files.delete(tmp);
            return Signatures.sign(key, PackageId.of(name, version), sha256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String manifest(String name, String version, Map<String, String> deps) {
        return "{\"name\": \"" + name + "\", \"version\": \"" + version + "\", \"dependencies\": " + object(deps) + "}\n";
    }

    static String metadata(String name, String version, Map<String, String> deps, Artifact.Signature sig) {
        return "{\"name\": \"" + name + "\", \"version\": \"" + version + "\", \"dependencies\": " + object(deps)
                + ", \"signature\": {\"key\": \"" + sig.key() + "\", \"ed25519\": \"" + sig.ed25519() + "\"}"
                + ", \"description\": \"the " + name + " package\", \"license\": \"MIT\", \"keywords\": []}";
    }

    static String object(Map<String, String> map) {
        return map.entrySet().stream().map(e -> "\"" + e.getKey() + "\": \"" + e.getValue() + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
    }

    static byte[] frame(String metadata, byte[] archive) {
        byte[] meta = metadata.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(le(meta.length));
        out.writeBytes(meta);
        out.writeBytes(le(archive.length));
        out.writeBytes(archive);
        return out.toByteArray();
    }

    static byte[] le(int n) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(n).array();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** The status line and header lines of one raw HTTP/1.1 response. */
    static List<String> rawHead(java.io.DataInputStream in) throws IOException {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) >= 0; ) {
            if (c == '\n') {
                String text = line.toString().strip();
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(text);
                line.setLength(0);
            } else {
                line.append((char) c);
            }
        }
        throw new java.io.EOFException("the connection closed after " + lines);
    }

    /** The Content-Length of a response whose head {@link #rawHead} read. */
    static int rawLength(List<String> head) {
        return head.stream().filter(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
                .map(h -> Integer.parseInt(h.substring(h.indexOf(':') + 1).strip())).findFirst().orElseThrow();
    }
}
