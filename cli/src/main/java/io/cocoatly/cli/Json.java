package io.cocoatly.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** JSON output for the CLI: two-space indent, keys in declaration order, one trailing newline. */
final class Json {

    private static final JsonFactory FACTORY = new JsonFactory();

    /**
     * Databind, made on first use only: building an ObjectMapper costs a cold process more than most
     * commands' whole JSON output, which goes straight to the generator ({@link #toString}).
     */
    private static final class Databind {
        static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        static final ObjectWriter WRITER = MAPPER.writer(printer());
    }

    private Json() {
    }

    static ObjectMapper mapper() {
        return Databind.MAPPER;
    }

    static String toString(Object value) {
        try {
            if (plain(value)) {
                // Maps, lists and plain values (most of what commands print) go straight to the
                // generator, with the writer's printer, so the bytes are the same; databind would first
                // build a serializer per type, about 65 ms of CPU in a cold process for check's results.
                StringWriter out = new StringWriter();
                try (JsonGenerator generator = FACTORY.createGenerator(out)) {
                    generator.setPrettyPrinter(printer());
                    write(generator, value);
                }
                return out.toString();
            }
            return Databind.WRITER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DefaultPrettyPrinter printer() {
        return new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    }

    /** Whether {@code value} is an envelope, map with text keys, list, text, boolean, int, long or null, all the way down. */
    private static boolean plain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long) {
            return true;
        }
        if (value instanceof Envelope e) {
            return plain(e.data()) && plain(e.error());
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String) || !plain(entry.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (!plain(element)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** Writes a {@link #plain} value as databind would: an envelope's three fields in order, nulls kept. */
    private static void write(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Boolean b) {
            generator.writeBoolean(b);
        } else if (value instanceof Integer n) {
            generator.writeNumber(n);
        } else if (value instanceof Long n) {
            generator.writeNumber(n);
        } else if (value instanceof Envelope e) {
            generator.writeStartObject();
            generator.writeFieldName("success");
            generator.writeBoolean(e.success());
            generator.writeFieldName("data");
            write(generator, e.data());
            generator.writeFieldName("error");
            write(generator, e.error());
            generator.writeEndObject();
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                generator.writeFieldName((String) entry.getKey());
                write(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object element : list) {
                write(generator, element);
            }
            generator.writeEndArray();
        } else {
            throw new AssertionError(value);
        }
    }

    static void write(PrintWriter out, Object value) {
        out.println(toString(value));
        out.flush();
    }
}
