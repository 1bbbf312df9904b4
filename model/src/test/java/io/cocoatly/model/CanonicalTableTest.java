package io.cocoatly.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The bounded table behind one object per name and per range. */
class CanonicalTableTest {

    @Test
    void keepsTheFirstValueForAKey() {
        CanonicalTable<String, String> table = new CanonicalTable<>(10);
        String first = new String("value");
        assertNull(table.get("key"));
        assertSame(first, table.keep("key", first));
        assertSame(first, table.keep("key", new String("value")));
        assertSame(first, table.get("key"));
    }

    @Test
    void startsAfreshOnceFull() {
        CanonicalTable<Integer, Integer> table = new CanonicalTable<>(3);
        for (int i = 0; i < 3; i++) {
            table.keep(i, i);
        }
        assertEquals(2, table.get(2));
        table.keep(3, 3); // the fourth key: the table was full, so it holds only this one now
        assertNull(table.get(0));
        assertNull(table.get(2));
        assertEquals(3, table.get(3));
    }
}
