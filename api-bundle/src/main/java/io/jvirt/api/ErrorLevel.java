package io.jvirt.api;

/** libvirt's {@code virErrorLevel}. */
public enum ErrorLevel {
    NONE(0),
    WARNING(1),
    ERROR(2);

    private final int value;

    ErrorLevel(int value) {
        this.value = value;
    }

    /** The number libvirt uses on the wire and in its C API. */
    public int value() {
        return value;
    }

    public static ErrorLevel fromValue(int value) {
        for (ErrorLevel l : values()) {
            if (l.value == value) {
                return l;
            }
        }
        return ERROR;
    }
}
