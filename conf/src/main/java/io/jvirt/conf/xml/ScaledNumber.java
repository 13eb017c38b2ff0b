package io.jvirt.conf.xml;

import java.math.BigInteger;
import java.util.Locale;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/**
 * libvirt's scaled integers ({@code <memory unit='MiB'>512</memory>}, {@code <capacity unit='G'>}):
 * a decimal value and a unit, where {@code k}/{@code KiB} are powers of 1024 and {@code KB} of 1000.
 */
public final class ScaledNumber {
    private ScaledNumber() {
    }

    /**
     * The value in bytes scaled from {@code defaultScale} units when no unit is given.
     *
     * @param defaultScale e.g. 1024 for memory (KiB by default), 1 for storage sizes (bytes)
     * @param max          the largest allowed result in bytes
     */
    public static long parse(String element, String value, String unit, long defaultScale, long max) {
        if (value == null) {
            throw invalid(element, "missing value");
        }
        String v = value.trim();
        if (!v.matches("[0-9]+")) {
            throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.XML,
                    "XML error: Invalid value '" + value + "' for element or attribute '" + element + "'");
        }
        long scale = unit == null ? defaultScale : scale(element, unit);
        BigInteger bytes = new BigInteger(v).multiply(BigInteger.valueOf(scale));
        if (bytes.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new VirtException(ErrorCode.OVERFLOW, ErrorDomain.NONE,
                    "value too large: " + element + " value " + value + (unit != null ? " " + unit : "")
                            + " is too large");
        }
        return bytes.longValue();
    }

    /** The multiplier of a unit word. */
    public static long scale(String element, String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.isEmpty() || u.equals("b") || u.equals("byte") || u.equals("bytes")) {
            return 1;
        }
        int power = switch (u.charAt(0)) {
            case 'k' -> 1;
            case 'm' -> 2;
            case 'g' -> 3;
            case 't' -> 4;
            case 'p' -> 5;
            case 'e' -> 6;
            default -> throw invalid(element, "unknown unit '" + unit + "'");
        };
        String rest = u.substring(1);
        long base = switch (rest) {
            case "", "ib" -> 1024;
            case "b" -> 1000;
            default -> throw invalid(element, "unknown unit '" + unit + "'");
        };
        long s = 1;
        for (int i = 0; i < power; i++) {
            s *= base;
        }
        return s;
    }

    private static VirtException invalid(String element, String why) {
        return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                "invalid argument: " + why + " in " + element);
    }
}
