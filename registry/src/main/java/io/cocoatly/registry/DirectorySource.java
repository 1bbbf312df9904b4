package io.cocoatly.registry;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A registry stored as a directory tree on the local disk. */
final class DirectorySource implements RegistrySource {

    static final String WHAT_A_REGISTRY_IS = "a registry is a directory with `registry.json` and `index/<name>.json` files";

    private final Path root;

    DirectorySource(Path root) {
        this.root = root;
    }

    /**
     * The registry in {@code dir}, which must be a directory.
     *
     * @throws CocoatlyException with code {@code registry-not-found} if it is not
     */
    static DirectorySource open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "registry-not-found", "no registry at `" + dir + "`: not a directory",
                    List.of(WHAT_A_REGISTRY_IS));
        }
        return new DirectorySource(dir);
    }

    Path root() {
        return root;
    }

    @Override
    public URI location() {
        // Path.toUri() ends a directory's URL with the `/` that relative artifact URLs need.
        String uri = root.toAbsolutePath().normalize().toUri().toString();
        return URI.create(uri.endsWith("/") ? uri : uri + "/");
    }

    @Override
    public String describe(String relativePath) {
        return file(relativePath).toString();
    }

    private Path file(String relativePath) {
        return root.resolve(checked(relativePath));
    }

    @Override
    public Optional<byte[]> read(String relativePath) {
        Path file = file(relativePath);
        try {
            return Optional.of(SmallFiles.read(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    @Override
    public Optional<List<String>> list(String relativeDirectory) {
        Path dir = file(relativeDirectory);
        if (!Files.isDirectory(dir)) {
            return Optional.of(List.of());
        }
        try (Stream<Path> files = Files.list(dir)) {
            return Optional.of(files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .collect(Collectors.toList()));
        } catch (IOException e) {
            throw unreadable(dir, e);
        }
    }

    // Defence in depth: every caller builds paths from validated names, but a mistake there must
    // not turn into reading files outside the registry.
    private static String checked(String relativePath) {
        Path p = Path.of(relativePath);
        if (p.isAbsolute() || relativePath.startsWith("/") || p.normalize().startsWith("..")
                || !p.normalize().equals(p)) {
            throw new IllegalArgumentException("not a plain relative path: " + relativePath);
        }
        return relativePath;
    }

    static CocoatlyException unreadable(Path file, IOException e) {
        String why = e instanceof AccessDeniedException ? "permission denied"
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return new CocoatlyException(ErrorKind.FAILED, "registry-unreadable", "cannot read `" + file + "`: " + why, List.of(), e);
    }
}
