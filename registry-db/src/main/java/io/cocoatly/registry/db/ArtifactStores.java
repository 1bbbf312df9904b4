package io.cocoatly.registry.db;

import io.cocoatly.json.Typos;
import io.cocoatly.model.CocoatlyException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens an {@link ArtifactStore} from one configuration string, as {@code registry serve} takes it.
 * Two forms:
 *
 * <ul>
 *   <li>{@code file:DIR}: a {@link FileArtifactStore} in {@code DIR}, absolute ({@code file:/srv/artifacts},
 *       also {@code file:///srv/artifacts}) or relative to the working directory ({@code file:artifacts});</li>
 *   <li>{@code s3://BUCKET[/PREFIX][?endpoint=URL][&region=REGION][&public_base=URL]}: an
 *       {@link S3ArtifactStore} in {@code BUCKET}, keys under {@code PREFIX/}. {@code endpoint} is
 *       the S3-compatible store's URL (default: AWS S3's {@code https://s3.REGION.amazonaws.com});
 *       {@code region} defaults to {@code us-east-1}; with {@code public_base}, downloads are
 *       redirected to {@code <public_base>/<key>} (a CDN in front of the bucket's prefix) instead of
 *       streamed through the server. Values are percent-decoded. The credentials are never in the
 *       string: they come from {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} in the
 *       environment given.</li>
 * </ul>
 *
 * <p>Example: {@code s3://artifacts/team?endpoint=http://127.0.0.1:9000&region=us-east-1&public_base=https://cdn.example/team}.
 */
public final class ArtifactStores {

    private static final List<String> PARAMETERS = List.of("endpoint", "region", "public_base");
    private static final String DEFAULT_REGION = "us-east-1";

    private ArtifactStores() {
    }

    /**
     * The store the string names, not yet used: it makes no request and writes nothing, so a store
     * that cannot be reached shows on its first use. Close it when done.
     *
     * @param config      {@code file:DIR} or {@code s3://…}, as above
     * @param environment the process environment (the cli passes {@code System.getenv()}), for the S3 credentials
     * @throws CocoatlyException {@code invalid-artifact-store} (invalid input) naming what is wrong:
     *                           the form, a parameter, a missing credential; never echoing a secret
     */
    public static ArtifactStore parse(String config, Map<String, String> environment) {
        if (config.startsWith("file:")) {
            return new FileArtifactStore(directory(config.substring("file:".length())));
        }
        if (config.startsWith("s3://")) {
            return new S3ArtifactStore(s3Settings(config.substring("s3://".length()), environment));
        }
        int colon = config.indexOf(':');
        String scheme = colon > 0 && config.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*") ? config.substring(0, colon) : "";
        throw S3Settings.invalid(scheme.isEmpty()
                ? "`" + config + "` names no kind of store: expected `file:` or `s3://`"
                : "unknown kind of store `" + scheme + ":`: expected `file:` or `s3://`");
    }

    /**
     * The S3 settings an {@code s3://} string (without its scheme) names, with the environment's credentials.
     */
    static S3Settings s3Settings(String rest, Map<String, String> environment) {
        int question = rest.indexOf('?');
        String path = question < 0 ? rest : rest.substring(0, question);
        Map<String, String> parameters = parameters(question < 0 ? "" : rest.substring(question + 1));
        if (path.contains("@")) {
            throw S3Settings.invalid("credentials in an `s3://` location are not read (they would show in the process list):"
                    + " set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead");
        }
        int slash = path.indexOf('/');
        String bucket = slash < 0 ? path : path.substring(0, slash);
        String prefix = slash < 0 ? "" : path.substring(slash + 1);
        String region = parameters.getOrDefault("region", DEFAULT_REGION);
        URI endpoint = uri("endpoint", parameters.getOrDefault("endpoint", "https://s3." + region + ".amazonaws.com"));
        Optional<URI> publicBase = Optional.ofNullable(parameters.get("public_base")).map(v -> uri("public_base", v));
        String accessKeyId = environment.getOrDefault("AWS_ACCESS_KEY_ID", "");
        String secretKey = environment.getOrDefault("AWS_SECRET_ACCESS_KEY", "");
        if (accessKeyId.isEmpty() || secretKey.isEmpty()) {
            throw S3Settings.invalid("the S3 store `s3://" + path + "` needs credentials: "
                    + (accessKeyId.isEmpty() ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY")
                    + (accessKeyId.isEmpty() && secretKey.isEmpty() ? " and AWS_SECRET_ACCESS_KEY are" : " is")
                    + " not set in the environment");
        }
        return new S3Settings(endpoint, bucket, region, accessKeyId, secretKey, publicBase, prefix);
    }

    private static Path directory(String rest) {
        String path = rest;
        if (rest.startsWith("//")) {
            // file:///srv/x: an empty authority; file://host/x names another machine.
            path = rest.substring(2);
            if (!path.startsWith("/")) {
                throw S3Settings.invalid("`file://" + path + "` names a host: expected `file:DIR` or `file:///DIR`");
            }
        }
        if (path.isEmpty()) {
            throw S3Settings.invalid("`file:` names no directory: expected `file:DIR`");
        }
        return Path.of(path);
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&", -1)) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (!PARAMETERS.contains(name)) {
                throw S3Settings.invalid("unknown parameter `" + name + "`"
                        + Typos.closest(name, PARAMETERS).map(c -> " (did you mean `" + c + "`?)").orElse("")
                        + ": expected " + Typos.list(PARAMETERS));
            }
            if (equals < 0 || equals == pair.length() - 1) {
                throw S3Settings.invalid("parameter `" + name + "` has no value");
            }
            if (parameters.containsKey(name)) {
                throw S3Settings.invalid("parameter `" + name + "` is given twice");
            }
            // A '+' stays a '+': these are URLs and names, not form data.
            parameters.put(name, URLDecoder.decode(pair.substring(equals + 1).replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static URI uri(String parameter, String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw S3Settings.invalid("parameter `" + parameter + "`: `" + value + "` is not a URL: " + e.getReason());
        }
    }
}
