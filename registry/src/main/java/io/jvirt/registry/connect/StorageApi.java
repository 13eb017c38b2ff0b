package io.jvirt.registry.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.jvirt.api.BitFlag;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.ListAllStoragePoolsFlag;
import io.jvirt.api.StoragePool;
import io.jvirt.api.StoragePoolEventCallback;
import io.jvirt.api.StorageVol;
import io.jvirt.api.VirtException;
import io.jvirt.spi.StorageDriver;
import io.jvirt.spi.StoragePoolEventSink;
import io.jvirt.spi.StoragePoolRef;
import io.jvirt.spi.StorageVolRef;

/** The storage pool and volume calls of {@code Connect}, on the connection's storage driver. */
final class StorageApi {
    private final ManagedConnection conn;

    StorageApi(ManagedConnection conn) {
        this.conn = conn;
    }

    private <R> R storage(String api, Function<StorageDriver, R> call) {
        return conn.call(DriverKind.STORAGE, api, call);
    }

    private StoragePool pool(StoragePoolRef ref) {
        return new StoragePoolHandle(conn, ref);
    }

    private StorageVol vol(StorageVolRef ref) {
        return new StorageVolHandle(conn, ref);
    }

    StoragePool storagePool(String name, UUID uuid) {
        return pool(new StoragePoolRef(name, uuid));
    }

    StorageVol storageVol(String pool, String name, String key) {
        return vol(new StorageVolRef(pool, name, key));
    }

    StoragePool poolLookupByName(String name) {
        return pool(storage("virStoragePoolLookupByName", d -> d.storagePoolLookupByName(name)));
    }

    StoragePool poolLookupByUUID(UUID uuid) {
        return pool(storage("virStoragePoolLookupByUUID", d -> d.storagePoolLookupByUUID(uuid)));
    }

    StoragePool poolLookupByVolume(StorageVol vol) {
        var ref = ((StorageVolHandle) vol).ref();
        return pool(storage("virStoragePoolLookupByVolume", d -> d.storagePoolLookupByVolume(ref)));
    }

    List<StoragePool> listAllPools(ListAllStoragePoolsFlag... flags) {
        int mask = BitFlag.mask(List.of(flags));
        return storage("virConnectListAllStoragePools", d -> d.connectListAllStoragePools(mask)).stream().map(this::pool).collect(Collectors.toCollection(ArrayList::new));
    }

    StoragePool poolDefineXML(String xml, BitFlag... flags) {
        conn.checkWritable("virStoragePoolDefineXML");
        int mask = BitFlag.mask(List.of(flags));
        return pool(storage("virStoragePoolDefineXML", d -> d.storagePoolDefineXML(xml, mask)));
    }

    StoragePool poolCreateXML(String xml, BitFlag... flags) {
        conn.checkWritable("virStoragePoolCreateXML");
        int mask = BitFlag.mask(List.of(flags));
        return pool(storage("virStoragePoolCreateXML", d -> d.storagePoolCreateXML(xml, mask)));
    }

    StoragePool poolLookupByTargetPath(String path) {
        return pool(storage("virStoragePoolLookupByTargetPath", d -> d.storagePoolLookupByTargetPath(path)));
    }

    String poolCapabilities() {
        return storage("virConnectGetStoragePoolCapabilities", d -> d.connectGetStoragePoolCapabilities(0));
    }

    StorageVol volLookupByKey(String key) {
        return vol(storage("virStorageVolLookupByKey", d -> d.storageVolLookupByKey(key)));
    }

    StorageVol volLookupByPath(String path) {
        return vol(storage("virStorageVolLookupByPath", d -> d.storageVolLookupByPath(path)));
    }

    String findPoolSources(String type, String srcSpec) {
        conn.checkWritable("virConnectFindStoragePoolSources");
        return storage("virConnectFindStoragePoolSources", d -> d.connectFindStoragePoolSources(type, srcSpec, 0));
    }

    int eventRegisterAny(StoragePool pool, int eventId, StoragePoolEventCallback callback) {
        Objects.requireNonNull(callback);
        if (eventId != StoragePoolEventCallback.LIFECYCLE && eventId != StoragePoolEventCallback.REFRESH) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.STORAGE,
                    "invalid argument: eventID in virConnectStoragePoolEventRegisterAny must be less than 2");
        }
        StoragePoolRef filter = pool == null ? null : new StoragePoolRef(pool.getName(), pool.getUUID());
        StoragePoolEventSink sink = new StoragePoolEventSink() {
            @Override
            public void emit(StoragePoolRef ref, int event, int detail) {
                callback.onLifecycle(pool(ref), event, detail);
            }

            @Override
            public void refresh(StoragePoolRef ref) {
                callback.onRefresh(pool(ref));
            }
        };
        return conn.events().register(DriverKind.STORAGE, "virConnectStoragePoolEventRegisterAny",
                d -> d.connectStoragePoolEventRegisterAny(filter, eventId, sink));
    }

    void eventDeregisterAny(int callbackId) {
        conn.events().deregister(DriverKind.STORAGE, callbackId);
    }
}
