package io.jvirt.api;

/** Flags of {@code virNWFilterBindingCreateXML}. */
public enum NWFilterBindingCreateFlag implements BitFlag {
    /** Validate the document against libvirt's {@code nwfilterbinding.rng} first. */
    VALIDATE(1);

    private final int bit;

    NWFilterBindingCreateFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
