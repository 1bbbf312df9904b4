package io.cocoatly.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The scenario files in the repository read cleanly and follow the conventions of docs/scenarios.md. */
class ScenarioFilesTest {

    private static Path directory() {
        return TestData.scenarios();
    }

    @Test
    void everyFileReadsAndIsDescribed() {
        List<Scenario> all = ScenarioReader.readAll(directory());
        assertTrue(all.size() >= 40, "only " + all.size() + " scenarios");
        for (Scenario s : all) {
            assertFalse(s.description().isBlank(), s.file() + ": every scenario says what it shows in `description:`");
            assertTrue(s.name().contains("/"), s.file() + ": scenarios live in a topic directory");
        }
    }

    @Test
    void everyTopicHasSeveralScenarios() {
        Map<String, Integer> perTopic = new TreeMap<>();
        for (Scenario s : ScenarioReader.readAll(directory())) {
            perTopic.merge(s.name().substring(0, s.name().indexOf('/')), 1, Integer::sum);
        }
        perTopic.forEach((topic, count) -> assertTrue(count >= 2, topic + " has " + count + " scenario"));
        assertEquals(List.of(), List.of("backtracking", "basics", "conflicts", "cycles", "missing",
                "multiple-versions", "preferred", "prerelease", "yanked").stream()
                .filter(t -> !perTopic.containsKey(t)).toList(), "topics without scenarios");
    }
}
