package io.cocoatly.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One frame of the status line an install redraws on a terminal, as data, and its rendering to a
 * width: {@code [3/10] 1.2 MiB/4.5 MiB, 350.0 KiB/s, ETA 9s, 2 cached, a@1.0.0 45%}, or
 * {@code unpacking [4/10] a@1.0.0} once the downloads are done. Parts are dropped from the end, so
 * the line is never wider than {@code width - 1} columns: a line as wide as the terminal wraps in
 * some terminals, and every redraw would then scroll.
 *
 * @param done packages fetched (downloaded or found in the cache)
 * @param total packages to fetch
 * @param cached of {@code done}, those found in the cache
 * @param bytes bytes downloaded so far, those in flight included
 * @param totalBytes bytes to download in all (cache hits not counted)
 * @param elapsedNanos time since the install started
 * @param inFlight the downloads under way, in the order they started
 * @param unpacked packages unpacked so far (0 while downloading)
 * @param lastUnpacked the package unpacked last, when {@code unpacked > 0}
 */
record ProgressLine(int done, int total, int cached, long bytes, long totalBytes, long elapsedNanos,
                    List<Flight> inFlight, int unpacked, String lastUnpacked) {

    /** Under half a second the rate is noise, and an ETA from it a wild guess. */
    private static final long STEADY_NANOS = 500_000_000L;

    ProgressLine {
        inFlight = List.copyOf(inFlight);
    }

    /** One download in flight: the package, bytes received, and its size (0 if unknown). */
    record Flight(String id, long bytes, long size) {
    }

    /** The frame, at most {@code width - 1} characters, with no line end. */
    String render(int width) {
        int max = Math.max(1, width - 1);
        if (unpacked > 0) {
            return fit(List.of("unpacking [" + unpacked + "/" + total + "]", lastUnpacked), " ", max);
        }
        List<String> parts = new ArrayList<>();
        if (totalBytes > 0) {
            parts.add(InstallProgress.bytes(bytes) + "/" + InstallProgress.bytes(totalBytes));
            double seconds = elapsedNanos / 1e9;
            if (bytes > 0 && elapsedNanos >= STEADY_NANOS) {
                double rate = bytes / seconds;
                parts.add(InstallProgress.bytes((long) rate) + "/s");
                if (totalBytes > bytes) {
                    parts.add("ETA " + duration((long) Math.ceil((totalBytes - bytes) / rate)));
                }
            }
        }
        if (cached > 0) {
            parts.add(cached + " cached");
        }
        String head = "[" + done + "/" + total + "]";
        String line = fit(parts, ", ", max - head.length() - 1);
        if (line.length() < String.join(", ", parts).length()) {
            return line.isEmpty() ? cut(head, max) : head + " " + line;
        }
        return head + " " + flights(line, max - head.length() - 1);
    }

    /**
     * {@code line} followed by the downloads in flight that fit, then {@code +N more} for those
     * that do not (if that fits): a long name never hides the short ones after it.
     */
    private String flights(String line, int max) {
        StringBuilder out = new StringBuilder(line);
        int left = 0;
        for (Flight f : inFlight) {
            String part = (out.length() == 0 ? "" : ", ")
                    + (f.size() > 0 ? f.id() + " " + Math.min(100, f.bytes() * 100 / f.size()) + "%" : f.id());
            if (out.length() + part.length() + ", +9 more".length() <= max) {
                out.append(part);
            } else {
                left++;
            }
        }
        String more = (out.length() == 0 ? "" : ", ") + "+" + left + " more";
        if (left > 0 && out.length() + more.length() <= max) {
            out.append(more);
        }
        return out.toString().stripTrailing();
    }

    /** The parts joined by {@code separator}, as many as fit in {@code max}, from the first. */
    private static String fit(List<String> parts, String separator, int max) {
        StringBuilder line = new StringBuilder();
        for (String part : parts) {
            int needed = (line.length() == 0 ? 0 : separator.length()) + part.length();
            if (line.length() + needed > max) {
                if (line.length() == 0) {
                    return cut(part, max);
                }
                break;
            }
            line.append(line.length() == 0 ? "" : separator).append(part);
        }
        return line.toString();
    }

    private static String cut(String text, int max) {
        return max <= 0 ? "" : text.length() <= max ? text : text.substring(0, max);
    }

    /** {@code 9s}, {@code 1m05s}, {@code 2h03m}. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }
}
