package io.jvirt.api;

/** {@code virTypedParameterType}, with libvirt's numbers. */
public enum TypedParameterType {
    INT(1), UINT(2), LLONG(3), ULLONG(4), DOUBLE(5), BOOLEAN(6), STRING(7);

    private final int value;

    TypedParameterType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static TypedParameterType fromValue(int v) {
        for (TypedParameterType t : values()) {
            if (t.value == v) {
                return t;
            }
        }
        throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE, "invalid argument: unknown typed parameter type " + v);
    }
}
