package io.jvirt.shell.virsh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A text table laid out the way virsh lays out its own: a leading space, columns left-aligned
 * and separated by three spaces, the header underlined by dashes as long as every column's width
 * plus three (so two past the widest line, as virsh's rule is).
 */
final class Table {
    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
        this.header = header.clone();
    }

    Table row(Object... cells) {
        if (cells.length != header.length) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has "
                    + header.length + " columns");
        }
        rows.add(Arrays.stream(cells).map(c -> c == null ? "" : String.valueOf(c)).toArray(String[]::new));
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table, each line ending in a newline. */
    String render() {
        int[] width = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            width[c] = header[c].length();
            for (String[] r : rows) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(line(header, width));
        for (String[] r : rows) {
            lines.add(line(r, width));
        }
        int rule = 0;
        for (int w : width) {
            rule += w + 3;
        }
        StringBuilder out = new StringBuilder();
        out.append(lines.get(0)).append('\n');
        out.append("-".repeat(rule)).append('\n');
        for (int i = 1; i < lines.size(); i++) {
            out.append(lines.get(i)).append('\n');
        }
        return out.toString();
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder b = new StringBuilder(" ");
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                b.append("   ");
            }
            b.append(cells[c]);
            if (c < cells.length - 1) {
                b.append(" ".repeat(width[c] - cells[c].length()));
            }
        }
        return b.toString().stripTrailing();
    }
}
