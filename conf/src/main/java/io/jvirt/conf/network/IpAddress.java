package io.jvirt.conf.network;

import java.math.BigInteger;

/**
 * An IPv4 or IPv6 address as libvirt's virSocketAddr holds it: parsed like glibc's numeric
 * {@code getaddrinfo} (so {@code 10.1} is {@code 10.0.0.1}, and {@code fe80::1%eth0} has a scope) and
 * printed like {@code getnameinfo(NI_NUMERICHOST)}. Equality ignores the scope, as libvirt's does.
 *
 * @param v6    whether this is an IPv6 address
 * @param value the address as an unsigned 32- or 128-bit number
 * @param scope the IPv6 scope (interface index), 0 for none
 */
public record IpAddress(boolean v6, BigInteger value, long scope) {
    public IpAddress(boolean v6, BigInteger value) {
        this(v6, value, 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress a && a.v6 == v6 && a.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode() * 31 + (v6 ? 1 : 0);
    }

    private static final BigInteger MAX4 = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    private static final BigInteger MAX6 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    /** Parses an address of either family, or returns null when it is not a numeric address. */
    public static IpAddress tryParse(String s) {
        if (s == null) {
            return null;
        }
        IpAddress a = tryParse4(s);
        if (a != null) {
            return a;
        }
        int pct = s.indexOf('%');
        if (pct < 0) {
            return tryParse6(s);
        }
        a = tryParse6(s.substring(0, pct));
        if (a == null) {
            return null;
        }
        long scope = scopeId(a, s.substring(pct + 1));
        return scope < 0 ? null : new IpAddress(true, a.value, scope);
    }

    /** Link-local unicast (fe80::/10) or multicast (ff02::/16): where scopes name interfaces. */
    private boolean linkLocal() {
        int w0 = units()[0];
        return (w0 & 0xffc0) == 0xfe80 || w0 == 0xff02;
    }

    /** glibc's scope parsing: an interface name (link-local addresses) or a number; -1 if neither. */
    private static long scopeId(IpAddress a, String scope) {
        if (a.linkLocal() && !scope.isEmpty()) {
            try {
                java.net.NetworkInterface nif = java.net.NetworkInterface.getByName(scope);
                if (nif != null && nif.getIndex() > 0) {
                    return nif.getIndex();
                }
            } catch (java.net.SocketException e) {
                // not an interface: try a number
            }
        }
        if (scope.isEmpty() || !scope.chars().allMatch(c -> c >= '0' && c <= '9') || scope.length() > 10) {
            return -1;
        }
        long n = Long.parseLong(scope);
        return n > 0xffffffffL ? -1 : n;
    }

    /** Parses like virSocketAddrParse(..., AF_UNSPEC): a failure is libvirt's system error. */
    public static IpAddress parse(String s) {
        IpAddress a = tryParse(s);
        if (a == null) {
            throw NetErrors.cannotParseAddress(s);
        }
        return a;
    }

    /** inet_aton's forms: one to four parts, each decimal, octal (leading 0) or hex (0x). */
    public static IpAddress tryParse4(String s) {
        long[] parts = new long[4];
        int n = 0;
        int i = 0;
        int len = s.length();
        while (true) {
            if (i >= len || !isDigit(s.charAt(i))) {
                return null;
            }
            int base = 10;
            long val = 0;
            if (s.charAt(i) == '0') {
                i++;
                if (i < len && (s.charAt(i) == 'x' || s.charAt(i) == 'X')) {
                    base = 16;
                    i++;
                } else {
                    base = 8;
                }
            }
            while (i < len) {
                char c = s.charAt(i);
                int d;
                if (isDigit(c)) {
                    if (base == 8 && c >= '8') {
                        return null;
                    }
                    d = c - '0';
                } else if (base == 16 && isHex(c)) {
                    d = Character.digit(c, 16);
                } else {
                    break;
                }
                val = val * base + d;
                if (val > 0xffffffffL) {
                    return null;
                }
                i++;
            }
            if (i < len && s.charAt(i) == '.') {
                if (n >= 3 || val > 0xff) {
                    return null;
                }
                parts[n++] = val;
                i++;
                continue;
            }
            if (i != len) {
                return null;
            }
            long result;
            switch (n) {
                case 0 -> result = val;
                case 1 -> {
                    if (val > 0xffffffL) {
                        return null;
                    }
                    result = parts[0] << 24 | val;
                }
                case 2 -> {
                    if (val > 0xffffL) {
                        return null;
                    }
                    result = parts[0] << 24 | parts[1] << 16 | val;
                }
                default -> {
                    if (val > 0xffL) {
                        return null;
                    }
                    result = parts[0] << 24 | parts[1] << 16 | parts[2] << 8 | val;
                }
            }
            return new IpAddress(false, BigInteger.valueOf(result));
        }
    }

    /** inet_pton(AF_INET6). */
    public static IpAddress tryParse6(String s) {
        int[] words = new int[8];
        int tp = 0;
        int colonp = -1;
        int i = 0;
        int len = s.length();
        if (len > 0 && s.charAt(0) == ':') {
            if (len < 2 || s.charAt(1) != ':') {
                return null;
            }
            i = 1;
        }
        int curtok = i;
        boolean sawXdigit = false;
        int digits = 0;
        int val = 0;
        while (i < len) {
            char ch = s.charAt(i++);
            if (isHex(ch)) {
                if (++digits > 4) {
                    return null;
                }
                val = val << 4 | Character.digit(ch, 16);
                sawXdigit = true;
                continue;
            }
            if (ch == ':') {
                curtok = i;
                if (!sawXdigit) {
                    if (colonp >= 0) {
                        return null;
                    }
                    colonp = tp;
                    continue;
                } else if (i >= len) {
                    return null;
                }
                if (tp + 1 > 8) {
                    return null;
                }
                words[tp++] = val;
                sawXdigit = false;
                digits = 0;
                val = 0;
                continue;
            }
            if (ch == '.' && tp + 2 <= 8) {
                int[] v4 = strictDotted(s.substring(curtok));
                if (v4 == null) {
                    return null;
                }
                words[tp++] = v4[0] << 8 | v4[1];
                words[tp++] = v4[2] << 8 | v4[3];
                sawXdigit = false;
                i = len;
                break;
            }
            return null;
        }
        if (sawXdigit) {
            if (tp + 1 > 8) {
                return null;
            }
            words[tp++] = val;
        }
        if (colonp >= 0) {
            if (tp == 8) {
                return null;
            }
            int n = tp - colonp;
            for (int k = 1; k <= n; k++) {
                words[8 - k] = words[colonp + n - k];
                words[colonp + n - k] = 0;
            }
            tp = 8;
        }
        if (tp != 8) {
            return null;
        }
        BigInteger v = BigInteger.ZERO;
        for (int w : words) {
            v = v.shiftLeft(16).or(BigInteger.valueOf(w));
        }
        return new IpAddress(true, v);
    }

    private static int[] strictDotted(String s) {
        int[] out = new int[4];
        int octets = 0;
        boolean sawDigit = false;
        int cur = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isDigit(c)) {
                if (sawDigit && cur == 0) {
                    return null;
                }
                cur = cur * 10 + (c - '0');
                if (cur > 255) {
                    return null;
                }
                if (!sawDigit) {
                    if (++octets > 4) {
                        return null;
                    }
                    sawDigit = true;
                }
            } else if (c == '.' && sawDigit) {
                if (octets == 4) {
                    return null;
                }
                out[octets - 1] = cur;
                cur = 0;
                sawDigit = false;
            } else {
                return null;
            }
        }
        if (octets < 4 || !sawDigit) {
            return null;
        }
        out[3] = cur;
        return out;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    public int bits() {
        return v6 ? 128 : 32;
    }

