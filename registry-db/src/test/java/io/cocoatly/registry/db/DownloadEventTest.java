package io.cocoatly.registry.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cocoatly.model.PackageId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DownloadEventTest {

    @Test
    void keepsOnlyIpLiteralsPostgresAccepts() {
        assertEquals(Optional.of("203.0.113.9"), DownloadEvent.ipLiteral("203.0.113.9"));
        assertEquals(Optional.of("2001:db8::1"), DownloadEvent.ipLiteral("[2001:db8::1]"));
        assertEquals(Optional.of("fe80::1"), DownloadEvent.ipLiteral("fe80::1%eth0"));
        assertEquals(Optional.of("::ffff:192.0.2.1"), DownloadEvent.ipLiteral("::ffff:192.0.2.1"));
        assertEquals(Optional.of("1:2:3:4:5:6:7:8"), DownloadEvent.ipLiteral("1:2:3:4:5:6:7:8"));
        assertEquals(Optional.of("::"), DownloadEvent.ipLiteral("::"));
        for (String bad : new String[] {"", "localhost", "256.1.1.1", "1.2.3", "1:2:3:4:5:6:7", "1::2::3", ":::", "12345::1",
            "1:2:3:4:5:6:7:8:9", "example.com", "1.2.3.4.5"}) {
            assertEquals(Optional.empty(), DownloadEvent.ipLiteral(bad), bad);
        }
    }

    @Test
    void userAgentIsCutAt512CharactersWithoutSplittingAPair() {
        String agent = "cocoatly/1 " + "😀".repeat(600);
        DownloadEvent e = DownloadEvent.of(PackageId.of("a", "1.0.0"), Instant.EPOCH, "::1", agent + "\u0000");
        assertEquals(512, e.userAgent().codePointCount(0, e.userAgent().length()));
        assertEquals(agent.substring(0, agent.offsetByCodePoints(0, 512)), e.userAgent());
    }
}
