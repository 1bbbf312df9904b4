package io.cocoatly.installer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cocoatly.model.PackageId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random states survive a write and a read unchanged, byte for byte. */
class StateProperties {

    @Provide
    Arbitrary<State> states() {
        return Arbitraries.randomValue(StateProperties::state);
    }

    @Property(tries = 300)
    void roundTrip(@ForAll("states") State state) {
        byte[] bytes = StateStore.toBytes(state);
        State read = StateStore.parse(bytes, Path.of("state.json"));
        assertEquals(state, read);
        assertArrayEquals(bytes, StateStore.toBytes(read));
    }

    private static State state(Random random) {
        Map<PackageId, StatePackage> packages = new LinkedHashMap<>();
        int count = random.nextInt(6);
        for (int i = 0; i < count; i++) {
            PackageId id = PackageId.of("p" + random.nextInt(5) + (random.nextBoolean() ? "-x.y_z" : ""),
                    random.nextInt(3) + "." + random.nextInt(3) + ".0" + (random.nextBoolean() ? "-beta.1" : ""));
            List<StateFileEntry> files = new ArrayList<>();
            int n = random.nextInt(6);
            for (int f = 0; f < n; f++) {
                String path = "d" + f + "/f\u00e9 " + random.nextInt(1000);
                switch (random.nextInt(3)) {
                    case 0:
                        files.add(new StateFileEntry.Regular(path, random.nextInt(1 << 30), random.nextInt(0777 + 1), hex(random)));
                        break;
                    case 1:
                        files.add(new StateFileEntry.Symlink(path, "../x \"y\""));
                        break;
                    default:
                        files.add(new StateFileEntry.Directory(path, random.nextBoolean() ? 0755 : 0700));
                }
            }
            Optional<String> digest = random.nextBoolean() ? Optional.of("blake3:" + hex(random)) : Optional.empty();
            packages.put(id, new StatePackage(id, "src" + random.nextInt(3), digest, Path.of("/i").resolve(id.name().value())
                    .resolve(id.version().toString()), files, Instant.ofEpochMilli(random.nextLong() >>> 24)));
        }
        return new State(new ArrayList<>(packages.values()));
    }

    private static String hex(Random random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
