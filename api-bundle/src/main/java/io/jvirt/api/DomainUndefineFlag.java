package io.jvirt.api;

/** Flags of {@code virDomainUndefineFlags}. */
public enum DomainUndefineFlag implements BitFlag {
    MANAGED_SAVE(1),
    SNAPSHOTS_METADATA(2),
    NVRAM(4),
    KEEP_NVRAM(8),
    CHECKPOINTS_METADATA(16),
    TPM(32),
    KEEP_TPM(64);

    private final int bit;

    DomainUndefineFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
