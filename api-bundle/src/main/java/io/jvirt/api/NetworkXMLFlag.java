package io.jvirt.api;

/** Flags of {@code virNetworkGetXMLDesc}. */
public enum NetworkXMLFlag implements BitFlag {
    INACTIVE(1);

    private final int bit;

    NetworkXMLFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
