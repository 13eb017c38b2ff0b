package io.jvirt.api;

/**
 * libvirt's {@code virSecretUsageType}: what a secret protects, named by its usage ID (a volume
 * path, a Ceph or TLS or vTPM name, an iSCSI target). The ordinal is libvirt's number.
 */
public enum SecretUsageType {
    NONE, VOLUME, CEPH, ISCSI, TLS, VTPM;

    public int value() {
        return ordinal();
    }

    /** The type with libvirt's number, or null for a number this version does not know. */
    public static SecretUsageType fromValue(int value) {
        return value >= 0 && value < values().length ? values()[value] : null;
    }
}
