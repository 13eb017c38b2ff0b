package io.jvirt.api;

/** Filters of {@code virConnectListAllNetworks}. */
public enum ListAllNetworksFlag implements BitFlag {
    INACTIVE(1),
    ACTIVE(2),
    PERSISTENT(4),
    TRANSIENT(8),
    AUTOSTART(16),
    NO_AUTOSTART(32);

    private final int bit;

    ListAllNetworksFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
