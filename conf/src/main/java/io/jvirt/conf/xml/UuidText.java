package io.jvirt.conf.xml;

import java.util.UUID;
import java.util.function.Supplier;

import io.jvirt.api.VirtException;

/**
 * libvirt's reading of UUID text, shared by every dialect ({@code <uuid>} of domains, networks,
 * pools, filters, secrets, owners of bindings): 32 hexadecimal digits in pairs, with '-' or ' '
 * allowed before any pair and white space around (so {@code 01-23 4567...} is a UUID, a dash between
 * the two digits of a pair is not). Each dialect words its own error, so this class only decides.
 */
public final class UuidText {
    private UuidText() {
    }

    /** The UUID {@code text} spells, or null when it is malformed. */
    public static UUID parse(String text) {
        if (text == null) {
            return null;
        }
        int i = 0;
        int n = text.length();
        while (i < n && isCSpace(text.charAt(i))) {
            i++;
        }
        long hi = 0;
        long lo = 0;
        for (int pairs = 0; pairs < 16;) {
            if (i >= n) {
                return null;
            }
            char c = text.charAt(i);
            if (c == '-' || c == ' ') {
                i++;
                continue;
            }
            int a = hexDigit(c);
            int b = i + 1 < n ? hexDigit(text.charAt(i + 1)) : -1;
            if (a < 0 || b < 0) {
                return null;
            }
            if (pairs < 8) {
                hi = hi << 8 | (a << 4 | b);
            } else {
                lo = lo << 8 | (a << 4 | b);
            }
            pairs++;
            i += 2;
        }
        for (; i < n; i++) {
            if (!isCSpace(text.charAt(i))) {
                return null;
            }
        }
        return new UUID(hi, lo);
    }

    /**
     * The UUID of an object's {@code <uuid>} element as libvirt reads it: absent or empty text means
     * "generate one" (a random version 4 UUID), anything else must parse.
     *
     * @param malformed the dialect's error for text that is not a UUID
     */
    public static UUID element(String text, Supplier<VirtException> malformed) {
        if (text == null || text.isEmpty()) {
            return UUID.randomUUID();
        }
        UUID u = parse(text);
        if (u == null) {
            throw malformed.get();
        }
        return u;
    }

    /** ASCII hex digits only: {@link Character#digit} would also take other scripts' digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** C's isspace in the C locale. */
    private static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }
}
