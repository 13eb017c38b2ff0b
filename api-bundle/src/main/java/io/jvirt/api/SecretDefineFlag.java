package io.jvirt.api;

/** Flags of {@code virSecretDefineXML} ({@code virSecretDefineFlags}). */
public enum SecretDefineFlag implements BitFlag {
    /** Validate the document against libvirt's schema ({@code secret.rng}) first. */
    VALIDATE(1);

    private final int bit;

    SecretDefineFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
