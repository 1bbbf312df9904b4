package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code COCOATLY_HOME=$HOME cocoatly uninstall foo} on a user's home that has a {@code tmp/}: refused
 * before recovery runs, so nothing in it is deleted (it used to empty {@code ~/tmp}).
 */
class ForeignHomeTest {

    @TempDir
    Path temp;

    @Test
    void aUsersHomeNamedAsTheCocoatlyHomeIsRefusedAndKeepsItsFiles() throws IOException {
        Path userHome = temp.resolve("u");
        Files.createDirectories(userHome.resolve("tmp"));
        Path draft = Files.writeString(userHome.resolve("tmp/draft.txt"), "my draft");
        Files.writeString(userHome.resolve(".bashrc"), "# mine");

        CliRunner.Result r = new CliRunner(temp, Map.of("COCOATLY_HOME", userHome.toString(), "HOME", userHome.toString()))
                .run("uninstall", "foo");

        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertEquals("error: not a Cocoatly home: `" + userHome + "` has files and no `.cocoatly-home`\n"
                + "hint: point `COCOATLY_HOME` at an empty or new directory\n"
                + "hint: if it is a Cocoatly home, create the file `" + userHome.resolve(".cocoatly-home")
                + "` and run the command again\n", r.err());
        assertEquals("my draft", Files.readString(draft));
        assertFalse(Files.exists(userHome.resolve("cocoatly.lock")));
    }
}
