package io.cocoatly.cli;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them: {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 1m}, {@code 3h}. */
final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private Durations() {
    }

    /** @throws CocoatlyException with code {@code invalid-duration} naming {@code option} */
    static Duration parse(String option, String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "invalid-duration", "invalid duration for `" + option + "`: `" + text + "`",
                    List.of("write a number followed by `ms`, `s`, `m` or `h`, e.g. `500ms`, `2s`, `1m`, `3h`"));
        }
        double amount = Double.parseDouble(m.group(1));
        double millis = switch (m.group(2)) {
            case "ms" -> amount;
            case "s" -> amount * 1000;
            case "m" -> amount * 60_000;
            default -> amount * 3_600_000;
        };
        return Duration.ofNanos(Math.round(millis * 1e6));
    }

    /** The shortest of {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 5m}, {@code 3h} that names {@code d}. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms < 1000 ? ms + "ms" : (ms / 1000.0) + "s";
        }
        if (ms > 0 && ms % 3_600_000 == 0) {
            return (ms / 3_600_000) + "h";
        }
        if (ms > 0 && ms % 60_000 == 0) {
            return (ms / 60_000) + "m";
        }
        return (ms / 1000) + "s";
    }
}
