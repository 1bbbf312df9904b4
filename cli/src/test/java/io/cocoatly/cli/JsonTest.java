package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Json#toString} writes maps, lists and plain values itself: byte for byte what databind writes. */
class JsonTest {

    private static String databind(Object value) throws Exception {
        return Json.mapper().writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")))
                .writeValueAsString(value);
    }

    @Test
    void writesPlainTreesAsDatabindDoes() throws Exception {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", "a\"b\\c\n\u00e9\u2603\u0001");
        entry.put("count", 3);
        entry.put("big", Long.MAX_VALUE);
        entry.put("ok", false);
        entry.put("missing", null);
        entry.put("empty-list", List.of());
        entry.put("empty-map", Map.of());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("results", new ArrayList<>(List.of(entry, entry, "text", 7)));
        data.put("nested", List.of(List.of(1, 2), List.of()));
        data.put("nulls", Arrays.asList(null, null));
        for (Object value : List.of(Envelope.success(data), Envelope.success(List.of()), data, List.of(data), "x",
                Envelope.failure(new CocoatlyException(ErrorKind.INVALID_INPUT, "code", "message `x`", List.of("hint: y")), data,
                        Map.of("detail", 1)))) {
            assertEquals(databind(value), Json.toString(value));
        }
    }

    @Test
    void leavesAnythingElseToDatabind() throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("path", Path.of("/tmp/x"));
        data.put("double", 1.5);
        data.put("record", new Envelope(true, null, null));
        assertEquals(databind(Envelope.success(data)), Json.toString(Envelope.success(data)));
    }
}
