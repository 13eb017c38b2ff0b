package io.jvirt.conf.xml;

import java.util.Locale;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/**
 * libvirt's scaled integers ({@code <memory unit='MiB'>512</memory>}, {@code <capacity unit='G'>}):
 * a decimal value and a unit, where {@code k}/{@code KiB} are powers of 1024 and {@code KB} of 1000.
 * Values are unsigned 64-bit numbers held in a {@code long}; a {@code max} of {@code -1} is
 * {@code ULLONG_MAX}. The errors are libvirt 9.0's, measured: text that is not an unsigned decimal
 * number, or does not fit 64 bits, is {@code VIR_ERR_XML_ERROR} naming libvirt's XPath of the value
 * ({@code ./memory[1]}); a scaled value over the maximum is {@code VIR_ERR_OVERFLOW}.
 */
public final class ScaledNumber {
    /** libvirt's bound for memory sizes on 64-bit hosts, in bytes (off_t). */
    public static final long MEMORY_MAX = Long.MAX_VALUE;
    /** {@code ULLONG_MAX}, for values libvirt does not bound below 64 bits. */
    public static final long UNBOUNDED = -1L;

    private ScaledNumber() {
    }

    /**
     * {@code virParseScaledValue}: the value in bytes, scaled from {@code defaultScale} units when no
     * unit is given.
     *
     * @param xpath        libvirt's XPath of the value, which its errors name (e.g. {@code ./memory[1]})
     * @param defaultScale e.g. 1024 for memory (KiB by default), 1 for storage sizes (bytes)
     * @param max          the largest allowed result in bytes (unsigned)
     */
    public static long parse(String xpath, String value, String unit, long defaultScale, long max) {
        if (value == null || value.isEmpty()) {
            throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.XML,
                    "XML error: missing element or attribute '" + xpath + "'");
        }
        Long v = unsignedDecimal(value);
        if (v == null) {
            throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.XML,
                    "XML error: Invalid value '" + value + "' for element or attribute '" + xpath + "'");
        }
        return scale(v, unit, defaultScale, max);
    }

    /**
     * {@code virDomainParseMemory}: a memory size in KiB (rounded up), or null when the text is empty
     * (libvirt reads empty text as absent). The result must stay below libvirt's bound in KiB.
     */
    public static Long memoryKiB(String xpath, String value, String unit) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        long bytes = parse(xpath, value, unit, 1024, MEMORY_MAX);
        long kib = Long.divideUnsigned(bytes, 1024) + (Long.remainderUnsigned(bytes, 1024) != 0 ? 1 : 0);
        if (Long.compareUnsigned(kib, (MEMORY_MAX - 1) / 1024 + 1) >= 0) {
            throw new VirtException(ErrorCode.OVERFLOW, ErrorDomain.DOMAIN, "numerical overflow: size value too large");
        }
        return kib;
    }

    /**
     * {@code virScaleInteger}: {@code value} times the unit's multiplier ({@code defaultScale} when
     * the unit is absent or empty), refused with VIR_ERR_OVERFLOW above {@code max}.
     */
    public static long scale(long value, String unit, long defaultScale, long max) {
        String suffix = unit == null ? "" : unit;
        long s = suffix.isEmpty() ? defaultScale : multiplier(suffix);
        if (value != 0 && Long.compareUnsigned(value, Long.divideUnsigned(max, s)) > 0) {
            throw new VirtException(ErrorCode.OVERFLOW, ErrorDomain.NONE,
                    "numerical overflow: value too large: " + Long.toUnsignedString(value) + suffix);
        }
        return value * s;
    }

    /** The multiplier of a unit word ({@code b}, {@code bytes}, {@code k}, {@code KiB}, {@code KB}, ... {@code EiB}). */
    public static long multiplier(String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.equals("b") || u.equals("byte") || u.equals("bytes")) {
            return 1;
        }
        long base;
        if (u.length() == 1 || u.substring(1).equals("ib")) {
            base = 1024;
        } else if (u.length() == 2 && u.charAt(1) == 'b') {
            base = 1000;
        } else {
            throw unknownSuffix(unit);
        }
        int power = switch (u.charAt(0)) {
            case 'k' -> 1;
            case 'm' -> 2;
            case 'g' -> 3;
            case 't' -> 4;
            case 'p' -> 5;
            case 'e' -> 6;
            default -> throw unknownSuffix(unit);
        };
        long s = 1;
        for (int i = 0; i < power; i++) {
            s *= base;
        }
        return s;
    }

    /**
     * {@code virStrToLong_ullp} in base 10: leading white space and a '+' allowed, no sign '-',
     * nothing after the digits, at most 64 bits; null otherwise.
     */
    public static Long unsignedDecimal(String text) {
        int i = 0;
        int n = text.length();
        while (i < n && isCSpace(text.charAt(i))) {
            i++;
        }
        if (i < n && text.charAt(i) == '+') {
            i++;
        }
        if (i == n) {
            return null;
        }
        long v = 0;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            int d = c - '0';
            // v * 10 + d must fit 64 unsigned bits
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L - d, 10)) > 0) {
                return null;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static VirtException unknownSuffix(String suffix) {
        return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                "invalid argument: unknown suffix '" + suffix + "'");
    }

    private static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }
}
