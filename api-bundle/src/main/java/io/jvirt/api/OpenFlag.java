package io.jvirt.api;

/** Flags of {@code virConnectOpenAuth} ({@code virConnectFlags}). */
public enum OpenFlag implements BitFlag {
    READONLY(1),
    NO_ALIASES(2);

    private final int bit;

    OpenFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
