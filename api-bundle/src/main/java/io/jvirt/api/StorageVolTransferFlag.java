package io.jvirt.api;

/** {@code virStorageVolDownloadFlags} and {@code virStorageVolUploadFlags} (the same bit). */
public enum StorageVolTransferFlag implements BitFlag {
    /** Holes in the volume travel as holes (STREAM_HOLE), not as zeros. */
    SPARSE_STREAM(1);

    private final int bit;

    StorageVolTransferFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
