package io.cocoatly.registry.db;

import io.cocoatly.model.PackageId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One counted download, as the audit trail in {@code download_events} keeps it.
 *
 * @param id        the package version downloaded
 * @param at        when
 * @param ip        the client's address as an IP literal PostgreSQL's {@code inet} accepts, or empty
 *                  if what the server saw was not one (it is stored as NULL rather than failing a batch)
 * @param userAgent the {@code User-Agent}, at most {@value #MAX_USER_AGENT} characters and free of NUL
 */
record DownloadEvent(PackageId id, Instant at, Optional<String> ip, String userAgent) {

    /** The column's limit ({@code CHECK (length(user_agent) <= 512)} in V1). */
    static final int MAX_USER_AGENT = 512;

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

    /** Checks the fields are present. */
    DownloadEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(userAgent, "userAgent");
    }

    /** An event from what the server saw, cleaned so that no value can make the batch's INSERT fail. */
    static DownloadEvent of(PackageId id, Instant at, String clientAddress, String userAgent) {
        return new DownloadEvent(id, at, ipLiteral(clientAddress), truncate(userAgent.replace("\u0000", "")));
    }

    /** The UTC day the event belongs to: its partition, and its row of {@code download_stats}. */
    LocalDate day() {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    private static String truncate(String s) {
        // By code points, so a surrogate pair is never cut in half (PostgreSQL counts characters too).
        return s.codePointCount(0, s.length()) <= MAX_USER_AGENT ? s : s.substring(0, s.offsetByCodePoints(0, MAX_USER_AGENT));
    }

    /**
     * {@code address} without brackets or an IPv6 zone ({@code %eth0}, which {@code inet} refuses), if it
     * is an IPv4 or IPv6 literal. Checked here, not with {@link java.net.InetAddress}, which would look
     * up anything that is not a literal in DNS.
     */
    static Optional<String> ipLiteral(String address) {
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        int zone = a.indexOf('%');
        if (zone >= 0) {
            a = a.substring(0, zone);
        }
        return IPV4.matcher(a).matches() || ipv6(a) ? Optional.of(a) : Optional.empty();
    }

    // RFC 4291 §2.2: eight groups of 1-4 hex digits, "::" at most once for one or more zero groups,
    // and the last 32 bits optionally as an IPv4 address.
    private static boolean ipv6(String a) {
        if (a.length() > 45 || a.indexOf(':') < 0) {
            return false;
        }
        int gap = a.indexOf("::");
        if (gap >= 0 && a.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        String[] sides = gap >= 0 ? new String[] {a.substring(0, gap), a.substring(gap + 2)} : new String[] {a};
        int groups = 0;
        for (int side = 0; side < sides.length; side++) {
            if (sides[side].isEmpty()) {
                continue;
            }
            String[] parts = sides[side].split(":", -1);
            for (int i = 0; i < parts.length; i++) {
                boolean last = side == sides.length - 1 && i == parts.length - 1;
                if (last && IPV4.matcher(parts[i]).matches()) {
                    groups += 2;
                } else if (HEX_GROUP.matcher(parts[i]).matches()) {
                    groups++;
                } else {
                    return false;
                }
            }
        }
        return gap >= 0 ? groups <= 7 : groups == 8;
    }
}
