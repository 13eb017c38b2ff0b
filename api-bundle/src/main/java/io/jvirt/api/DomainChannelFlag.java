package io.jvirt.api;

/** {@code virDomainChannelFlags}: how {@link Domain#openChannel} treats a channel another stream holds. */
public enum DomainChannelFlag implements BitFlag {
    /** Abort the stream that holds the channel and take it over. */
    FORCE(1);

    private final int bit;

    DomainChannelFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
