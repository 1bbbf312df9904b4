package io.cocoatly.config;

import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.StrictJson;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.InvalidFileException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a value written as text (an environment variable, a flag) into the JSON value a file would
 * hold, so that one reader validates both: {@code 30} becomes the integer 30, {@code true} the
 * boolean, and an array-valued key takes JSON text. Text that is not of the key's kind at all is
 * refused here, in the words the reader uses ({@code expected an integer from 1 to 3600, found `abc`}).
 */
final class ConfigText {

    // JSON's own integer syntax: no plus sign, no leading zeros.
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");

    private ConfigText() {
    }

    /**
     * The JSON value {@code text} stands for.
     *
     * @throws CocoatlyException with code {@code invalid-config} naming {@code origin}
     */
    static JsonCursor value(ConfigKeys.Key key, String text, ConfigOrigin origin) {
        String trimmed = text.trim();
        switch (key.kind()) {
            case TEXT:
                return StrictJson.string(text, origin.describe(), ConfigReader.CODE);
            case INTEGER:
                if (INTEGER.matcher(trimmed).matches()) {
                    return json(trimmed, origin);
                }
                break;
            case BOOLEAN:
                if (trimmed.equals("true") || trimmed.equals("false")) {
                    return json(trimmed, origin);
                }
                break;
            case JSON:
                if (trimmed.startsWith("[") || trimmed.startsWith("{") || trimmed.equals("null")) {
                    return json(trimmed, origin);
                }
                break;
            default:
                throw new AssertionError(key.kind());
        }
        throw new CocoatlyException(ErrorKind.INVALID_INPUT, ConfigReader.CODE, origin.describe() + ": expected " + key.expected() + ", found `"
                + text + "`", key.kind() == ConfigKeys.Kind.JSON ? List.of("write the value as JSON text") : List.of());
    }

    private static JsonCursor json(String text, ConfigOrigin origin) {
        try {
            return StrictJson.parse(text.getBytes(StandardCharsets.UTF_8), origin.describe(), ConfigReader.CODE);
        } catch (InvalidFileException e) {
            throw origin.error(e);
        }
    }
}
