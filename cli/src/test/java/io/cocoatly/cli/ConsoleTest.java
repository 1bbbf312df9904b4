package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Colour is decided per stream: {@code --color} first, then {@code NO_COLOR}, then
 * {@code FORCE_COLOR}, then whether the stream is a terminal; the width is {@code COLUMNS} or 80
 * without a terminal to ask; the one style writes the escapes.
 */
class ConsoleTest {

    private static Console console(boolean terminal, Map<String, String> env, ColorChoice choice) {
        Console c = Console.of(terminal, terminal, env);
        c.color(choice);
        return c;
    }

    @Test
    void colourFollowsTheFlagThenTheVariablesThenTheTerminal() {
        assertSame(Style.ANSI, console(true, Map.of(), ColorChoice.AUTO).err());
        assertSame(Style.PLAIN, console(false, Map.of(), ColorChoice.AUTO).err());
        assertSame(Style.PLAIN, console(true, Map.of("NO_COLOR", "1"), ColorChoice.AUTO).err());
        assertSame(Style.ANSI, console(true, Map.of("NO_COLOR", ""), ColorChoice.AUTO).err(), "empty is unset");
        assertSame(Style.ANSI, console(false, Map.of("FORCE_COLOR", "1"), ColorChoice.AUTO).out());
        assertSame(Style.PLAIN, console(false, Map.of("FORCE_COLOR", "1", "NO_COLOR", "1"), ColorChoice.AUTO).out());
        assertSame(Style.ANSI, console(false, Map.of("NO_COLOR", "1"), ColorChoice.ALWAYS).out(), "--color wins");
        assertSame(Style.PLAIN, console(true, Map.of("FORCE_COLOR", "1"), ColorChoice.NEVER).err(), "--color wins");
        assertSame(Style.PLAIN, console(false, Map.of("FORCE_COLOR", "0"), ColorChoice.AUTO).out(), "0 forces nothing");
        assertSame(Style.PLAIN, console(false, Map.of("FORCE_COLOR", "false"), ColorChoice.AUTO).out());
    }

    @Test
    void registryTextCannotCarryEscapeSequences() {
        org.junit.jupiter.api.Assertions.assertEquals("a \\u001b]0;pwned\\u0007 b",
                Style.printable("a \u001b]0;pwned\u0007 b"));
        org.junit.jupiter.api.Assertions.assertEquals("plain text, ünïcode", Style.printable("plain text, ünïcode"));
    }

    @Test
    void eachStreamIsAskedAlone() {
        Console pipedOut = Console.of(false, true, Map.of());
        assertSame(Style.PLAIN, pipedOut.out());
        assertSame(Style.ANSI, pipedOut.err());
    }

    @Test
    void theWidthIsColumnsElse80WithoutATerminal() {
        assertEquals(132, Console.of(false, true, Map.of("COLUMNS", " 132 ")).width());
        assertEquals(80, Console.of(false, true, Map.of()).width());
        assertEquals(80, Console.of(false, false, Map.of("COLUMNS", "wide")).width());
        assertEquals(OptionalInt.empty(), Console.of(false, false, Map.of("COLUMNS", "0")).columns());
    }

    @Test
    void theStyleColoursPrefixesAndDiffSigns() {
        assertEquals("\u001b[1;31merror:\u001b[0m ", Style.ANSI.error());
        assertEquals("\u001b[1;33mwarning:\u001b[0m ", Style.ANSI.warning());
        assertEquals("\u001b[36mhint:\u001b[0m ", Style.ANSI.hint());
        assertEquals("\u001b[33m~\u001b[0m \u001b[1mhttp\u001b[0m 1.2.0 -> 2.0.1", Style.ANSI.diffLine("~ http 1.2.0 -> 2.0.1"));
        assertEquals("\u001b[32m+\u001b[0m \u001b[1mtls\u001b[0m 2.1.0\n\u001b[31m-\u001b[0m \u001b[1mold\u001b[0m 0.3.0\n",
                Style.ANSI.diff("+ tls 2.1.0\n- old 0.3.0\n"));
        assertEquals("Nothing to do.", Style.ANSI.diffLine("Nothing to do."));
        assertEquals("error: ", Style.PLAIN.error());
        assertEquals("+ tls 2.1.0\n", Style.PLAIN.diff("+ tls 2.1.0\n"));
    }
}
