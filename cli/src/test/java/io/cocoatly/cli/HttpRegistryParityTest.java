package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cocoatly.registry.server.AccessLog;
import io.cocoatly.registry.server.RegistryServer;
import io.cocoatly.registry.server.ServerOptions;
import io.cocoatly.testkit.GoldenFile;
import io.cocoatly.testkit.StaticHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reading command gives the same output over HTTP as over the directory, whichever static host
 * serves the tree: {@code cocoatly registry serve} (strong {@code ETag}s, {@code Cache-Control}, an
 * API), the testkit's {@link StaticHost} ({@code ETag}, {@code Cache-Control}) and
 * {@code python3 -m http.server} ({@code Last-Modified} only). The exit code, stdout, stderr and the
 * lockfile written are compared with the registry's location masked as {@code <REGISTRY>}, and one
 * golden file per command, shared by the directory and both hosts, pins them.
 * {@code check} and {@code search}, which enumerate packages, read them from {@code names.json} over
 * HTTP and from {@code index/} in a directory, with the same answer.
 */
class HttpRegistryParityTest {

    /** Who serves the registry's tree. */
    enum Host { REGISTRY_SERVE, TEST_HOST, PYTHON_HTTP_SERVER }

    /** A command: its golden file's name, whether the project is locked first, its arguments. */
    private record Case(String name, boolean lockFirst, List<String> args) {
    }

    private static final Map<String, Case> CASES = cases(
            new Case("resolve", false, List.of("resolve")),
            new Case("resolve-explain", false, List.of("resolve", "--explain")),
            new Case("why", false, List.of("why", "tls")),
            new Case("lock", false, List.of("lock")),
            new Case("lock-check", true, List.of("lock", "--check")),
            new Case("update", true, List.of("update", "log")),
            new Case("outdated", true, List.of("outdated", "--all")),
            new Case("tree", true, List.of("tree")),
            new Case("install", false, List.of("install")),
            new Case("check", false, List.of("check")),
            new Case("search", false, List.of("search", "t")),
            new Case("info", false, List.of("info", "http")));

    @TempDir
    Path temp;

    static Stream<Arguments> commands() {
        List<Arguments> all = new ArrayList<>();
        for (Host host : Host.values()) {
            CASES.keySet().forEach(name -> all.add(Arguments.of(host, name)));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{1} over {0}")
    @MethodSource("commands")
    void theOutputOverHttpIsTheOutputOverTheDirectory(Host host, String name) throws Exception {
        Case c = CASES.get(name);
        SampleProject local = SampleProject.in(temp.resolve("dir"));
        String viaDirectory = run(c, local, local.registry().toString(), local.registry().toUri().toString());

        SampleProject remote = SampleProject.in(temp.resolve("http"));
        String viaHttp;
        if (host == Host.REGISTRY_SERVE) {
            try (RegistryServer server = RegistryServer.start(
                    remote.registry(), ServerOptions.defaults().withPort(0), AccessLog.NONE)) {
                viaHttp = run(c, remote, server.url().toString(), server.url().toString());
            }
        } else if (host == Host.TEST_HOST) {
            try (StaticHost server = StaticHost.of(remote.registry()).cacheControl("public, max-age=60")) {
                viaHttp = run(c, remote, server.uri().toString(), server.uri().toString());
            }
        } else {
            try (PythonHttpServer server = PythonHttpServer.serve(remote.registry(), temp.resolve("python.log"))) {
                viaHttp = run(c, remote, server.uri().toString(), server.uri().toString());
            }
        }

        GoldenFile.assertMatches("http/" + c.name(), viaDirectory);
        if (host == Host.REGISTRY_SERVE && c.name().equals("info")) {
            // Through the server's API, info knows more than an index file says: the owners.
            GoldenFile.assertMatches("http/info-registry-serve", viaHttp);
        } else {
            assertEquals(viaDirectory, viaHttp);
        }
    }

    /**
     * Runs the case with {@code --registry location} and returns what it did, masked: the exit code,
     * stdout, stderr and the lockfile, with the registry's root URL and its location as typed replaced
     * by {@code <REGISTRY>}, and the temp directory by {@code <ROOT>}.
     */
    private static String run(Case c, SampleProject project, String location, String rootUrl) throws Exception {
        if (c.lockFirst()) {
            CliRunner.Result lock = project.run("lock", "--registry", location);
            assertEquals(0, lock.exitCode(), lock.err());
        }
        List<String> args = new ArrayList<>(c.args());
        args.add("--registry");
        args.add(location);
        CliRunner.Result r = project.run(args.toArray(String[]::new));
        StringBuilder text = new StringBuilder("exit: " + r.exitCode() + "\n--- stdout\n" + r.maskedOut() + "--- stderr\n"
                + downloadsSorted(r.err()));
        if (Files.exists(project.lockfilePath())) {
            text.append("--- ").append(project.lockfilePath().getFileName()).append('\n')
                    .append(Files.readString(project.lockfilePath()));
        }
        String root = project.registry().getParent().toString();
        return text.toString().replace(rootUrl, "<REGISTRY>/").replace(strip(rootUrl), "<REGISTRY>")
                .replace(location, "<REGISTRY>").replace(root, "<ROOT>");
    }

    /** Downloads run concurrently and finish in any order, over a directory too: their lines are sorted in place. */
    private static String downloadsSorted(String err) {
        List<String> lines = new ArrayList<>(List.of(err.split("\n", -1)));
        List<String> downloads = lines.stream().filter(l -> l.startsWith("downloaded ")).sorted().toList();
        int next = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("downloaded ")) {
                lines.set(i, downloads.get(next++));
            }
        }
        return String.join("\n", lines);
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static Map<String, Case> cases(Case... cases) {
        Map<String, Case> byName = new LinkedHashMap<>();
        for (Case c : cases) {
            byName.put(c.name(), c);
        }
        return byName;
    }

}
