package io.cocoatly.config;

import io.cocoatly.json.JsonCursor;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the cache's limits as people write them: {@code cache.max_size} as a number of bytes or a
 * size with a unit ({@code 500MB}, {@code 2GiB}, {@code 1.5GB}), {@code cache.max_age} as a number of
 * days or a duration ({@code 30d}, {@code 12h}, {@code 2w}). Both also take a JSON integer in a file
 * (bytes, days). SI units are powers of 1000 and binary ones powers of 1024, as {@code du --si} and
 * {@code du -h} count; a unit is matched without regard to case.
 */
final class CacheLimits {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]*)");
    private static final Pattern AGE = Pattern.compile("(\\d+)\\s*([A-Za-z]*)");
    private static final Map<String, Long> SIZE_UNITS = Map.ofEntries(Map.entry("", 1L), Map.entry("b", 1L),
            Map.entry("k", 1000L), Map.entry("kb", 1000L), Map.entry("m", 1000_000L), Map.entry("mb", 1000_000L),
            Map.entry("g", 1000_000_000L), Map.entry("gb", 1000_000_000L), Map.entry("t", 1000_000_000_000L),
            Map.entry("tb", 1000_000_000_000L), Map.entry("kib", 1L << 10), Map.entry("mib", 1L << 20),
            Map.entry("gib", 1L << 30), Map.entry("tib", 1L << 40));
    private static final Map<String, Duration> AGE_UNITS = Map.of("", Duration.ofDays(1), "d", Duration.ofDays(1),
            "h", Duration.ofHours(1), "w", Duration.ofDays(7));
    // Far beyond any disk, and small enough that adding sizes never overflows a long.
    private static final long MAX_SIZE = 1L << 60;

    private CacheLimits() {
    }

    /**
     * {@code cache.max_size} in bytes.
     *
     * @throws io.cocoatly.model.InvalidFileException at {@code at} if it is not a size
     */
    static long size(JsonCursor at) {
        String expected = "expected a size like 500MB, 2GiB or a number of bytes";
        if (!at.isString()) {
            long bytes = at.integer();
            if (bytes < 0 || bytes > MAX_SIZE) {
                throw at.error(expected + ", found " + bytes);
            }
            return bytes;
        }
        String text = at.string();
        Matcher m = SIZE.matcher(text.trim());
        Long unit = m.matches() ? SIZE_UNITS.get(m.group(2).toLowerCase(Locale.ROOT)) : null;
        if (unit == null) {
            throw at.error(expected + ", found `" + text + "`", "units: B, kB, MB, GB, TB (powers of 1000) and"
                    + " KiB, MiB, GiB, TiB (powers of 1024)");
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (bytes.compareTo(BigDecimal.valueOf(MAX_SIZE)) > 0) {
            throw at.error(expected + ", found `" + text + "`, which is too large");
        }
        return bytes.longValue();
    }

    /**
     * {@code cache.max_age}.
     *
     * @throws io.cocoatly.model.InvalidFileException at {@code at} if it is not a duration
     */
    static Duration age(JsonCursor at) {
        String expected = "expected a number of days or a duration like 30d, 12h, 2w";
        if (!at.isString()) {
            long days = at.integer();
            if (days < 0 || days > 36_500) {
                throw at.error(expected + ", found " + days);
            }
            return Duration.ofDays(days);
        }
        String text = at.string();
        Matcher m = AGE.matcher(text.trim());
        Duration unit = m.matches() ? AGE_UNITS.get(m.group(2).toLowerCase(Locale.ROOT)) : null;
        if (unit == null || m.group(1).length() > 9) {
            throw at.error(expected + ", found `" + text + "`", "units: d (days, the default), h (hours), w (weeks)");
        }
        return unit.multipliedBy(Long.parseLong(m.group(1)));
    }
}
