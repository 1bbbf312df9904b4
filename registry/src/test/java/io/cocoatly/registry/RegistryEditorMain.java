package io.cocoatly.registry;

import io.cocoatly.model.PackageId;
import io.cocoatly.model.Release;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A second process for {@link RegistryLockProcessTest}. {@code hold DIR}: opens an editor, says
 * {@code locked}, keeps the lock until a line (or end of input) arrives on stdin. {@code add DIR
 * NAME MAJOR COUNT}: adds versions MAJOR.0.0 to MAJOR.(COUNT-1).0, one editor each, then says
 * {@code done}. {@code part DIR}: opens an editor, makes a part file, prints its path and waits on
 * stdin, as a publish stopped with Ctrl-C while packing would.
 */
public final class RegistryEditorMain {

    private RegistryEditorMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        if (args[0].equals("part")) {
            try (RegistryEditor editor = RegistryEditor.open(dir)) {
                System.out.println(editor.newTempFile());
                System.out.flush();
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            }
        } else if (args[0].equals("hold")) {
            try (RegistryEditor editor = RegistryEditor.open(dir)) {
                System.out.println("locked");
                System.out.flush();
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            }
        } else {
            int count = Integer.parseInt(args[4]);
            for (int i = 0; i < count; i++) {
                try (RegistryEditor editor = RegistryEditor.open(dir)) {
                    editor.addRelease(new Release(PackageId.of(args[2], args[3] + "." + i + ".0"), List.of(), false,
                            Optional.empty()));
                }
            }
        }
        System.out.println("done");
        System.out.flush();
    }
}
