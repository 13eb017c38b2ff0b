package io.jvirt.api;

/** libvirt's {@code virSecretEventID}: which kind of secret event a callback is registered for. */
public enum SecretEventId {
    /** {@link SecretEventCallback#onLifecycle}. */
    LIFECYCLE,
    /** {@link SecretEventCallback#onValueChanged}. */
    VALUE_CHANGED;

    public int value() {
        return ordinal();
    }

    /** The ID with libvirt's number, or null if this version has none. */
    public static SecretEventId fromValue(int value) {
        return value >= 0 && value < values().length ? values()[value] : null;
    }
}
