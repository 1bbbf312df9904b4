package io.cocoatly.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.json.StrictJson;
import io.cocoatly.model.InvalidFileException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code cache.max_size} and {@code cache.max_age} as people write them. */
class CacheLimitsTest {

    private static long size(String json) {
        return CacheLimits.size(StrictJson.parse(json.getBytes(StandardCharsets.UTF_8), "test", "invalid-config"));
    }

    private static Duration age(String json) {
        return CacheLimits.age(StrictJson.parse(json.getBytes(StandardCharsets.UTF_8), "test", "invalid-config"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1000|1000", "\"1000\"|1000", "\"500MB\"|500000000", "\"500 mb\"|500000000",
        "\"2GiB\"|2147483648", "\"1.5GB\"|1500000000", "\"10k\"|10000", "\"3KiB\"|3072", "\"7B\"|7", "0|0"})
    void sizes(String json, long bytes) {
        assertEquals(bytes, size(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "\"12 parsecs\"", "\"MB\"", "\"1.5.0GB\"", "true", "\"99999999999TB\""})
    void notSizes(String json) {
        assertThrows(InvalidFileException.class, () -> size(json));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"30|PT720H", "\"30\"|PT720H", "\"30d\"|PT720H", "\"12h\"|PT12H", "\"2w\"|PT336H"})
    void ages(String json, String duration) {
        assertEquals(Duration.parse(duration), age(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-3", "\"3m\"", "\"d\"", "1.5", "\"9999999999d\""})
    void notAges(String json) {
        assertThrows(InvalidFileException.class, () -> age(json));
    }
}
