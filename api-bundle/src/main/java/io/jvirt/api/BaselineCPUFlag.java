package io.jvirt.api;

/** {@code virConnectBaselineCPUFlags}. */
public enum BaselineCPUFlag implements BitFlag {
    /** List every feature of the model, not only those beyond it. */
    EXPAND_FEATURES(1),
    /** Leave out features that block migration. */
    MIGRATABLE(2);

    private final int bit;

    BaselineCPUFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
