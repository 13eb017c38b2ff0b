package io.jvirt.rpc.remote;

import java.util.List;
import java.util.UUID;

import io.jvirt.rpc.remote.Procedure.Priority;
import io.jvirt.rpc.remote.RemoteTypes.*;
import io.jvirt.rpc.xdr.Xdr.Chars;
import io.jvirt.rpc.xdr.Xdr.Max;
import io.jvirt.rpc.xdr.Xdr.Opt;
import io.jvirt.rpc.xdr.Xdr.VarChars;

/** REMOTE program procedures: connect. One declaration each; the structs as records. */
public final class ConnectProcedures {
    private ConnectProcedures() {
    }

    /** {@code remote_connect_open_args}. */
    public record ConnectOpenArgs(@Opt String name, int flags) {
    }

    /** {@code remote_connect_get_type_ret}. */
    public record ConnectGetTypeRet(String type) {
    }

    /** {@code remote_connect_get_version_ret}. */
    public record ConnectGetVersionRet(long hvVer) {
    }

    /** {@code remote_connect_get_lib_version_ret}. */
    public record ConnectGetLibVersionRet(long libVer) {
    }

    /** {@code remote_connect_get_hostname_ret}. */
    public record ConnectGetHostnameRet(String hostname) {
    }

    /** {@code remote_connect_get_capabilities_ret}. */
    public record ConnectGetCapabilitiesRet(String capabilities) {
    }

    /** {@code remote_connect_get_uri_ret}. */
    public record ConnectGetUriRet(String uri) {
    }

    /** {@code remote_connect_supports_feature_args}. */
    public record ConnectSupportsFeatureArgs(int feature) {
    }

    /** {@code remote_connect_supports_feature_ret}. */
    public record ConnectSupportsFeatureRet(int supported) {
    }

    /** {@code remote_connect_is_secure_ret}. */
    public record ConnectIsSecureRet(int secure) {
    }

    /** {@code remote_auth_list_ret}. */
    public record AuthListRet(@Max(20) List<Integer> types) {
    }

    /** {@code remote_node_get_info_ret}. */
    public record NodeGetInfoRet(@Chars(32) String model, long memory, int cpus, int mhz, int nodes, int sockets, int cores, int threads) {
    }

    /** {@code remote_node_get_security_model_ret}. */
    public record NodeGetSecurityModelRet(@VarChars(257) String model, @VarChars(257) String doi) {
    }

    public static final Procedure<ConnectOpenArgs, Void> CONNECT_OPEN = RemoteProgram.declare(1, "CONNECT_OPEN",
            ConnectOpenArgs.class, null, Priority.HIGH, false);

    public static final Procedure<Void, Void> CONNECT_CLOSE = RemoteProgram.declare(2, "CONNECT_CLOSE",
            null, null, Priority.HIGH, false);

    public static final Procedure<Void, ConnectGetTypeRet> CONNECT_GET_TYPE = RemoteProgram.declare(3, "CONNECT_GET_TYPE",
            null, ConnectGetTypeRet.class, Priority.HIGH, false);

    public static final Procedure<Void, ConnectGetVersionRet> CONNECT_GET_VERSION = RemoteProgram.declare(4, "CONNECT_GET_VERSION",
            null, ConnectGetVersionRet.class, Priority.HIGH, false);

    public static final Procedure<Void, ConnectGetLibVersionRet> CONNECT_GET_LIB_VERSION = RemoteProgram.declare(157, "CONNECT_GET_LIB_VERSION",
            null, ConnectGetLibVersionRet.class, Priority.HIGH, false);

    public static final Procedure<Void, ConnectGetHostnameRet> CONNECT_GET_HOSTNAME = RemoteProgram.declare(59, "CONNECT_GET_HOSTNAME",
            null, ConnectGetHostnameRet.class, Priority.HIGH, false);

    public static final Procedure<Void, ConnectGetCapabilitiesRet> CONNECT_GET_CAPABILITIES = RemoteProgram.declare(7, "CONNECT_GET_CAPABILITIES",
            null, ConnectGetCapabilitiesRet.class, Priority.NORMAL, false);

    public static final Procedure<Void, ConnectGetUriRet> CONNECT_GET_URI = RemoteProgram.declare(110, "CONNECT_GET_URI",
            null, ConnectGetUriRet.class, Priority.HIGH, false);

    public static final Procedure<ConnectSupportsFeatureArgs, ConnectSupportsFeatureRet> CONNECT_SUPPORTS_FEATURE = RemoteProgram.declare(60, "CONNECT_SUPPORTS_FEATURE",
            ConnectSupportsFeatureArgs.class, ConnectSupportsFeatureRet.class, Priority.HIGH, false);

    public static final Procedure<Void, ConnectIsSecureRet> CONNECT_IS_SECURE = RemoteProgram.declare(149, "CONNECT_IS_SECURE",
            null, ConnectIsSecureRet.class, Priority.HIGH, false);

    public static final Procedure<Void, AuthListRet> AUTH_LIST = RemoteProgram.declare(66, "AUTH_LIST",
            null, AuthListRet.class, Priority.HIGH, false);

    public static final Procedure<Void, NodeGetInfoRet> NODE_GET_INFO = RemoteProgram.declare(6, "NODE_GET_INFO",
            null, NodeGetInfoRet.class, Priority.HIGH, false);

    public static final Procedure<Void, NodeGetSecurityModelRet> NODE_GET_SECURITY_MODEL = RemoteProgram.declare(122, "NODE_GET_SECURITY_MODEL",
            null, NodeGetSecurityModelRet.class, Priority.NORMAL, false);
}
