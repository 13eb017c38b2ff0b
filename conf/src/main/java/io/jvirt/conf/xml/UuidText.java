package io.jvirt.conf.xml;

import java.util.UUID;

/**
 * libvirt's UUID text rule (what {@code <uuid>} elements accept): optional leading and trailing
 * white space, then 32 hex digits in pairs, with any number of '-' or ' ' between pairs.
 */
public final class UuidText {
    private UuidText() {
    }

    /** The UUID, or null when {@code text} does not follow the rule. */
    public static UUID parse(String text) {
        int i = 0;
        int n = text.length();
        while (i < n && isSpace(text.charAt(i))) {
            i++;
        }
        long hi = 0;
        long lo = 0;
        for (int bytes = 0; bytes < 16;) {
            if (i >= n) {
                return null;
            }
            char c = text.charAt(i);
            if (c == '-' || c == ' ') {
                i++;
                continue;
            }
            int a = hex(c);
            int b = i + 1 < n ? hex(text.charAt(i + 1)) : -1;
            if (a < 0 || b < 0) {
                return null;
            }
            long octet = a << 4 | b;
            if (bytes < 8) {
                hi = hi << 8 | octet;
            } else {
                lo = lo << 8 | octet;
            }
            bytes++;
            i += 2;
        }
        for (; i < n; i++) {
            if (!isSpace(text.charAt(i))) {
                return null;
            }
        }
        return new UUID(hi, lo);
    }

    private static int hex(char c) {
        return c < 128 ? Character.digit(c, 16) : -1;
    }

    /** C's isspace in the C locale. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }
}
