package io.jvirt.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** A storage pool. */
@ProviderType
public interface StoragePool extends NamedObject {
    PoolInfo getInfo();

    String getXMLDesc(StorageXMLFlag... flags);

    boolean isActive();

    boolean isPersistent();

    void create();

    /** {@code virStoragePoolCreate} with flags (build the pool first). */
    void create(StoragePoolCreateFlag... flags);

    void build(StoragePoolBuildFlag... flags);

    void refresh();

    void destroy();

    void delete(StoragePoolDeleteFlag... flags);

    void undefine();

    boolean getAutostart();

    void setAutostart(boolean autostart);

    int numOfVolumes();

    List<StorageVol> listAllVolumes();

    StorageVol storageVolLookupByName(String name);

    StorageVol storageVolCreateXML(String xml, StorageVolCreateFlag... flags);

    /** {@code virStorageVolCreateXMLFrom}: a new volume of this pool with the contents of {@code clone}. */
    StorageVol storageVolCreateXMLFrom(String xml, StorageVol clone, StorageVolCreateFlag... flags);
}
