package io.cocoatly.lockfile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cocoatly.model.Dependency;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which locked package a requirement binds to: the newest locked version its range allows. */
class LockfileBindingTest {

    @Test
    void aRequirementBindsToTheNewestLockedVersionItAllows() {
        Lockfile twoLogs = Samples.semverMajor(); // log 1.2.0 and 2.0.0
        assertEquals(Optional.of(Samples.id("log@2.0.0")), twoLogs.binding(Dependency.parse("log", "*")));
        assertEquals(Optional.of(Samples.id("log@1.2.0")), twoLogs.binding(Dependency.parse("log", "^1")));
        assertEquals(Optional.empty(), twoLogs.binding(Dependency.parse("log", "^3")));
        assertEquals(Optional.empty(), twoLogs.binding(Dependency.parse("json", "*")));
    }
}
