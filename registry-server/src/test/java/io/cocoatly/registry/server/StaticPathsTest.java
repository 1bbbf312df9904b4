package io.cocoatly.registry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which raw request paths name one of the protocol's files, before the file system is asked anything. */
class StaticPathsTest {

    @Test
    void theProtocolsFilesAreAccepted() {
        for (String path : List.of("registry.json", "names.json", "index/http.json", "index/a_b-c.d.json",
                "artifacts/http/http-1.2.0+build.5.tar.gz", "artifacts/http-1.0.0-rc.1.tar.gz")) {
            assertEquals(Optional.of(path), StaticFiles.relative("/" + path), path);
        }
    }

    @Test
    void everythingElseIsRefused() {
        for (String path : List.of("", "/", "registry.json", "/README.md", "/index", "/index/", "/index/http.txt",
                "/index/sub/http.json", "/artifacts/a/b/c.tar.gz", "/artifacts", "/../registry.json", "/index/..",
                "/index/../registry.json", "/index/.http.json", "/.registry.lock", "/.cocoatly-server/tokens.json",
                "/%2e%2e/x", "/index/%2e%2e%2fregistry.json", "/index/http%2ejson", "/index\\\\http.json",
                "/index/http.json\\u0000", "/index//http.json", "/index/http.json/", "/index/ http.json",
                "/index/" + "a".repeat(300) + ".json")) {
            assertEquals(Optional.empty(), StaticFiles.relative(path), path);
        }
        assertEquals(Optional.empty(), StaticFiles.relative(null));
        assertEquals(Optional.empty(), StaticFiles.relative("/index/http.json\0"));
    }

    @Test
    void aLogLineHasOneDecimalOfMilliseconds() {
        assertEquals("GET /index/x.json 200 12 B 0.0 ms", new AccessLog.Entry("GET", "/index/x.json", 200, 12, 0.04).line());
        assertEquals("PUT /api/v1/packages/new 413 60 B 12.4 ms",
                new AccessLog.Entry("PUT", "/api/v1/packages/new", 413, 60, 12.35).line());
    }
}
