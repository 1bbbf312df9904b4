package io.cocoatly.registry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 20 publishes at once, of different versions and of the same one: each is in the index with its archive, or refused. */
class ConcurrentPublishTest {

    @TempDir
    Path dir;

    @Test
    void twentyConcurrentPublishes() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            List<byte[]> bodies = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                bodies.add(f.body("http", "1.0." + i, Map.of(), f.aliceKey));
            }
            for (int i = 0; i < 10; i++) {
                // The same version ten times, each with other bytes: its dependencies differ.
                bodies.add(f.body("http", "2.0.0", Map.of("dep" + i, "^1.0"), f.aliceKey));
            }
            ExecutorService pool = Executors.newFixedThreadPool(20);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> results = new ArrayList<>();
            for (byte[] body : bodies) {
                results.add(pool.submit(() -> {
                    start.await();
                    return f.publish(body, f.aliceToken);
                }));
            }
            start.countDown();
            List<Integer> distinct = new ArrayList<>();
            List<Integer> same = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                HttpResponse<String> r = results.get(i).get();
                (i < 10 ? distinct : same).add(r.statusCode());
            }
            pool.shutdown();
            assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 200, 200, 200), distinct);
            assertEquals(1, same.stream().filter(s -> s == 200).count(), same.toString());
            assertEquals(9, same.stream().filter(s -> s == 409).count(), same.toString());

            List<String> versions = Consistency.check(f.registry, "http");
            TreeSet<String> expected = new TreeSet<>();
            for (int i = 0; i < 10; i++) {
                expected.add("1.0." + i);
            }
            expected.add("2.0.0");
            assertEquals(expected, new TreeSet<>(versions));
            assertEquals(11, versions.size());
            assertEquals(11, f.backend.packageInfo(io.cocoatly.model.PackageName.of("http")).versions().size());
        }
    }
}
