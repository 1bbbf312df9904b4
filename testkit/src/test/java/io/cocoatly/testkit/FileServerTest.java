package io.cocoatly.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loopback file server, spoken to by a real HTTP client. */
class FileServerTest {

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<byte[]> get(URI uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesTheFilesBelowItsRootOnLoopbackAndCountsRequests() throws Exception {
        Path root = Files.createDirectories(dir.resolve("registry"));
        Files.createDirectories(root.resolve("index"));
        Files.writeString(root.resolve("index/a.json"), "{\"name\": \"a\"}\n");
        Files.writeString(root.resolve("empty"), "");

        try (FileServer server = FileServer.of(root)) {
            assertEquals("127.0.0.1", server.uri().getHost());
            assertTrue(server.uri().toString().endsWith("/"), server.uri().toString());
            HttpResponse<byte[]> a = get(server.uri().resolve("index/a.json"));
            assertEquals(200, a.statusCode());
            assertEquals("{\"name\": \"a\"}\n", new String(a.body(), StandardCharsets.UTF_8));
            HttpResponse<byte[]> empty = get(server.uri().resolve("empty"));
            assertEquals(200, empty.statusCode());
            assertEquals(0, empty.body().length);
            assertEquals(404, get(server.uri().resolve("index/b.json")).statusCode());
            assertEquals(404, get(server.uri().resolve("index")).statusCode(), "a directory is not served");
            assertEquals(4, server.requests());
        }
    }

    @Test
    void neverServesAFileOutsideItsRoot() throws Exception {
        Path root = Files.createDirectories(dir.resolve("registry"));
        Files.writeString(dir.resolve("secret"), "do not serve\n");

        try (FileServer server = FileServer.of(root)) {
            // Written on a raw socket: an HTTP client would remove the `..` before sending.
            try (Socket socket = new Socket(server.uri().getHost(), server.uri().getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write("GET /../secret HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                assertTrue(answer.startsWith("HTTP/1.1 404"), answer);
                assertTrue(!answer.contains("do not serve"), answer);
            }
        }
    }

    @Test
    void aSlowServerSendsTheSameBytes() throws Exception {
        byte[] bytes = new byte[3 * 256 + 17];
        new Random(1).nextBytes(bytes);
        Files.write(dir.resolve("blob"), bytes);

        try (FileServer server = new FileServer(dir, 1)) {
            HttpResponse<byte[]> r = get(server.uri().resolve("blob"));
            assertEquals(200, r.statusCode());
            assertArrayEquals(bytes, r.body());
        }
    }
}
