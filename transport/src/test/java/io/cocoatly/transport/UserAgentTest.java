package io.cocoatly.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UserAgentTest {

    @Test
    void isCocoatlySlashTheBuildsVersion() {
        // Filtered by Maven: neither the placeholder nor the fallback for a missing resource.
        assertTrue(UserAgent.VALUE.matches("cocoatly/[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.-]+)?"), UserAgent.VALUE);
        assertTrue(UserAgent.VALUE.startsWith(UserAgent.PREFIX));
    }
}
