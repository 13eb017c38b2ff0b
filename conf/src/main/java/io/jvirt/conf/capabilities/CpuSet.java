package io.jvirt.conf.capabilities;

import java.util.BitSet;
import java.util.List;

/**
 * A set of CPU ids as libvirt writes it ({@code cpus='0-3,8'}, {@code siblings='0,4'}): ascending
 * ranges and single ids separated by commas.
 *
 * @param ids the ids, ascending and distinct
 */
public record CpuSet(List<Integer> ids) {
    public CpuSet {
        ids = List.copyOf(ids);
    }

    public static CpuSet of(int... ids) {
        BitSet b = new BitSet();
        for (int id : ids) {
            b.set(id);
        }
        return new CpuSet(b.stream().boxed().toList());
    }

    /** Ids {@code from} to {@code to}, both included. */
    public static CpuSet range(int from, int to) {
        BitSet b = new BitSet();
        b.set(from, to + 1);
        return new CpuSet(b.stream().boxed().toList());
    }

    /** Parses libvirt's cpuset syntax: {@code N}, {@code N-M} and {@code ^N} (exclusion), comma separated. */
    public static CpuSet parse(String text) {
        BitSet b = new BitSet();
        BitSet excluded = new BitSet();
        if (!text.isBlank()) {
            for (String part : text.split(",", -1)) {
                String p = part.trim();
                try {
                    if (p.startsWith("^")) {
                        excluded.set(Integer.parseInt(p.substring(1).trim()));
                    } else if (p.contains("-")) {
                        int dash = p.indexOf('-');
                        int from = Integer.parseInt(p.substring(0, dash).trim());
                        int to = Integer.parseInt(p.substring(dash + 1).trim());
                        if (from > to) {
                            throw CapsXml.error("invalid cpuset '" + text + "'");
                        }
                        b.set(from, to + 1);
                    } else {
                        b.set(Integer.parseInt(p));
                    }
                } catch (NumberFormatException | IndexOutOfBoundsException e) {
                    throw CapsXml.error("invalid cpuset '" + text + "'");
                }
            }
        }
        b.andNot(excluded);
        return new CpuSet(b.stream().boxed().toList());
    }

    /** libvirt's text: consecutive ids as ranges ({@code 0-3,8}); empty for no ids. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < ids.size()) {
            int start = ids.get(i);
            int end = start;
            while (i + 1 < ids.size() && ids.get(i + 1) == end + 1) {
                end = ids.get(++i);
            }
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(start);
            if (end != start) {
                sb.append('-').append(end);
            }
            i++;
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
