package io.jvirt.api;

import java.util.Objects;

/**
 * {@code virTypedParameter}: a named value. The value is an Integer (INT, UINT, BOOLEAN as 0/1),
 * a Long (LLONG, ULLONG), a Double or a String, as {@link #type()} says.
 */
public record TypedParameter(String field, TypedParameterType type, Object value) {
    public TypedParameter {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    public static TypedParameter ofUInt(String field, int v) {
        return new TypedParameter(field, TypedParameterType.UINT, v);
    }

    public static TypedParameter ofInt(String field, int v) {
        return new TypedParameter(field, TypedParameterType.INT, v);
    }

    public static TypedParameter ofULLong(String field, long v) {
        return new TypedParameter(field, TypedParameterType.ULLONG, v);
    }

    public static TypedParameter ofBoolean(String field, boolean v) {
        return new TypedParameter(field, TypedParameterType.BOOLEAN, v ? 1 : 0);
    }

    public static TypedParameter ofString(String field, String v) {
        return new TypedParameter(field, TypedParameterType.STRING, v);
    }
}
