package io.jvirt.spi;

import java.util.List;
import java.util.UUID;
import io.jvirt.api.PoolInfo;
import io.jvirt.api.VolInfo;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Storage pools and volumes: libvirt's {@code virStorageDriver}. Registered as a service or
 * returned by {@link HypervisorDriver#storageDriver()}.
 */
@ConsumerType
public interface StorageDriver {

    default String connectFindStoragePoolSources(String type, String srcSpec, int flags) {
        throw Unsupported.api("virConnectFindStoragePoolSources");
    }

    /** Registers for lifecycle events of one pool or, with a null ref, all; returns the driver's callback ID. */
    default int connectStoragePoolEventRegisterAny(StoragePoolRef pool, int eventId, StoragePoolEventSink sink) {
        throw Unsupported.api("virConnectStoragePoolEventRegisterAny");
    }

    default void connectStoragePoolEventDeregisterAny(int callbackId) {
        throw Unsupported.api("virConnectStoragePoolEventDeregisterAny");
    }

    default List<StoragePoolRef> connectListAllStoragePools(int flags) {
        throw Unsupported.api("virConnectListAllStoragePools");
    }

    default StoragePoolRef storagePoolLookupByName(String name) {
        throw Unsupported.api("virStoragePoolLookupByName");
    }

    default StoragePoolRef storagePoolLookupByUUID(UUID uuid) {
        throw Unsupported.api("virStoragePoolLookupByUUID");
    }

    default StoragePoolRef storagePoolLookupByVolume(StorageVolRef vol) {
        throw Unsupported.api("virStoragePoolLookupByVolume");
    }

    default StoragePoolRef storagePoolLookupByTargetPath(String path) {
        throw Unsupported.api("virStoragePoolLookupByTargetPath");
    }

    /** The {@code <storagepoolCapabilities>} document of the pool types this driver knows. */
    default String connectGetStoragePoolCapabilities(int flags) {
        throw Unsupported.api("virConnectGetStoragePoolCapabilities");
    }

    default StoragePoolRef storagePoolDefineXML(String xml, int flags) {
        throw Unsupported.api("virStoragePoolDefineXML");
    }

    default StoragePoolRef storagePoolCreateXML(String xml, int flags) {
        throw Unsupported.api("virStoragePoolCreateXML");
    }

    default void storagePoolUndefine(StoragePoolRef pool) {
        throw Unsupported.api("virStoragePoolUndefine");
    }

    default void storagePoolCreate(StoragePoolRef pool, int flags) {
        throw Unsupported.api("virStoragePoolCreate");
    }

    default void storagePoolBuild(StoragePoolRef pool, int flags) {
        throw Unsupported.api("virStoragePoolBuild");
    }

    default void storagePoolRefresh(StoragePoolRef pool, int flags) {
        throw Unsupported.api("virStoragePoolRefresh");
    }

    default void storagePoolDestroy(StoragePoolRef pool) {
        throw Unsupported.api("virStoragePoolDestroy");
    }

    default void storagePoolDelete(StoragePoolRef pool, int flags) {
        throw Unsupported.api("virStoragePoolDelete");
    }

    default PoolInfo storagePoolGetInfo(StoragePoolRef pool) {
        throw Unsupported.api("virStoragePoolGetInfo");
    }

    default String storagePoolGetXMLDesc(StoragePoolRef pool, int flags) {
        throw Unsupported.api("virStoragePoolGetXMLDesc");
    }

    default boolean storagePoolIsActive(StoragePoolRef pool) {
        throw Unsupported.api("virStoragePoolIsActive");
    }

    default boolean storagePoolIsPersistent(StoragePoolRef pool) {
        throw Unsupported.api("virStoragePoolIsPersistent");
    }

    default boolean storagePoolGetAutostart(StoragePoolRef pool) {
        throw Unsupported.api("virStoragePoolGetAutostart");
    }

    default void storagePoolSetAutostart(StoragePoolRef pool, boolean autostart) {
        throw Unsupported.api("virStoragePoolSetAutostart");
    }

    default int storagePoolNumOfVolumes(StoragePoolRef pool) {
        throw Unsupported.api("virStoragePoolNumOfVolumes");
    }

    default List<StorageVolRef> storagePoolListAllVolumes(StoragePoolRef pool, int flags) {
        throw Unsupported.api("virStoragePoolListAllVolumes");
    }

    default StorageVolRef storageVolLookupByName(StoragePoolRef pool, String name) {
        throw Unsupported.api("virStorageVolLookupByName");
    }

    default StorageVolRef storageVolLookupByKey(String key) {
        throw Unsupported.api("virStorageVolLookupByKey");
    }

    default StorageVolRef storageVolLookupByPath(String path) {
        throw Unsupported.api("virStorageVolLookupByPath");
    }

    default StorageVolRef storageVolCreateXML(StoragePoolRef pool, String xml, int flags) {
        throw Unsupported.api("virStorageVolCreateXML");
    }

    default StorageVolRef storageVolCreateXMLFrom(StoragePoolRef pool, String xml, StorageVolRef clone, int flags) {
        throw Unsupported.api("virStorageVolCreateXMLFrom");
    }

    default void storageVolDelete(StorageVolRef vol, int flags) {
        throw Unsupported.api("virStorageVolDelete");
    }

    default void storageVolWipe(StorageVolRef vol, int flags) {
        throw Unsupported.api("virStorageVolWipe");
    }

    /** {@code algorithm} is libvirt's {@code virStorageVolWipeAlgorithm} number, unchecked. */
    default void storageVolWipePattern(StorageVolRef vol, int algorithm, int flags) {
        throw Unsupported.api("virStorageVolWipePattern");
    }

    default VolInfo storageVolGetInfo(StorageVolRef vol) {
        throw Unsupported.api("virStorageVolGetInfo");
    }

    default VolInfo storageVolGetInfoFlags(StorageVolRef vol, int flags) {
        throw Unsupported.api("virStorageVolGetInfoFlags");
    }

    default String storageVolGetXMLDesc(StorageVolRef vol, int flags) {
        throw Unsupported.api("virStorageVolGetXMLDesc");
    }

    default String storageVolGetPath(StorageVolRef vol) {
        throw Unsupported.api("virStorageVolGetPath");
    }

    /** Binds {@code stream} to the volume's data for reading. */
    default void storageVolDownload(StorageVolRef vol, StreamRef stream, long offset, long length, int flags) {
        throw Unsupported.api("virStorageVolDownload");
    }

    /** Binds {@code stream} to the volume for writing. */
    default void storageVolUpload(StorageVolRef vol, StreamRef stream, long offset, long length, int flags) {
        throw Unsupported.api("virStorageVolUpload");
    }

    default void storageVolResize(StorageVolRef vol, long capacity, int flags) {
        throw Unsupported.api("virStorageVolResize");
    }

}
