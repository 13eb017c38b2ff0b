package io.jvirt.rpc.remote;

import java.util.List;
import java.util.UUID;

import io.jvirt.rpc.remote.Procedure.Priority;
import io.jvirt.rpc.remote.RemoteTypes.*;
import io.jvirt.rpc.xdr.Xdr.Chars;
import io.jvirt.rpc.xdr.Xdr.Max;
import io.jvirt.rpc.xdr.Xdr.Opt;
import io.jvirt.rpc.xdr.Xdr.VarChars;

/** REMOTE program procedures: storage. One declaration each; the structs as records. */
public final class StorageProcedures {
    private StorageProcedures() {
    }

    /** {@code remote_connect_list_all_storage_pools_args}. */
    public record ConnectListAllStoragePoolsArgs(int needResults, int flags) {
    }

    /** {@code remote_connect_list_all_storage_pools_ret}. */
    public record ConnectListAllStoragePoolsRet(@Max(16384) List<RemoteStoragePool> pools, int ret) {
    }

    /** {@code remote_storage_pool_lookup_by_name_args}. */
    public record StoragePoolLookupByNameArgs(String name) {
    }

    /** {@code remote_storage_pool_lookup_by_name_ret}. */
    public record StoragePoolLookupByNameRet(RemoteStoragePool pool) {
    }

    /** {@code remote_storage_pool_lookup_by_uuid_args}. */
    public record StoragePoolLookupByUuidArgs(UUID uuid) {
    }

    /** {@code remote_storage_pool_lookup_by_uuid_ret}. */
    public record StoragePoolLookupByUuidRet(RemoteStoragePool pool) {
    }

    /** {@code remote_storage_pool_define_xml_args}. */
    public record StoragePoolDefineXmlArgs(String xml, int flags) {
    }

    /** {@code remote_storage_pool_define_xml_ret}. */
    public record StoragePoolDefineXmlRet(RemoteStoragePool pool) {
    }

    /** {@code remote_storage_pool_create_args}. */
    public record StoragePoolCreateArgs(RemoteStoragePool pool, int flags) {
    }

    /** {@code remote_storage_pool_build_args}. */
    public record StoragePoolBuildArgs(RemoteStoragePool pool, int flags) {
    }

    /** {@code remote_storage_pool_destroy_args}. */
    public record StoragePoolDestroyArgs(RemoteStoragePool pool) {
    }

    /** {@code remote_storage_pool_undefine_args}. */
    public record StoragePoolUndefineArgs(RemoteStoragePool pool) {
    }

    /** {@code remote_storage_pool_refresh_args}. */
    public record StoragePoolRefreshArgs(RemoteStoragePool pool, int flags) {
    }

    /** {@code remote_storage_pool_get_info_args}. */
    public record StoragePoolGetInfoArgs(RemoteStoragePool pool) {
    }

    /** {@code remote_storage_pool_get_info_ret}. */
    public record StoragePoolGetInfoRet(int state, long capacity, long allocation, long available) {
    }

    /** {@code remote_storage_pool_get_xml_desc_args}. */
    public record StoragePoolGetXmlDescArgs(RemoteStoragePool pool, int flags) {
    }

    /** {@code remote_storage_pool_get_xml_desc_ret}. */
    public record StoragePoolGetXmlDescRet(String xml) {
    }

    /** {@code remote_storage_pool_is_active_args}. */
    public record StoragePoolIsActiveArgs(RemoteStoragePool pool) {
    }

    /** {@code remote_storage_pool_is_active_ret}. */
    public record StoragePoolIsActiveRet(int active) {
    }

    /** {@code remote_storage_pool_list_all_volumes_args}. */
    public record StoragePoolListAllVolumesArgs(RemoteStoragePool pool, int needResults, int flags) {
    }

    /** {@code remote_storage_pool_list_all_volumes_ret}. */
    public record StoragePoolListAllVolumesRet(@Max(16384) List<RemoteStorageVol> vols, int ret) {
    }

    /** {@code remote_storage_vol_create_xml_args}. */
    public record StorageVolCreateXmlArgs(RemoteStoragePool pool, String xml, int flags) {
    }

    /** {@code remote_storage_vol_create_xml_ret}. */
    public record StorageVolCreateXmlRet(RemoteStorageVol vol) {
    }

    /** {@code remote_storage_vol_lookup_by_name_args}. */
    public record StorageVolLookupByNameArgs(RemoteStoragePool pool, String name) {
    }

    /** {@code remote_storage_vol_lookup_by_name_ret}. */
    public record StorageVolLookupByNameRet(RemoteStorageVol vol) {
    }

    /** {@code remote_storage_vol_lookup_by_path_args}. */
    public record StorageVolLookupByPathArgs(String path) {
    }

    /** {@code remote_storage_vol_lookup_by_path_ret}. */
    public record StorageVolLookupByPathRet(RemoteStorageVol vol) {
    }

    /** {@code remote_storage_vol_lookup_by_key_args}. */
    public record StorageVolLookupByKeyArgs(String key) {
    }