    /** The netmask of {@code prefix} bits in this address's family. */
    public static IpAddress netmask(boolean v6, int prefix) {
        int bits = v6 ? 128 : 32;
        BigInteger all = v6 ? MAX6 : MAX4;
        BigInteger host = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        return new IpAddress(v6, all.xor(host));
    }

    /** The number of leading one bits of a netmask, or -1 if it is not contiguous. */
    public int netmaskBits() {
        int bits = bits();
        int n = 0;
        while (n < bits && value.testBit(bits - 1 - n)) {
            n++;
        }
        for (int k = n; k < bits; k++) {
            if (value.testBit(bits - 1 - k)) {
                return -1;
            }
        }
        return n;
    }

    public IpAddress mask(IpAddress netmask) {
        return new IpAddress(v6, value.and(netmask.value));
    }

    public IpAddress broadcast(IpAddress netmask) {
        BigInteger all = v6 ? MAX6 : MAX4;
        return new IpAddress(v6, value.or(all.xor(netmask.value)));
    }

    /** The 16-bit words (IPv6) or bytes (IPv4) of the address, most significant first. */
    int[] units() {
        int n = v6 ? 8 : 4;
        int width = v6 ? 16 : 8;
        int[] u = new int[n];
        for (int i = 0; i < n; i++) {
            u[i] = value.shiftRight((n - 1 - i) * width).intValue() & ((1 << width) - 1);
        }
        return u;
    }

    @Override
    public String toString() {
        if (scope == 0) {
            return text();
        }
        String name = null;
        if (linkLocal()) {
            try {
                java.net.NetworkInterface nif = java.net.NetworkInterface.getByIndex((int) scope);
                name = nif != null ? nif.getName() : null;
            } catch (java.net.SocketException e) {
                name = null;
            }
        }
        return text() + "%" + (name != null ? name : Long.toString(scope));
    }

    private String text() {
        int[] u = units();
        if (!v6) {
            return u[0] + "." + u[1] + "." + u[2] + "." + u[3];
        }
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (u[i] == 0) {
                if (curBase < 0) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase >= 0) {
                if (bestBase < 0 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase >= 0 && (bestBase < 0 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase >= 0 && bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && u[5] == 0xffff))) {
                sb.append(u[6] >> 8).append('.').append(u[6] & 0xff).append('.')
                        .append(u[7] >> 8).append('.').append(u[7] & 0xff);
                return sb.toString();
            }
            sb.append(Integer.toHexString(u[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }
}
