package io.jvirt.conf.nwfilter;

/**
 * Addresses as libvirt reads and writes them through the C library: IPv4 in {@code inet_aton}'s
 * forms ({@code 10.1} is 10.0.0.1, {@code 010.1.2.3} is octal), IPv6 as {@code inet_pton}
 * accepts it and {@code inet_ntop} writes it (longest zero run compressed, embedded IPv4 for
 * mapped and compatible addresses), MAC addresses as {@code virMacAddrParse} accepts them
 * ({@code 1:2:3:4:5:6}).
 */
final class AddressText {
    private AddressText() {
    }

    /**
     * An IPv4 address as {@code getaddrinfo(AF_INET, AI_NUMERICHOST)} reads it: {@code inet_aton}'s
     * forms, or an IPv4-mapped IPv6 literal ({@code ::ffff:10.1.2.3}); null otherwise.
     */
    static byte[] parseIPv4(String s) {
        byte[] a = parseInetAton(s);
        if (a != null) {
            return a;
        }
        byte[] v6 = parseIPv6(s);
        if (v6 == null) {
            return null;
        }
        for (int k = 0; k < 10; k++) {
            if (v6[k] != 0) {
                return null;
            }
        }
        if (v6[10] != (byte) 0xFF || v6[11] != (byte) 0xFF) {
            return null;
        }
        return new byte[] {v6[12], v6[13], v6[14], v6[15]};
    }

    /** {@code inet_aton} with nothing after the address, or null. */
    private static byte[] parseInetAton(String s) {
        long[] max = {0xFFFF_FFFFL, 0xFF_FFFFL, 0xFFFFL, 0xFFL};
        byte[] parts = new byte[4];
        int nparts = 0;
        int i = 0;
        long val;
        while (true) {
            if (i >= s.length() || s.charAt(i) < '0' || s.charAt(i) > '9') {
                return null;
            }
            long[] r = NumberText.toULongBase0(s, i);
            if (r == null || Long.compareUnsigned(r[0], 0xFFFF_FFFFL) > 0) {
                return null;
            }
            val = r[0];
            i = (int) r[1];
            if (i < s.length() && s.charAt(i) == '.') {
                if (nparts > 2 || val > 0xFF) {
                    return null;
                }
                parts[nparts++] = (byte) val;
                i++;
            } else {
                break;
            }
        }
        if (i != s.length() || val > max[nparts]) {
            return null;
        }
        long word = 0;
        for (int k = 0; k < nparts; k++) {
            word |= (parts[k] & 0xFFL) << (24 - 8 * k);
        }
        word |= val;
        return new byte[] {(byte) (word >>> 24), (byte) (word >>> 16), (byte) (word >>> 8), (byte) word};
    }

