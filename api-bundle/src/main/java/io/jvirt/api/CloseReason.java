package io.jvirt.api;

/** libvirt's {@code virConnectCloseReason}. */
public enum CloseReason {
    ERROR, EOF, KEEPALIVE, CLIENT;

    public int value() {
        return ordinal();
    }
}
