package io.jvirt.daemon.remote;

import static io.jvirt.rpc.remote.StorageProcedures.*;

import java.util.List;

import io.jvirt.api.ListAllStoragePoolsFlag;
import io.jvirt.api.PoolInfo;
import io.jvirt.api.StoragePool;
import io.jvirt.api.StoragePoolBuildFlag;
import io.jvirt.api.StorageVol;
import io.jvirt.api.StorageVolCreateFlag;
import io.jvirt.api.StorageVolDeleteFlag;
import io.jvirt.api.StorageXMLFlag;
import io.jvirt.api.VolInfo;
import io.jvirt.daemon.client.Client;
import io.jvirt.daemon.dispatch.Dispatcher;
import io.jvirt.rpc.remote.RemoteTypes.RemoteStoragePool;
import io.jvirt.rpc.remote.RemoteTypes.RemoteStorageVol;

/** The storage pool and volume procedures. */
public final class StorageHandlers {
    private StorageHandlers() {
    }

    static StoragePool pool(Client c, RemoteStoragePool p) {
        return c.connect().storagePool(p.name(), p.uuid());
    }

    static StorageVol vol(Client c, RemoteStorageVol v) {
        return c.connect().storageVol(v.pool(), v.name(), v.key());
    }

    static RemoteStoragePool remote(StoragePool p) {
        return new RemoteStoragePool(p.getName(), p.getUUID());
    }

    static RemoteStorageVol remote(StorageVol v) {
        return new RemoteStorageVol(v.getPoolName(), v.getName(), v.getKey());
    }

    private static List<String> names(Client c, ListAllStoragePoolsFlag which, int max) {
        return c.connect().listAllStoragePools(which).stream().map(StoragePool::getName)
                .limit(max < 0 ? Long.MAX_VALUE : max).toList();
    }