    /** {@code remote_storage_vol_lookup_by_key_ret}. */
    public record StorageVolLookupByKeyRet(RemoteStorageVol vol) {
    }

    /** {@code remote_storage_vol_get_info_args}. */
    public record StorageVolGetInfoArgs(RemoteStorageVol vol) {
    }

    /** {@code remote_storage_vol_get_info_ret}. */
    public record StorageVolGetInfoRet(int type, long capacity, long allocation) {
    }

    /** {@code remote_storage_vol_get_xml_desc_args}. */
    public record StorageVolGetXmlDescArgs(RemoteStorageVol vol, int flags) {
    }

    /** {@code remote_storage_vol_get_xml_desc_ret}. */
    public record StorageVolGetXmlDescRet(String xml) {
    }

    /** {@code remote_storage_vol_delete_args}. */
    public record StorageVolDeleteArgs(RemoteStorageVol vol, int flags) {
    }

    /** {@code remote_storage_vol_get_path_args}. */
    public record StorageVolGetPathArgs(RemoteStorageVol vol) {
    }

    /** {@code remote_storage_vol_get_path_ret}. */
    public record StorageVolGetPathRet(String name) {
    }

    /** {@code remote_storage_pool_is_persistent_args}. */
    public record StoragePoolIsPersistentArgs(RemoteStoragePool pool) {
    }

    /** {@code remote_storage_pool_is_persistent_ret}. */
    public record StoragePoolIsPersistentRet(int persistent) {
    }

    /** {@code remote_storage_pool_get_autostart_args}. */
    public record StoragePoolGetAutostartArgs(RemoteStoragePool pool) {
    }

    /** {@code remote_storage_pool_get_autostart_ret}. */
    public record StoragePoolGetAutostartRet(int autostart) {
    }

    /** {@code remote_storage_pool_set_autostart_args}. */
    public record StoragePoolSetAutostartArgs(RemoteStoragePool pool, int autostart) {
    }

    public static final Procedure<ConnectListAllStoragePoolsArgs, ConnectListAllStoragePoolsRet> CONNECT_LIST_ALL_STORAGE_POOLS = RemoteProgram.declare(281, "CONNECT_LIST_ALL_STORAGE_POOLS",
            ConnectListAllStoragePoolsArgs.class, ConnectListAllStoragePoolsRet.class, Priority.HIGH, false);

    public static final Procedure<StoragePoolLookupByNameArgs, StoragePoolLookupByNameRet> STORAGE_POOL_LOOKUP_BY_NAME = RemoteProgram.declare(84, "STORAGE_POOL_LOOKUP_BY_NAME",
            StoragePoolLookupByNameArgs.class, StoragePoolLookupByNameRet.class, Priority.HIGH, false);

    public static final Procedure<StoragePoolLookupByUuidArgs, StoragePoolLookupByUuidRet> STORAGE_POOL_LOOKUP_BY_UUID = RemoteProgram.declare(85, "STORAGE_POOL_LOOKUP_BY_UUID",
            StoragePoolLookupByUuidArgs.class, StoragePoolLookupByUuidRet.class, Priority.HIGH, false);

    public static final Procedure<StoragePoolDefineXmlArgs, StoragePoolDefineXmlRet> STORAGE_POOL_DEFINE_XML = RemoteProgram.declare(77, "STORAGE_POOL_DEFINE_XML",
            StoragePoolDefineXmlArgs.class, StoragePoolDefineXmlRet.class, Priority.HIGH, true);

    public static final Procedure<StoragePoolCreateArgs, Void> STORAGE_POOL_CREATE = RemoteProgram.declare(78, "STORAGE_POOL_CREATE",
            StoragePoolCreateArgs.class, null, Priority.NORMAL, true);

    public static final Procedure<StoragePoolBuildArgs, Void> STORAGE_POOL_BUILD = RemoteProgram.declare(79, "STORAGE_POOL_BUILD",
            StoragePoolBuildArgs.class, null, Priority.NORMAL, true);

    public static final Procedure<StoragePoolDestroyArgs, Void> STORAGE_POOL_DESTROY = RemoteProgram.declare(80, "STORAGE_POOL_DESTROY",
            StoragePoolDestroyArgs.class, null, Priority.HIGH, true);

    public static final Procedure<StoragePoolUndefineArgs, Void> STORAGE_POOL_UNDEFINE = RemoteProgram.declare(82, "STORAGE_POOL_UNDEFINE",
            StoragePoolUndefineArgs.class, null, Priority.HIGH, true);

    public static final Procedure<StoragePoolRefreshArgs, Void> STORAGE_POOL_REFRESH = RemoteProgram.declare(83, "STORAGE_POOL_REFRESH",
            StoragePoolRefreshArgs.class, null, Priority.NORMAL, true);

    public static final Procedure<StoragePoolGetInfoArgs, StoragePoolGetInfoRet> STORAGE_POOL_GET_INFO = RemoteProgram.declare(87, "STORAGE_POOL_GET_INFO",
            StoragePoolGetInfoArgs.class, StoragePoolGetInfoRet.class, Priority.HIGH, false);

