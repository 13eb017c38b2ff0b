package io.jvirt.api;

import org.osgi.annotation.versioning.ProviderType;

/** A storage volume, named by pool + name, by key (unique on the host) and by path. */
@ProviderType
public interface StorageVol {
    Connect getConnect();

    String getName();

    String getKey();

    String getPoolName();

    String getPath();

    VolInfo getInfo();

    /** {@code virStorageVolGetInfoFlags}: with {@link StorageVolInfoFlag#GET_PHYSICAL} the allocation is the physical size. */
    VolInfo getInfo(StorageVolInfoFlag... flags);

    String getXMLDesc();

    void delete(StorageVolDeleteFlag... flags);

    void wipe();

    /** {@code virStorageVolWipePattern}: overwrites the volume's data with the passes of {@code algorithm}. */
    void wipePattern(StorageVolWipeAlgorithm algorithm);

    void resize(long capacityBytes);

    /** {@code virStorageVolResize} with flags: {@code capacity} is the new size, or the change with {@code DELTA}. */
    void resize(long capacity, StorageVolResizeFlag... flags);

    /**
     * {@code virStorageVolDownload}: binds {@code stream} (of this volume's connection) to
     * {@code length} bytes of the volume from {@code offset} (0 for "to the end"); read them from the
     * stream, then finish it.
     */
    void download(Stream stream, long offset, long length, StorageVolTransferFlag... flags);

    /**
     * {@code virStorageVolUpload}: binds {@code stream} to the volume from {@code offset}, at most
     * {@code length} bytes (0 for no limit); write the data to the stream, then finish it.
     */
    void upload(Stream stream, long offset, long length, StorageVolTransferFlag... flags);
}
