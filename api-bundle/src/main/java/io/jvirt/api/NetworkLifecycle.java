package io.jvirt.api;

/** libvirt's {@code virNetworkEventLifecycleType}. */
public enum NetworkLifecycle {
    DEFINED, UNDEFINED, STARTED, STOPPED;

    public int value() {
        return ordinal();
    }

    public static NetworkLifecycle fromValue(int value) {
        return value >= 0 && value < values().length ? values()[value] : null;
    }
}