    public static void register(Dispatcher d) {
        // the calls before virConnectListAllStoragePools and virStoragePoolListAllVolumes, answered from them
        d.on(CONNECT_NUM_OF_STORAGE_POOLS, Legacy.as("virConnectNumOfStoragePools",
                (c, a) -> new ConnectNumOfStoragePoolsRet(names(c, ListAllStoragePoolsFlag.ACTIVE, -1).size())));
        d.on(CONNECT_NUM_OF_DEFINED_STORAGE_POOLS, Legacy.as("virConnectNumOfDefinedStoragePools",
                (c, a) -> new ConnectNumOfDefinedStoragePoolsRet(names(c, ListAllStoragePoolsFlag.INACTIVE, -1).size())));
        d.on(CONNECT_LIST_STORAGE_POOLS, Legacy.as("virConnectListStoragePools",
                (c, a) -> new ConnectListStoragePoolsRet(names(c, ListAllStoragePoolsFlag.ACTIVE, a.maxnames()))));
        d.on(CONNECT_LIST_DEFINED_STORAGE_POOLS, Legacy.as("virConnectListDefinedStoragePools", (c, a) -> new ConnectListDefinedStoragePoolsRet(
                names(c, ListAllStoragePoolsFlag.INACTIVE, a.maxnames()))));
        d.on(STORAGE_POOL_LIST_VOLUMES, (c, a) -> new StoragePoolListVolumesRet(pool(c, a.pool()).listAllVolumes().stream()
                .map(StorageVol::getName).limit(Math.max(0, a.maxnames())).toList()));
        d.on(CONNECT_LIST_ALL_STORAGE_POOLS, (c, a) -> {
            List<StoragePool> all = c.connect().listAllStoragePools(
                    Flags.of(ListAllStoragePoolsFlag.class, a.flags(), "virConnectListAllStoragePools"));
            return new ConnectListAllStoragePoolsRet(a.needResults() != 0
                    ? all.stream().map(StorageHandlers::remote).toList() : List.of(), all.size());
        });
        d.on(STORAGE_POOL_LOOKUP_BY_NAME,
                (c, a) -> new StoragePoolLookupByNameRet(remote(c.connect().storagePoolLookupByName(a.name()))));
        d.on(STORAGE_POOL_LOOKUP_BY_UUID,
                (c, a) -> new StoragePoolLookupByUuidRet(remote(c.connect().storagePoolLookupByUUID(a.uuid()))));
        d.on(STORAGE_POOL_DEFINE_XML, (c, a) -> new StoragePoolDefineXmlRet(remote(c.connect().storagePoolDefineXML(
                a.xml(), Flags.of(io.jvirt.api.StoragePoolDefineFlag.class, a.flags(), "virStoragePoolDefineXML")))));
        d.on(CONNECT_FIND_STORAGE_POOL_SOURCES, (c, a) -> {
            Flags.none(a.flags(), "virConnectFindStoragePoolSources");
            return new ConnectFindStoragePoolSourcesRet(c.connect().findStoragePoolSources(a.type(), a.srcSpec()));
        });
        d.on(STORAGE_POOL_CREATE_XML, (c, a) -> new StoragePoolCreateXmlRet(remote(c.connect().storagePoolCreateXML(
                a.xml(), Flags.of(io.jvirt.api.StoragePoolCreateFlag.class, a.flags(), "virStoragePoolCreateXML")))));
        d.on(STORAGE_POOL_DELETE, (c, a) -> {
            pool(c, a.pool()).delete(Flags.of(io.jvirt.api.StoragePoolDeleteFlag.class, a.flags(), "virStoragePoolDelete"));
            return null;
        });
        d.on(STORAGE_POOL_LOOKUP_BY_VOLUME, (c, a) -> new StoragePoolLookupByVolumeRet(
                remote(c.connect().storagePoolLookupByVolume(vol(c, a.vol())))));
        d.on(STORAGE_POOL_NUM_OF_VOLUMES, (c, a) -> new StoragePoolNumOfVolumesRet(pool(c, a.pool()).numOfVolumes()));
        d.on(STORAGE_VOL_CREATE_XML_FROM, (c, a) -> new StorageVolCreateXmlFromRet(remote(pool(c, a.pool())
                .storageVolCreateXMLFrom(a.xml(), vol(c, a.clonevol()),
                        Flags.of(StorageVolCreateFlag.class, a.flags(), "virStorageVolCreateXMLFrom")))));
        d.on(STORAGE_POOL_CREATE, (c, a) -> {
            pool(c, a.pool()).create(Flags.of(io.jvirt.api.StoragePoolCreateFlag.class, a.flags(), "virStoragePoolCreate"));
            return null;
        });
        d.on(STORAGE_POOL_BUILD, (c, a) -> {
            pool(c, a.pool()).build(Flags.of(StoragePoolBuildFlag.class, a.flags(), "virStoragePoolBuild"));
            return null;
        });
        d.on(STORAGE_POOL_DESTROY, (c, a) -> {
            pool(c, a.pool()).destroy();
            return null;
        });
        d.on(STORAGE_POOL_UNDEFINE, (c, a) -> {
            pool(c, a.pool()).undefine();
            return null;
        });
        d.on(STORAGE_POOL_REFRESH, (c, a) -> {
            Flags.none(a.flags(), "virStoragePoolRefresh");
            pool(c, a.pool()).refresh();
            return null;
        });
        d.on(STORAGE_POOL_GET_INFO, (c, a) -> {
            PoolInfo i = pool(c, a.pool()).getInfo();
            return new StoragePoolGetInfoRet(i.state().value(), i.capacity(), i.allocation(), i.available());
        });
        d.on(STORAGE_POOL_GET_XML_DESC, (c, a) -> new StoragePoolGetXmlDescRet(
                pool(c, a.pool()).getXMLDesc(Flags.of(StorageXMLFlag.class, a.flags(), "virStoragePoolGetXMLDesc"))));
        d.on(STORAGE_POOL_IS_ACTIVE, (c, a) -> new StoragePoolIsActiveRet(Flags.bool(pool(c, a.pool()).isActive())));
        d.on(STORAGE_POOL_IS_PERSISTENT,
                (c, a) -> new StoragePoolIsPersistentRet(Flags.bool(pool(c, a.pool()).isPersistent())));
        d.on(STORAGE_POOL_GET_AUTOSTART,
                (c, a) -> new StoragePoolGetAutostartRet(Flags.bool(pool(c, a.pool()).getAutostart())));
        d.on(STORAGE_POOL_SET_AUTOSTART, (c, a) -> {
            pool(c, a.pool()).setAutostart(a.autostart() != 0);
            return null;
        });
        d.on(STORAGE_POOL_LIST_ALL_VOLUMES, (c, a) -> {
            Flags.none(a.flags(), "virStoragePoolListAllVolumes");
            List<StorageVol> all = pool(c, a.pool()).listAllVolumes();
            return new StoragePoolListAllVolumesRet(a.needResults() != 0
                    ? all.stream().map(StorageHandlers::remote).toList() : List.of(), all.size());
        });
        d.on(STORAGE_VOL_CREATE_XML, (c, a) -> new StorageVolCreateXmlRet(remote(pool(c, a.pool())
                .storageVolCreateXML(a.xml(), Flags.of(StorageVolCreateFlag.class, a.flags(), "virStorageVolCreateXML")))));
        d.on(STORAGE_VOL_LOOKUP_BY_NAME,
                (c, a) -> new StorageVolLookupByNameRet(remote(pool(c, a.pool()).storageVolLookupByName(a.name()))));
        d.on(STORAGE_VOL_LOOKUP_BY_PATH,
                (c, a) -> new StorageVolLookupByPathRet(remote(c.connect().storageVolLookupByPath(a.path()))));
        d.on(STORAGE_VOL_LOOKUP_BY_KEY,
                (c, a) -> new StorageVolLookupByKeyRet(remote(c.connect().storageVolLookupByKey(a.key()))));
        d.on(STORAGE_VOL_GET_INFO, (c, a) -> {
            VolInfo i = vol(c, a.vol()).getInfo();
            return new StorageVolGetInfoRet(i.type().value(), i.capacity(), i.allocation());
        });
        d.on(STORAGE_VOL_GET_XML_DESC, (c, a) -> {
            Flags.none(a.flags(), "virStorageVolGetXMLDesc");
            return new StorageVolGetXmlDescRet(vol(c, a.vol()).getXMLDesc());
        });
        d.on(STORAGE_VOL_DELETE, (c, a) -> {
            vol(c, a.vol()).delete(Flags.of(StorageVolDeleteFlag.class, a.flags(), "virStorageVolDelete"));
            return null;
        });
        d.on(STORAGE_VOL_GET_INFO_FLAGS, (c, a) -> {
            VolInfo i = vol(c, a.vol()).getInfo(
                    Flags.of(io.jvirt.api.StorageVolInfoFlag.class, a.flags(), "virStorageVolGetInfoFlags"));
            return new StorageVolGetInfoFlagsRet(i.type().value(), i.capacity(), i.allocation());
        });
        d.on(STORAGE_VOL_WIPE, (c, a) -> {
            Flags.none(a.flags(), "virStorageVolWipe");
            vol(c, a.vol()).wipe();
            return null;
        });
        d.on(STORAGE_VOL_WIPE_PATTERN, (c, a) -> {
            Flags.none(a.flags(), "virStorageVolWipePattern");
            io.jvirt.api.StorageVolWipeAlgorithm alg = io.jvirt.api.StorageVolWipeAlgorithm.fromValue(a.algorithm());
            if (alg == null) {
                // libvirt's storage driver checks the number before it looks at the volume
                throw new io.jvirt.api.VirtException(io.jvirt.api.ErrorCode.INVALID_ARG, io.jvirt.api.ErrorDomain.STORAGE,
                        "invalid argument: wiping algorithm " + a.algorithm() + " not supported");
            }
            vol(c, a.vol()).wipePattern(alg);
            return null;
        });
        d.on(STORAGE_VOL_RESIZE, (c, a) -> {
            vol(c, a.vol()).resize(a.capacity(),
                    Flags.of(io.jvirt.api.StorageVolResizeFlag.class, a.flags(), "virStorageVolResize"));
            return null;
        });
        d.on(STORAGE_POOL_LOOKUP_BY_TARGET_PATH, (c, a) -> new StoragePoolLookupByTargetPathRet(
                remote(c.connect().storagePoolLookupByTargetPath(a.path()))));
        d.on(CONNECT_GET_STORAGE_POOL_CAPABILITIES, (c, a) -> {
            Flags.none(a.flags(), "virConnectGetStoragePoolCapabilities");
            return new ConnectGetStoragePoolCapabilitiesRet(c.connect().getStoragePoolCapabilities());
        });
        d.on(STORAGE_VOL_GET_PATH, (c, a) -> new StorageVolGetPathRet(vol(c, a.vol()).getPath()));
        d.onStream(STORAGE_VOL_DOWNLOAD, io.jvirt.daemon.stream.Direction.TO_CLIENT, (c, a, stream) -> {
            vol(c, a.vol()).download(stream, a.offset(), a.length(),
                    Flags.of(io.jvirt.api.StorageVolTransferFlag.class, a.flags(), "virStorageVolDownload"));
            return null;
        });
        d.onStream(STORAGE_VOL_UPLOAD, io.jvirt.daemon.stream.Direction.FROM_CLIENT, (c, a, stream) -> {
            vol(c, a.vol()).upload(stream, a.offset(), a.length(),
                    Flags.of(io.jvirt.api.StorageVolTransferFlag.class, a.flags(), "virStorageVolUpload"));
            return null;
        });
    }
}
