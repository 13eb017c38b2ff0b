package io.jvirt.shell.virsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void columnsAreAlignedAndUnderlinedLikeVirsh() {
        String text = new Table("Id", "Name", "State")
                .row(1, "test", "running")
                .row(12, "a-longer-name", "shut off")
                .render();
        assertEquals("""
                 Id   Name            State
                --------------------------------
                 1    test            running
                 12   a-longer-name   shut off
                """, text);
    }

    @Test
    void emptyTableIsHeaderAndRule() {
        assertEquals(" A   B\n--------\n", new Table("A", "B").render());
    }

    @Test
    void nullCellIsBlankAndLinesHaveNoTrailingSpace() {
        String text = new Table("A", "B", "C").row("x", null, "").render();
        for (String line : text.split("\n")) {
            assertEquals(line.stripTrailing(), line, "trailing space in: '" + line + "'");
        }
    }

    @Test
    void rowWithWrongWidthIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Table("A", "B").row("only one"));
    }
}
