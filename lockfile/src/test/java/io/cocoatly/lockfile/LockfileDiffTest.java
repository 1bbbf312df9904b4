package io.cocoatly.lockfile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cocoatly.model.PackageName;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The diff as data and as the text the commands print. */
class LockfileDiffTest {

    @Test
    void addedRemovedAndChangedPackagesInNameOrder() {
        LockfileDiff diff = LockfileDiff.between(Samples.ids("tls@2.1.0", "json@1.4.2", "old@0.1.0", "log@1.0.0"),
                Samples.ids("tls@2.2.0", "json@1.4.2", "log@1.0.0", "log@2.0.0", "http@2.0.1"));
        assertEquals("+ http 2.0.1\n+ log 2.0.0\n- old 0.1.0\n~ tls 2.1.0 -> 2.2.0\n", LockfileDiffText.render(diff));
    }

    @Test
    void severalVersionsComingAndGoingAreListedOneByOne() {
        LockfileDiff diff = LockfileDiff.between(Samples.ids("log@1.0.0", "log@2.0.0"), Samples.ids("log@1.1.0", "log@2.1.0"));
        assertEquals("- log 1.0.0\n- log 2.0.0\n+ log 1.1.0\n+ log 2.1.0\n", LockfileDiffText.render(diff));
    }

    @Test
    void reasonsFollowTheirLines() {
        LockfileDiff diff = LockfileDiff.between(Samples.simple(), Samples.semverMajor());
        assertEquals("+ app-core 3.1.4 (required by the manifest)\n- http 2.0.1\n- json 1.4.2\n+ log 1.2.0 (required by app-core)\n+ log 2.0.0"
                + " (required by app-core)\n- tls 2.1.0\n", LockfileDiffText.render(diff, Map.of(PackageName.of("app-core"),
                "required by the manifest", PackageName.of("log"), "required by app-core")));
    }

    @Test
    void noChangesRenderAsNothing() {
        assertEquals("", LockfileDiffText.render(LockfileDiff.between(Samples.cycle(), Samples.cycle())));
    }
}
