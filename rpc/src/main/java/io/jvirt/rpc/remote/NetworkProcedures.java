package io.jvirt.rpc.remote;

import java.util.List;
import java.util.UUID;

import io.jvirt.rpc.remote.Procedure.Priority;
import io.jvirt.rpc.remote.RemoteTypes.*;
import io.jvirt.rpc.xdr.Xdr.Chars;
import io.jvirt.rpc.xdr.Xdr.Max;
import io.jvirt.rpc.xdr.Xdr.Opt;
import io.jvirt.rpc.xdr.Xdr.VarChars;

/** REMOTE program procedures: network. One declaration each; the structs as records. */
public final class NetworkProcedures {
    private NetworkProcedures() {
    }

    /** {@code remote_connect_list_all_networks_args}. */
    public record ConnectListAllNetworksArgs(int needResults, int flags) {
    }

    /** {@code remote_connect_list_all_networks_ret}. */
    public record ConnectListAllNetworksRet(@Max(16384) List<RemoteNetwork> nets, int ret) {
    }

    /** {@code remote_network_lookup_by_name_args}. */
    public record NetworkLookupByNameArgs(String name) {
    }

    /** {@code remote_network_lookup_by_name_ret}. */
    public record NetworkLookupByNameRet(RemoteNetwork net) {
    }

    /** {@code remote_network_lookup_by_uuid_args}. */
    public record NetworkLookupByUuidArgs(UUID uuid) {
    }

    /** {@code remote_network_lookup_by_uuid_ret}. */
    public record NetworkLookupByUuidRet(RemoteNetwork net) {
    }

    /** {@code remote_network_define_xml_args}. */
    public record NetworkDefineXmlArgs(String xml) {
    }

    /** {@code remote_network_define_xml_ret}. */
    public record NetworkDefineXmlRet(RemoteNetwork net) {
    }

    /** {@code remote_network_define_xml_flags_args}. */
    public record NetworkDefineXmlFlagsArgs(String xml, int flags) {
    }

    /** {@code remote_network_define_xml_flags_ret}. */
    public record NetworkDefineXmlFlagsRet(RemoteNetwork net) {
    }

    /** {@code remote_network_create_args}. */
    public record NetworkCreateArgs(RemoteNetwork net) {
    }

    /** {@code remote_network_destroy_args}. */
    public record NetworkDestroyArgs(RemoteNetwork net) {
    }

    /** {@code remote_network_undefine_args}. */
    public record NetworkUndefineArgs(RemoteNetwork net) {
    }

    /** {@code remote_network_get_xml_desc_args}. */
    public record NetworkGetXmlDescArgs(RemoteNetwork net, int flags) {
    }

    /** {@code remote_network_get_xml_desc_ret}. */
    public record NetworkGetXmlDescRet(String xml) {
    }

    /** {@code remote_network_is_active_args}. */
    public record NetworkIsActiveArgs(RemoteNetwork net) {
    }

    /** {@code remote_network_is_active_ret}. */
    public record NetworkIsActiveRet(int active) {
    }

    /** {@code remote_network_get_autostart_args}. */
    public record NetworkGetAutostartArgs(RemoteNetwork net) {
    }

    /** {@code remote_network_get_autostart_ret}. */
    public record NetworkGetAutostartRet(int autostart) {
    }

    /** {@code remote_network_set_autostart_args}. */
    public record NetworkSetAutostartArgs(RemoteNetwork net, int autostart) {
    }

    /** {@code remote_network_get_bridge_name_args}. */
    public record NetworkGetBridgeNameArgs(RemoteNetwork net) {
    }

    /** {@code remote_network_get_bridge_name_ret}. */
    public record NetworkGetBridgeNameRet(String name) {
    }

    /** {@code remote_network_is_persistent_args}. */
    public record NetworkIsPersistentArgs(RemoteNetwork net) {
    }

    /** {@code remote_network_is_persistent_ret}. */
    public record NetworkIsPersistentRet(int persistent) {
    }

    public static final Procedure<ConnectListAllNetworksArgs, ConnectListAllNetworksRet> CONNECT_LIST_ALL_NETWORKS = RemoteProgram.declare(283, "CONNECT_LIST_ALL_NETWORKS",
            ConnectListAllNetworksArgs.class, ConnectListAllNetworksRet.class, Priority.HIGH, false);

