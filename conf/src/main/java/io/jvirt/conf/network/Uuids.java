package io.jvirt.conf.network;

import java.util.Locale;

/** libvirt's UUID text rules (virUUIDParse / virUUIDFormat). */
final class Uuids {
    private Uuids() {
    }

    /** 32 hex digits in pairs, '-' or ' ' allowed between pairs, spaces around; null if malformed. */
    static String parse(String s) {
        int i = 0;
        int len = s.length();
        while (i < len && isSpace(s.charAt(i))) {
            i++;
        }
        StringBuilder hex = new StringBuilder(32);
        int bytes = 0;
        while (bytes < 16) {
            if (i >= len) {
                return null;
            }
            char c = s.charAt(i);
            if (c == '-' || c == ' ') {
                i++;
                continue;
            }
            if (Character.digit(c, 16) < 0 || c > 127 || i + 1 >= len) {
                return null;
            }
            char d = s.charAt(i + 1);
            if (Character.digit(d, 16) < 0 || d > 127) {
                return null;
            }
            hex.append(c).append(d);
            i += 2;
            bytes++;
        }
        while (i < len) {
            if (!isSpace(s.charAt(i))) {
                return null;
            }
            i++;
        }
        String h = hex.toString().toLowerCase(Locale.ROOT);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    /** A random (version 4) UUID, as libvirt generates one for a definition without. */
    static String random() {
        return java.util.UUID.randomUUID().toString();
    }
}
