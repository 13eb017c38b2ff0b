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

    String getXMLDesc();

    void delete(StorageVolDeleteFlag... flags);

    void wipe();

    void resize(long capacityBytes);
}