    public static final Procedure<NetworkLookupByNameArgs, NetworkLookupByNameRet> NETWORK_LOOKUP_BY_NAME = RemoteProgram.declare(46, "NETWORK_LOOKUP_BY_NAME",
            NetworkLookupByNameArgs.class, NetworkLookupByNameRet.class, Priority.HIGH, false);

    public static final Procedure<NetworkLookupByUuidArgs, NetworkLookupByUuidRet> NETWORK_LOOKUP_BY_UUID = RemoteProgram.declare(47, "NETWORK_LOOKUP_BY_UUID",
            NetworkLookupByUuidArgs.class, NetworkLookupByUuidRet.class, Priority.HIGH, false);

    public static final Procedure<NetworkDefineXmlArgs, NetworkDefineXmlRet> NETWORK_DEFINE_XML = RemoteProgram.declare(41, "NETWORK_DEFINE_XML",
            NetworkDefineXmlArgs.class, NetworkDefineXmlRet.class, Priority.HIGH, true);

    public static final Procedure<NetworkDefineXmlFlagsArgs, NetworkDefineXmlFlagsRet> NETWORK_DEFINE_XML_FLAGS = RemoteProgram.declare(432, "NETWORK_DEFINE_XML_FLAGS",
            NetworkDefineXmlFlagsArgs.class, NetworkDefineXmlFlagsRet.class, Priority.HIGH, true);

    public static final Procedure<NetworkCreateArgs, Void> NETWORK_CREATE = RemoteProgram.declare(39, "NETWORK_CREATE",
            NetworkCreateArgs.class, null, Priority.NORMAL, true);

    public static final Procedure<NetworkDestroyArgs, Void> NETWORK_DESTROY = RemoteProgram.declare(42, "NETWORK_DESTROY",
            NetworkDestroyArgs.class, null, Priority.HIGH, true);

    public static final Procedure<NetworkUndefineArgs, Void> NETWORK_UNDEFINE = RemoteProgram.declare(49, "NETWORK_UNDEFINE",
            NetworkUndefineArgs.class, null, Priority.HIGH, true);

    public static final Procedure<NetworkGetXmlDescArgs, NetworkGetXmlDescRet> NETWORK_GET_XML_DESC = RemoteProgram.declare(43, "NETWORK_GET_XML_DESC",
            NetworkGetXmlDescArgs.class, NetworkGetXmlDescRet.class, Priority.HIGH, false);

    public static final Procedure<NetworkIsActiveArgs, NetworkIsActiveRet> NETWORK_IS_ACTIVE = RemoteProgram.declare(152, "NETWORK_IS_ACTIVE",
            NetworkIsActiveArgs.class, NetworkIsActiveRet.class, Priority.HIGH, false);

    public static final Procedure<NetworkGetAutostartArgs, NetworkGetAutostartRet> NETWORK_GET_AUTOSTART = RemoteProgram.declare(44, "NETWORK_GET_AUTOSTART",
            NetworkGetAutostartArgs.class, NetworkGetAutostartRet.class, Priority.HIGH, false);

    public static final Procedure<NetworkSetAutostartArgs, Void> NETWORK_SET_AUTOSTART = RemoteProgram.declare(48, "NETWORK_SET_AUTOSTART",
            NetworkSetAutostartArgs.class, null, Priority.HIGH, true);

    public static final Procedure<NetworkGetBridgeNameArgs, NetworkGetBridgeNameRet> NETWORK_GET_BRIDGE_NAME = RemoteProgram.declare(45, "NETWORK_GET_BRIDGE_NAME",
            NetworkGetBridgeNameArgs.class, NetworkGetBridgeNameRet.class, Priority.HIGH, false);

    public static final Procedure<NetworkIsPersistentArgs, NetworkIsPersistentRet> NETWORK_IS_PERSISTENT = RemoteProgram.declare(153, "NETWORK_IS_PERSISTENT",
            NetworkIsPersistentArgs.class, NetworkIsPersistentRet.class, Priority.HIGH, false);
}
