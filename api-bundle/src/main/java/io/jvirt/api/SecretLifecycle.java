package io.jvirt.api;

/** libvirt's {@code virSecretEventLifecycleType}. */
public enum SecretLifecycle {
    DEFINED, UNDEFINED;

    public int value() {
        return ordinal();
    }

    public static SecretLifecycle fromValue(int value) {
        return value >= 0 && value < values().length ? values()[value] : null;
    }
}
