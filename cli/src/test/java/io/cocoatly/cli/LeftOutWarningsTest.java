package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cocoatly.model.PackageName;
import io.cocoatly.registry.LeftOutRelease;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each left-out entry is warned once per command, whenever printing starts and however often it is heard. */
class LeftOutWarningsTest {

    private static final LeftOutRelease A = new LeftOutRelease(PackageName.of("a"), "reg/index/a.json", "$.versions[1].version",
            "duplicate version `1.0.0+b`: already listed at $.versions[0].version as `1.0.0+a`");
    private static final LeftOutRelease B = new LeftOutRelease(PackageName.of("b"), "reg/index/b.json", "$.versions[0]",
            "expected an object, found a string");

    @Test
    void printsWhatCameBeforeThenWhatComesAsItComesEachOnce() {
        LeftOutWarnings warnings = new LeftOutWarnings();
        StringWriter err = new StringWriter();
        warnings.accept(A);
        warnings.printLive(new Context(new PrintWriter(new StringWriter()), new PrintWriter(err, true),
                InputStream.nullInputStream(), Map.of(), Path.of("."), false));
        warnings.accept(B);
        // The same registry opened a second time in one command reports the same entries again.
        warnings.accept(A);
        warnings.accept(B);
        assertEquals("warning: reg/index/a.json: $.versions[1].version: duplicate version `1.0.0+b`: already listed at"
                + " $.versions[0].version as `1.0.0+a`; left out\n"
                + "warning: reg/index/b.json: $.versions[0]: expected an object, found a string; left out\n", err.toString());
        assertEquals(List.of(A.text(), B.text()), warnings.texts());
    }

    @Test
    void withoutPrintingTheyAreOnlyListed() {
        LeftOutWarnings warnings = new LeftOutWarnings();
        warnings.accept(B);
        assertEquals(List.of("reg/index/b.json: $.versions[0]: expected an object, found a string; left out"), warnings.texts());
    }
}