    /** {@code inet_pton(AF_INET)}: exactly four decimal parts without leading zeros, or null. */
    private static boolean parseDottedQuad(String s, int from, byte[] dst, int at) {
        int[] tmp = new int[4];
        int octets = 0;
        int tp = 0;
        boolean sawDigit = false;
        for (int i = from; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= '0' && ch <= '9') {
                int v = tmp[tp] * 10 + (ch - '0');
                if (sawDigit && tmp[tp] == 0) {
                    return false;
                }
                if (v > 255) {
                    return false;
                }
                tmp[tp] = v;
                if (!sawDigit) {
                    if (++octets > 4) {
                        return false;
                    }
                    sawDigit = true;
                }
            } else if (ch == '.' && sawDigit) {
                if (octets == 4) {
                    return false;
                }
                tmp[++tp] = 0;
                sawDigit = false;
            } else {
                return false;
            }
        }
        if (octets < 4) {
            return false;
        }
        for (int k = 0; k < 4; k++) {
            dst[at + k] = (byte) tmp[k];
        }
        return true;
    }

    /** {@code inet_pton(AF_INET6)}, or null (scoped addresses are not accepted). */
    static byte[] parseIPv6(String s) {
        byte[] tmp = new byte[16];
        int tp = 0;
        int colonp = -1;
        int n = s.length();
        int i = 0;
        if (n == 0) {
            return null;
        }
        if (s.charAt(0) == ':') {
            i++;
            if (i == n || s.charAt(i) != ':') {
                return null;
            }
        }
        int curtok = i;
        int xdigits = 0;
        int val = 0;
        boolean sawV4 = false;
        while (i < n) {
            char ch = s.charAt(i++);
            int d = NumberText.digit(ch, 16);
            if (d >= 0) {
                if (xdigits == 4) {
                    return null;
                }
                val = (val << 4) | d;
                xdigits++;
                continue;
            }
            if (ch == ':') {
                curtok = i;
                if (xdigits == 0) {
                    if (colonp >= 0) {
                        return null;
                    }
                    colonp = tp;
                    continue;
                } else if (i == n) {
                    return null;
                }
                if (tp + 2 > 16) {
                    return null;
                }
                tmp[tp++] = (byte) (val >> 8);
                tmp[tp++] = (byte) val;
                xdigits = 0;
                val = 0;
                continue;
            }
            if (ch == '.' && tp + 4 <= 16 && parseDottedQuad(s, curtok, tmp, tp)) {
                tp += 4;
                xdigits = 0;
                sawV4 = true;
                break;
            }
            return null;
        }
        if (xdigits > 0 && !sawV4) {
            if (tp + 2 > 16) {
                return null;
            }
            tmp[tp++] = (byte) (val >> 8);
            tmp[tp++] = (byte) val;
        }
        if (colonp >= 0) {
            if (tp == 16) {
                return null;
            }
            int moved = tp - colonp;
            System.arraycopy(tmp, colonp, tmp, 16 - moved, moved);
            for (int k = colonp; k < 16 - moved; k++) {
                tmp[k] = 0;
            }
            tp = 16;
        }
        return tp == 16 ? tmp : null;
    }

    /** Dotted decimal, or {@code inet_ntop}'s IPv6 text. */
    static String format(byte[] a) {
        if (a.length == 4) {
            return (a[0] & 0xFF) + "." + (a[1] & 0xFF) + "." + (a[2] & 0xFF) + "." + (a[3] & 0xFF);
        }
        int[] words = new int[8];
        for (int k = 0; k < 8; k++) {
            words[k] = ((a[2 * k] & 0xFF) << 8) | (a[2 * k + 1] & 0xFF);
        }
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int k = 0; k < 8; k++) {
            if (words[k] == 0) {
                if (curBase == -1) {
                    curBase = k;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase != -1) {
                if (bestBase == -1 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase != -1 && (bestBase == -1 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase != -1 && bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 8; k++) {
            if (bestBase != -1 && k >= bestBase && k < bestBase + bestLen) {
                if (k == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (k != 0) {
                sb.append(':');
            }
            if (k == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xFFFF))) {
                sb.append(a[12] & 0xFF).append('.').append(a[13] & 0xFF).append('.')
                        .append(a[14] & 0xFF).append('.').append(a[15] & 0xFF);
                return sb.toString();
            }
            sb.append(Integer.toHexString(words[k]));
        }
        if (bestBase != -1 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }

    /** The length of a netmask's leading run of ones, or -1 when ones follow a zero. */
    static int prefixLength(byte[] mask) {
        int bits = 0;
        boolean ones = true;
        for (byte b : mask) {
            for (int bit = 7; bit >= 0; bit--) {
                boolean set = (b >> bit & 1) != 0;
                if (ones && set) {
                    bits++;
                } else if (set) {
                    return -1;
                } else {
                    ones = false;
                }
            }
        }
        return bits;
    }

    /** {@code virMacAddrParse}: six groups of one or two hex digits separated by ':', or null. */
    static byte[] parseMac(String s) {
        byte[] mac = new byte[6];
        int pos = 0;
        for (int k = 0; k < 6; k++) {
            if (pos >= s.length() || NumberText.digit(s.charAt(pos), 16) < 0) {
                return null;
            }
            long[] r = NumberText.toUInt(s, pos, 16, false);
            if (r == null) {
                return null;
            }
            int len = (int) r[1] - pos;
            if (len < 1 || len > 2 || r[0] > 0xFF) {
                return null;
            }
            mac[k] = (byte) r[0];
            int end = (int) r[1];
            char next = end < s.length() ? s.charAt(end) : '\0';
            // C compares a signed char: bytes of multi-byte characters count as "<= ' '" too
            if (k == 5 && (next <= ' ' || next >= 0x80)) {
                return mac;
            }
            if (next != ':') {
                return null;
            }
            pos = end + 1;
        }
        return null;
    }

    static String formatMac(byte[] mac) {
        StringBuilder sb = new StringBuilder(17);
        for (int k = 0; k < mac.length; k++) {
            if (k > 0) {
                sb.append(':');
            }
            sb.append(Character.forDigit(mac[k] >> 4 & 0xF, 16)).append(Character.forDigit(mac[k] & 0xF, 16));
        }
        return sb.toString();
    }

}
