package io.jvirt.api;

/** Filters of {@code virConnectListAllSecrets} ({@code virConnectListAllSecretsFlags}). */
public enum ListAllSecretsFlag implements BitFlag {
    /** Kept in memory only, never written to disk. */
    EPHEMERAL(1),
    NO_EPHEMERAL(2),
    /** Its value is never revealed to a caller outside the platform. */
    PRIVATE(4),
    NO_PRIVATE(8);

    private final int bit;

    ListAllSecretsFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
