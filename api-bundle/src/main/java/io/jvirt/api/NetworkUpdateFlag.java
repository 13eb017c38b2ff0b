package io.jvirt.api;

/** {@code virNetworkUpdateFlags} (CURRENT is the empty set). */
public enum NetworkUpdateFlag implements BitFlag {
    AFFECT_LIVE(1),
    AFFECT_CONFIG(2);

    private final int bit;

    NetworkUpdateFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
