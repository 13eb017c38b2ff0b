package io.jvirt.conf.domain;

import java.util.BitSet;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/** libvirt's CPU/node set syntax ({@code 0-3,^2,8}) and its canonical form ({@code 0-1,3,8}). */
final class Bitmaps {
    private Bitmaps() {
    }

    static BitSet parse(String text) {
        BitSet set = new BitSet();
        String s = text.trim();
        if (s.isEmpty()) {
            throw bad(text);
        }
        for (String part : s.split(",", -1)) {
            String p = part.trim();
            boolean neg = p.startsWith("^");
            if (neg) {
                p = p.substring(1);
            }
            int from;
            int to;
            try {
                int dash = p.indexOf('-');
                if (dash > 0 && !neg) {
                    from = Integer.parseInt(p.substring(0, dash).trim());
                    to = Integer.parseInt(p.substring(dash + 1).trim());
                } else {
                    from = Integer.parseInt(p);
                    to = from;
                }
            } catch (NumberFormatException e) {
                throw bad(text);
            }
            if (from < 0 || to < from) {
                throw bad(text);
            }
            if (neg) {
                set.clear(from);
            } else {
                set.set(from, to + 1);
            }
        }
        return set;
    }

    static VirtException bad(String text) {
        return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                "invalid argument: Failed to parse bitmap '" + text + "'");
    }

    static String format(BitSet set) {
        StringBuilder sb = new StringBuilder();
        int i = set.nextSetBit(0);
        while (i >= 0) {
            int end = set.nextClearBit(i) - 1;
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(i);
            if (end > i) {
                sb.append('-').append(end);
            }
            i = set.nextSetBit(end + 1);
        }
        return sb.toString();
    }

    /** Canonicalises attribute {@code attr} of {@code n} if present. */
    static void canon(XmlNode n, String attr) {
        String v = n.attr(attr);
        if (v != null) {
            n.set(attr, format(parse(v)));
        }
    }
}
