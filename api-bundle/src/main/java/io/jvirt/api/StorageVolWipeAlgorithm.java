package io.jvirt.api;

/** {@code virStorageVolWipeAlgorithm}, in libvirt's order (the ordinal is libvirt's number). */
public enum StorageVolWipeAlgorithm {
    /** One pass of zeros. */
    ZERO,
    /** NNSA NAP Policy Letter 10: 4 passes. */
    NNSA,
    /** DoD 5220.22-M: 4 passes. */
    DOD,
    /** BSI recommendation: 9 passes. */
    BSI,
    /** Peter Gutmann's 35 passes. */
    GUTMANN,
    /** Bruce Schneier's 7 passes. */
    SCHNEIER,
    /** Roy Pfitzner's 7 random passes. */
    PFITZNER7,
    /** Roy Pfitzner's 33 random passes. */
    PFITZNER33,
    /** One pass of random data. */
    RANDOM,
    /** Trim the volume's blocks (a storage device that supports discarding them). */
    TRIM;

    public int value() {
        return ordinal();
    }

    /** The algorithm with libvirt's number {@code value}, or null when libvirt 9.0 defines none. */
    public static StorageVolWipeAlgorithm fromValue(int value) {
        return value >= 0 && value < values().length ? values()[value] : null;
    }
}
