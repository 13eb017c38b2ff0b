package io.jvirt.storage.core;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.jvirt.api.PoolInfo;
import io.jvirt.api.VolInfo;
import io.jvirt.spi.HypervisorDriver;
import io.jvirt.spi.StorageDriver;
import io.jvirt.spi.StoragePoolEventSink;
import io.jvirt.spi.StoragePoolRef;
import io.jvirt.spi.StorageVolRef;
import io.jvirt.spi.StreamRef;
import io.jvirt.storage.core.state.Scope;
import io.jvirt.storage.local.StorageErrors;

/**
 * A connection to one scope of the storage driver ({@code storage:///system}, ...): its storage calls
 * go to the scope's pools, everything else keeps the SPI's NO_SUPPORT, as libvirt's
 * {@code virtstoraged} answers. Its event registrations go when it closes.
 */
final class StorageConnection implements HypervisorDriver, StorageDriver {
    private final Scope scope;
    private final StorageConnectDriver driver;

    StorageConnection(Scope scope, StorageConnectDriver driver) {
        this.scope = scope;
        this.driver = driver;
    }

    @Override
    public Optional<StorageDriver> storageDriver() {
        return Optional.of(this);
    }

    @Override
    public void connectClose() {
        scope.deregisterAll(this);
    }

    @Override
    public String connectGetType() {
        return "storage";
    }

    @Override
    public String connectGetCapabilities() {
        return driver.capabilities();
    }

    @Override
    public String connectGetStoragePoolCapabilities(int flags) {
        StorageErrors.checkFlags(flags, 0, "storageConnectGetStoragePoolCapabilities");
        return driver.poolCapabilities();
    }

    @Override
    public String connectFindStoragePoolSources(String type, String srcSpec, int flags) {
        return scope.findPoolSources(type, srcSpec, flags);
    }

    @Override
    public int connectStoragePoolEventRegisterAny(StoragePoolRef pool, int eventId, StoragePoolEventSink sink) {
        return scope.register(this, pool, eventId, sink);
    }

    @Override
    public void connectStoragePoolEventDeregisterAny(int callbackId) {
        scope.deregister(this, callbackId);
    }

    @Override
    public List<StoragePoolRef> connectListAllStoragePools(int flags) {
        return scope.listAll(flags);
    }

    @Override
    public StoragePoolRef storagePoolLookupByName(String name) {
        return scope.lookupByName(name);
    }

    @Override
    public StoragePoolRef storagePoolLookupByUUID(UUID uuid) {
        return scope.lookupByUuid(uuid);
    }

    @Override
    public StoragePoolRef storagePoolLookupByVolume(StorageVolRef vol) {
        return scope.volumes().poolOf(vol);
    }

    @Override
    public StoragePoolRef storagePoolLookupByTargetPath(String path) {
        return scope.lookupByTargetPath(path);
    }

    @Override
    public StoragePoolRef storagePoolDefineXML(String xml, int flags) {
        return scope.define(xml, flags);
    }

    @Override
    public StoragePoolRef storagePoolCreateXML(String xml, int flags) {
        return scope.createXml(xml, flags);
    }

    @Override
    public void storagePoolUndefine(StoragePoolRef pool) {
        scope.undefine(pool);
    }

    @Override
    public void storagePoolCreate(StoragePoolRef pool, int flags) {
        scope.create(pool, flags);
    }

    @Override
    public void storagePoolBuild(StoragePoolRef pool, int flags) {
        scope.build(pool, flags);
    }

    @Override
    public void storagePoolRefresh(StoragePoolRef pool, int flags) {
        scope.refresh(pool, flags);
    }

    @Override
    public void storagePoolDestroy(StoragePoolRef pool) {
        scope.destroy(pool);
    }

    @Override
    public void storagePoolDelete(StoragePoolRef pool, int flags) {
        scope.delete(pool, flags);
    }

    @Override
    public PoolInfo storagePoolGetInfo(StoragePoolRef pool) {
        return scope.info(pool);
    }

    @Override
    public String storagePoolGetXMLDesc(StoragePoolRef pool, int flags) {
        return scope.xml(pool, flags);
    }

    @Override
    public boolean storagePoolIsActive(StoragePoolRef pool) {
        return scope.isActive(pool);
    }

    @Override
    public boolean storagePoolIsPersistent(StoragePoolRef pool) {
        return scope.isPersistent(pool);
    }

    @Override
    public boolean storagePoolGetAutostart(StoragePoolRef pool) {
        return scope.autostart(pool);
    }

    @Override
    public void storagePoolSetAutostart(StoragePoolRef pool, boolean autostart) {
        scope.setAutostart(pool, autostart);
    }

    @Override
    public int storagePoolNumOfVolumes(StoragePoolRef pool) {
        return scope.numOfVolumes(pool);
    }

    @Override
    public List<StorageVolRef> storagePoolListAllVolumes(StoragePoolRef pool, int flags) {
        return scope.volumes().listAll(pool, flags);
    }

    @Override
    public StorageVolRef storageVolLookupByName(StoragePoolRef pool, String name) {
        return scope.volumes().lookupByName(pool, name);
    }

    @Override
    public StorageVolRef storageVolLookupByKey(String key) {
        return scope.volumes().lookupByKey(key);
    }

    @Override
    public StorageVolRef storageVolLookupByPath(String path) {
        return scope.volumes().lookupByPath(path);
    }

    @Override
    public StorageVolRef storageVolCreateXML(StoragePoolRef pool, String xml, int flags) {
        return scope.volumes().createXml(pool, xml, flags);
    }

    @Override
    public StorageVolRef storageVolCreateXMLFrom(StoragePoolRef pool, String xml, StorageVolRef clone, int flags) {
        return scope.volumes().createXmlFrom(pool, xml, clone, flags);
    }

    @Override
    public void storageVolDelete(StorageVolRef vol, int flags) {
        scope.volumes().delete(vol, flags);
    }

    @Override
    public void storageVolWipe(StorageVolRef vol, int flags) {
        scope.volumes().wipe(vol, 0, flags);
    }

    @Override
    public void storageVolWipePattern(StorageVolRef vol, int algorithm, int flags) {
        scope.volumes().wipe(vol, algorithm, flags);
    }

    @Override
    public VolInfo storageVolGetInfo(StorageVolRef vol) {
        return scope.volumes().info(vol, 0);
    }

    @Override
    public VolInfo storageVolGetInfoFlags(StorageVolRef vol, int flags) {
        return scope.volumes().info(vol, flags);
    }

    @Override
    public String storageVolGetXMLDesc(StorageVolRef vol, int flags) {
        return scope.volumes().xml(vol, flags);
    }

    @Override
    public String storageVolGetPath(StorageVolRef vol) {
        return scope.volumes().path(vol);
    }

    @Override
    public void storageVolDownload(StorageVolRef vol, StreamRef stream, long offset, long length, int flags) {
        scope.volumes().download(vol, stream, offset, length, flags);
    }

    @Override
    public void storageVolUpload(StorageVolRef vol, StreamRef stream, long offset, long length, int flags) {
        scope.volumes().upload(vol, stream, offset, length, flags);
    }

    @Override
    public void storageVolResize(StorageVolRef vol, long capacity, int flags) {
        scope.volumes().resize(vol, capacity, flags);
    }
}
