package io.cocoatly.config;

import io.cocoatly.json.AtomicFiles;
import io.cocoatly.json.FileModes;
import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.JsonObject;
import io.cocoatly.json.StrictJson;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry tokens of {@code <home>/credentials.json} (docs/config.md), keyed by each registry's
 * base URL, apart from {@code config.json} so that settings can be shared and secrets cannot:
 * <pre>
 * {"registries": {"https://registry.example/team/": {"token": "cocoatly_…"}}}
 * </pre>
 * The file is replaced atomically and is owner-only ({@code 0600}) from the moment it appears.
 * Nothing here ever puts a token in a message or a {@code toString}. Two logins at the same moment
 * may lose one of the two tokens (the last write wins), never corrupt the file.
 */
public final class Credentials {

    private static final String CODE = "invalid-credentials";
    private static final String REGISTRIES = "registries";
    private static final String TOKEN = "token";

    private final Home home;
    private final Map<String, String> tokens;

    private Credentials(Home home, Map<String, String> tokens) {
        this.home = home;
        this.tokens = Collections.unmodifiableMap(new TreeMap<>(tokens));
    }

    /**
     * The credentials of {@code home}; none if the file does not exist.
     *
     * @throws CocoatlyException {@code config-unreadable} if it cannot be read, {@code invalid-credentials}
     *     if it is malformed (naming the file and JSON path, never a token)
     */
    public static Credentials read(Home home) {
        Path file = home.credentialsFile();
        Optional<byte[]> bytes = ConfigReader.readFile(file);
        Map<String, String> tokens = new TreeMap<>();
        if (bytes.isPresent()) {
            JsonCursor root = StrictJson.parse(bytes.get(), file, CODE, Home.EMPTY_FILE_HINT);
            Optional<JsonCursor> registries = root.optional(REGISTRIES);
            if (registries.isPresent()) {
                for (Map.Entry<String, JsonCursor> e : registries.get().entries()) {
                    tokens.put(e.getKey(), e.getValue().required(TOKEN).string());
                }
            }
        }
        return new Credentials(home, tokens);
    }

    /** The file these credentials are kept in. */
    public Path file() {
        return home.credentialsFile();
    }

    /** The token for the registry whose base URL is {@code baseUrl} (ending in {@code /}), if any. */
    public Optional<String> token(String baseUrl) {
        return Optional.ofNullable(tokens.get(baseUrl));
    }

    /** The base URLs that have a token, sorted. */
    public List<String> registries() {
        return List.copyOf(tokens.keySet());
    }

    /**
     * Stores {@code token} for {@code baseUrl}, replacing any earlier one, and writes the file.
     *
     * @throws CocoatlyException {@code credentials-write-failed} if the file cannot be written
     */
    public Credentials put(String baseUrl, String token) {
        Map<String, String> next = new TreeMap<>(tokens);
        next.put(baseUrl, token);
        return write(next);
    }

    /**
     * Removes the token of {@code baseUrl} and writes the file; nothing happens if there is none.
     *
     * @throws CocoatlyException {@code credentials-write-failed} if the file cannot be written
     */
    public Credentials remove(String baseUrl) {
        if (!tokens.containsKey(baseUrl)) {
            return this;
        }
        Map<String, String> next = new TreeMap<>(tokens);
        next.remove(baseUrl);
        return write(next);
    }

    private Credentials write(Map<String, String> next) {
        JsonObject root = JsonObject.create();
        JsonObject registries = root.putObject(REGISTRIES);
        next.forEach((url, token) -> registries.putObject(url).put(TOKEN, token));
        // Written into the home, so the home is made (and marked) first, as by every command that
        // writes there: otherwise a first `login` would leave a home that later commands refuse.
        home.create();
        try {
            AtomicFiles.write(file(), root.canonicalBytes(), FileModes.OWNER_ONLY);
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "credentials-write-failed", "cannot write `" + file() + "`: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), List.of(), e);
        }
        return new Credentials(home, next);
    }

    /** Names the file and the registries, never a token. */
    @Override
    public String toString() {
        return "Credentials[" + file() + ", " + tokens.keySet() + "]";
    }
}
