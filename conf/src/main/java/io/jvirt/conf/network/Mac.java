package io.jvirt.conf.network;

/** libvirt's MAC address text rules (virMacAddrParse / virMacAddrFormat). */
public final class Mac {
    private Mac() {
    }

    /** Six hex octets of one or two digits separated by ':'; null if malformed. */
    public static int[] parse(String s) {
        int[] out = new int[6];
        int i = 0;
        int len = s.length();
        for (int k = 0; k < 6; k++) {
            if (i >= len || Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) > 127) {
                return null;
            }
            int start = i;
            int v = 0;
            while (i < len && s.charAt(i) < 128 && Character.digit(s.charAt(i), 16) >= 0) {
                v = v * 16 + Character.digit(s.charAt(i), 16);
                i++;
                if (i - start > 2) {
                    return null;
                }
            }
            out[k] = v;
            if (k == 5) {
                return i >= len || s.charAt(i) <= ' ' ? out : null;
            }
            if (i >= len || s.charAt(i) != ':') {
                return null;
            }
            i++;
        }
        return null;
    }

    public static String format(int[] b) {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Character.forDigit(b[i] >> 4, 16)).append(Character.forDigit(b[i] & 15, 16));
        }
        return sb.toString();
    }
}
