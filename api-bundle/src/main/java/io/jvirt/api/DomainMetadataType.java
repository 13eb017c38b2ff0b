package io.jvirt.api;

/** {@code virDomainMetadataType}: which metadata {@link Domain#getMetadata} reads or writes. */
public enum DomainMetadataType {
    DESCRIPTION, TITLE, ELEMENT;

    public int value() {
        return ordinal();
    }

    public static DomainMetadataType fromValue(int v) {
        if (v < 0 || v >= values().length) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                    "invalid argument: unknown metadata type " + v);
        }
        return values()[v];
    }
}