    public static final Procedure<StoragePoolGetXmlDescArgs, StoragePoolGetXmlDescRet> STORAGE_POOL_GET_XML_DESC = RemoteProgram.declare(88, "STORAGE_POOL_GET_XML_DESC",
            StoragePoolGetXmlDescArgs.class, StoragePoolGetXmlDescRet.class, Priority.HIGH, false);

    public static final Procedure<StoragePoolIsActiveArgs, StoragePoolIsActiveRet> STORAGE_POOL_IS_ACTIVE = RemoteProgram.declare(154, "STORAGE_POOL_IS_ACTIVE",
            StoragePoolIsActiveArgs.class, StoragePoolIsActiveRet.class, Priority.HIGH, false);

    public static final Procedure<StoragePoolListAllVolumesArgs, StoragePoolListAllVolumesRet> STORAGE_POOL_LIST_ALL_VOLUMES = RemoteProgram.declare(282, "STORAGE_POOL_LIST_ALL_VOLUMES",
            StoragePoolListAllVolumesArgs.class, StoragePoolListAllVolumesRet.class, Priority.HIGH, false);

    public static final Procedure<StorageVolCreateXmlArgs, StorageVolCreateXmlRet> STORAGE_VOL_CREATE_XML = RemoteProgram.declare(93, "STORAGE_VOL_CREATE_XML",
            StorageVolCreateXmlArgs.class, StorageVolCreateXmlRet.class, Priority.NORMAL, true);

    public static final Procedure<StorageVolLookupByNameArgs, StorageVolLookupByNameRet> STORAGE_VOL_LOOKUP_BY_NAME = RemoteProgram.declare(95, "STORAGE_VOL_LOOKUP_BY_NAME",
            StorageVolLookupByNameArgs.class, StorageVolLookupByNameRet.class, Priority.HIGH, false);

    public static final Procedure<StorageVolLookupByPathArgs, StorageVolLookupByPathRet> STORAGE_VOL_LOOKUP_BY_PATH = RemoteProgram.declare(97, "STORAGE_VOL_LOOKUP_BY_PATH",
            StorageVolLookupByPathArgs.class, StorageVolLookupByPathRet.class, Priority.HIGH, false);

    public static final Procedure<StorageVolLookupByKeyArgs, StorageVolLookupByKeyRet> STORAGE_VOL_LOOKUP_BY_KEY = RemoteProgram.declare(96, "STORAGE_VOL_LOOKUP_BY_KEY",
            StorageVolLookupByKeyArgs.class, StorageVolLookupByKeyRet.class, Priority.HIGH, false);

    public static final Procedure<StorageVolGetInfoArgs, StorageVolGetInfoRet> STORAGE_VOL_GET_INFO = RemoteProgram.declare(98, "STORAGE_VOL_GET_INFO",
            StorageVolGetInfoArgs.class, StorageVolGetInfoRet.class, Priority.HIGH, false);

    public static final Procedure<StorageVolGetXmlDescArgs, StorageVolGetXmlDescRet> STORAGE_VOL_GET_XML_DESC = RemoteProgram.declare(99, "STORAGE_VOL_GET_XML_DESC",
            StorageVolGetXmlDescArgs.class, StorageVolGetXmlDescRet.class, Priority.HIGH, false);

    public static final Procedure<StorageVolDeleteArgs, Void> STORAGE_VOL_DELETE = RemoteProgram.declare(94, "STORAGE_VOL_DELETE",
            StorageVolDeleteArgs.class, null, Priority.NORMAL, true);

    public static final Procedure<StorageVolGetPathArgs, StorageVolGetPathRet> STORAGE_VOL_GET_PATH = RemoteProgram.declare(100, "STORAGE_VOL_GET_PATH",
            StorageVolGetPathArgs.class, StorageVolGetPathRet.class, Priority.HIGH, false);

    public static final Procedure<StoragePoolIsPersistentArgs, StoragePoolIsPersistentRet> STORAGE_POOL_IS_PERSISTENT = RemoteProgram.declare(155, "STORAGE_POOL_IS_PERSISTENT",
            StoragePoolIsPersistentArgs.class, StoragePoolIsPersistentRet.class, Priority.HIGH, false);

    public static final Procedure<StoragePoolGetAutostartArgs, StoragePoolGetAutostartRet> STORAGE_POOL_GET_AUTOSTART = RemoteProgram.declare(89, "STORAGE_POOL_GET_AUTOSTART",
            StoragePoolGetAutostartArgs.class, StoragePoolGetAutostartRet.class, Priority.HIGH, false);

    public static final Procedure<StoragePoolSetAutostartArgs, Void> STORAGE_POOL_SET_AUTOSTART = RemoteProgram.declare(90, "STORAGE_POOL_SET_AUTOSTART",
            StoragePoolSetAutostartArgs.class, null, Priority.HIGH, true);
}
