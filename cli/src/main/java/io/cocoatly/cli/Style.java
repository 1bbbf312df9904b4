package io.cocoatly.cli;

/**
 * How text printed for people is coloured, written once for every command (as cargo and uv colour
 * it): {@code error:} red bold, {@code warning:} yellow bold, {@code hint:} cyan, the signs of
 * {@code +}/{@code -}/{@code ~} diff lines green/red/yellow, package names bold. {@link #PLAIN}
 * returns every text unchanged; JSON output never goes through a style.
 */
public final class Style {

    /** No escape sequences: what pipes, files and {@code --color never} get. */
    public static final Style PLAIN = new Style(false);

    /** ANSI SGR colours, for a terminal (or {@code --color always}, {@code FORCE_COLOR}). */
    public static final Style ANSI = new Style(true);

    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String RED_BOLD = "\u001b[1;31m";
    private static final String YELLOW_BOLD = "\u001b[1;33m";
    private static final String CYAN = "\u001b[36m";
    private static final String GREEN = "\u001b[32m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";

    private final boolean enabled;

    private Style(boolean enabled) {
        this.enabled = enabled;
    }

    /** Whether this style writes escape sequences. */
    public boolean enabled() {
        return enabled;
    }

    /** The prefix of an error message: {@code "error: "}. */
    public String error() {
        return paint(RED_BOLD, "error:") + " ";
    }

    /** The prefix of a warning: {@code "warning: "}. */
    public String warning() {
        return paint(YELLOW_BOLD, "warning:") + " ";
    }

    /** The prefix of a hint: {@code "hint: "}. */
    public String hint() {
        return paint(CYAN, "hint:") + " ";
    }

    /** {@code text} in bold, for a package name a summary names. */
    public String bold(String text) {
        return paint(BOLD, text);
    }

    /**
     * One line of a diff as {@code LockfileDiffText} writes it ({@code + name version},
     * {@code - name version}, {@code ~ name from -> to}, possibly followed by more): the sign in
     * green, red or yellow and the name bold. Any other line comes back unchanged.
     */
    public String diffLine(String line) {
        if (!enabled || line.length() < 3 || line.charAt(1) != ' ') {
            return line;
        }
        String colour = switch (line.charAt(0)) {
            case '+' -> GREEN;
            case '-' -> RED;
            case '~' -> YELLOW;
            default -> null;
        };
        if (colour == null) {
            return line;
        }
        int nameEnd = line.indexOf(' ', 2);
        String name = nameEnd < 0 ? line.substring(2) : line.substring(2, nameEnd);
        String rest = nameEnd < 0 ? "" : line.substring(nameEnd);
        return paint(colour, line.substring(0, 1)) + " " + bold(name) + rest;
    }

    /** Every line of {@code text} through {@link #diffLine}, line ends kept. */
    public String diff(String text) {
        if (!enabled) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 64);
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            int stop = end < 0 ? text.length() : end;
            out.append(diffLine(text.substring(start, stop)));
            if (end >= 0) {
                out.append('\n');
            }
            start = stop + 1;
        }
        return out.toString();
    }

    private String paint(String code, String text) {
        return enabled ? code + text + RESET : text;
    }

    /**
     * {@code text} from a registry (a description, a license) made safe to print on a terminal:
     * every control character becomes a backslash, {@code u} and four hex digits, so no escape sequence a publisher wrote can
     * retitle the terminal, hide text or reach the clipboard. Registries refuse them on publish; an
     * older or foreign registry may still send them.
     */
    public static String printable(String text) {
        if (text.chars().noneMatch(Character::isISOControl)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.chars().forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }
}
