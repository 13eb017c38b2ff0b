package io.jvirt.api;

/** {@code virDomainCheckpointCreateFlags}. */
public enum DomainCheckpointCreateFlag implements BitFlag {
    REDEFINE(1),
    QUIESCE(2),
    REDEFINE_VALIDATE(4);

    private final int bit;

    DomainCheckpointCreateFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
