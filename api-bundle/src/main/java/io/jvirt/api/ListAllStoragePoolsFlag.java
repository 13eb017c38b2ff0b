package io.jvirt.api;

/** Filters of {@code virConnectListAllStoragePools}, including the pool types. */
public enum ListAllStoragePoolsFlag implements BitFlag {
    INACTIVE(1),
    ACTIVE(2),
    PERSISTENT(4),
    TRANSIENT(8),
    AUTOSTART(16),
    NO_AUTOSTART(32),
    DIR(64),
    FS(128),
    NETFS(256),
    LOGICAL(512),
    DISK(1024),
    ISCSI(2048),
    SCSI(4096),
    MPATH(8192),
    RBD(16384),
    SHEEPDOG(32768),
    GLUSTER(65536),
    ZFS(131072),
    VSTORAGE(262144),
    ISCSI_DIRECT(524288);

    private final int bit;

    ListAllStoragePoolsFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
