package io.jvirt.conf.nwfilter;

/**
 * Numbers as libvirt reads them: C's {@code strtoul}/{@code strtol} (leading white space, an
 * optional sign, {@code 0x} in base 16, wrap-around of negative values) behind libvirt's
 * {@code virStrToLong_ui}/{@code virStrToLong_i}, which want the whole string unless the caller
 * asks where the number ended. The exact rules matter: they decide which attribute values
 * libvirt accepts and whether it writes them back in decimal or hexadecimal.
 */
final class NumberText {
    static final long UINT_MAX = 0xFFFF_FFFFL;

    private NumberText() {
    }

    /** What {@code strtoul} saw: where it stopped, and the magnitude and sign of the number. */
    private record Scan(int end, boolean converted, boolean overflow, boolean negative, long magnitude) {
    }

    static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    static int digit(char c, int base) {
        int d;
        if (c >= '0' && c <= '9') {
            d = c - '0';
        } else if (c >= 'a' && c <= 'z') {
            d = c - 'a' + 10;
        } else if (c >= 'A' && c <= 'Z') {
            d = c - 'A' + 10;
        } else {
            return -1;
        }
        return d < base ? d : -1;
    }

    private static Scan scan(String s, int from, int base) {
        int n = s.length();
        int i = from;
        while (i < n && isCSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        if (base == 16 && i + 1 < n && s.charAt(i) == '0' && (s.charAt(i + 1) | 0x20) == 'x') {
            if (i + 2 < n && digit(s.charAt(i + 2), 16) >= 0) {
                i += 2;
            } else {
                // "0x" without hex digits: the 0 is the number, the x is where it ends
                return new Scan(i + 1, true, false, negative, 0);
            }
        }
        int start = i;
        long value = 0;
        boolean overflow = false;
        while (i < n) {
            int d = digit(s.charAt(i), base);
            if (d < 0) {
                break;
            }
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - d, base)) > 0) {
                overflow = true;
            } else {
                value = value * base + d;
            }
            i++;
        }
        if (i == start) {
            return new Scan(from, false, false, negative, 0);
        }
        return new Scan(i, true, overflow, negative, value);
    }

    /**
     * {@code virStrToLong_ui}: an unsigned int from {@code s[from..]}; returns {value, end} or
     * null. With {@code whole}, nothing may follow the number.
     */
    static long[] toUInt(String s, int from, int base, boolean whole) {
        Scan sc = scan(s, from, base);
        if (!sc.converted() || sc.overflow()) {
            return null;
        }
        long value = sc.magnitude();
        if (sc.negative()) {
            // "-1" is UINT_MAX: the magnitude may be at most UINT_MAX, the result wraps in 32 bits
            if (Long.compareUnsigned(value, UINT_MAX) > 0) {
                return null;
            }
            value = -value & UINT_MAX;
        }
        if (Long.compareUnsigned(value, UINT_MAX) > 0) {
            return null;
        }
        if (whole && sc.end() != s.length()) {
            return null;
        }
        return new long[] {value, sc.end()};
    }

    /** {@code virStrToLong_ui(s, NULL, base)}: the whole string as an unsigned int, or -1. */
    static long toUInt(String s, int base) {
        long[] r = toUInt(s, 0, base, true);
        return r == null ? -1 : r[0];
    }

    /** {@code virStrToLong_i(s, NULL, 10)}: the whole string as an int, or null. */
    static Integer toInt(String s) {
        Scan sc = scan(s, 0, 10);
        if (!sc.converted() || sc.overflow() || sc.end() != s.length()) {
            return null;
        }
        long m = sc.magnitude();
        if (Long.compareUnsigned(m, 1L << 31) > 0 || (!sc.negative() && m == 1L << 31)) {
            return null;
        }
        return (int) (sc.negative() ? -m : m);
    }

    /** An unsigned number in base 8, 10 or 16 as C's base-0 {@code strtoul} reads it: {value, end} or null. */
    static long[] toULongBase0(String s, int from) {
        int base = 10;
        int i = from;
        if (i < s.length() && s.charAt(i) == '0') {
            base = i + 1 < s.length() && (s.charAt(i + 1) | 0x20) == 'x' ? 16 : 8;
        }
        Scan sc = scan(s, from, base);
        if (!sc.converted() || sc.overflow()) {
            return null;
        }
        return new long[] {sc.magnitude(), sc.end()};
    }
}
