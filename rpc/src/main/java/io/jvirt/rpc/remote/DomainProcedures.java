package io.jvirt.rpc.remote;

import java.util.List;
import java.util.UUID;

import io.jvirt.rpc.remote.Procedure.Priority;
import io.jvirt.rpc.remote.RemoteTypes.*;
import io.jvirt.rpc.xdr.Xdr.Chars;
import io.jvirt.rpc.xdr.Xdr.Max;
import io.jvirt.rpc.xdr.Xdr.Opt;
import io.jvirt.rpc.xdr.Xdr.VarChars;

/** REMOTE program procedures: domain. One declaration each; the structs as records. */
public final class DomainProcedures {
    private DomainProcedures() {
    }

    /** {@code remote_connect_list_all_domains_args}. */
    public record ConnectListAllDomainsArgs(int needResults, int flags) {
    }

    /** {@code remote_connect_list_all_domains_ret}. */
    public record ConnectListAllDomainsRet(@Max(16384) List<RemoteDomain> domains, int ret) {
    }

    /** {@code remote_connect_num_of_domains_ret}. */
    public record ConnectNumOfDomainsRet(int num) {
    }

    /** {@code remote_connect_list_domains_args}. */
    public record ConnectListDomainsArgs(int maxids) {
    }

    /** {@code remote_connect_list_domains_ret}. */
    public record ConnectListDomainsRet(@Max(16384) List<Integer> ids) {
    }

    /** {@code remote_connect_num_of_defined_domains_ret}. */
    public record ConnectNumOfDefinedDomainsRet(int num) {
    }

    /** {@code remote_connect_list_defined_domains_args}. */
    public record ConnectListDefinedDomainsArgs(int maxnames) {
    }

    /** {@code remote_connect_list_defined_domains_ret}. */
    public record ConnectListDefinedDomainsRet(@Max(16384) List<String> names) {
    }

    /** {@code remote_domain_lookup_by_id_args}. */
    public record DomainLookupByIdArgs(int id) {
    }

    /** {@code remote_domain_lookup_by_id_ret}. */
    public record DomainLookupByIdRet(RemoteDomain dom) {
    }

    /** {@code remote_domain_lookup_by_name_args}. */
    public record DomainLookupByNameArgs(String name) {
    }

    /** {@code remote_domain_lookup_by_name_ret}. */
    public record DomainLookupByNameRet(RemoteDomain dom) {
    }

    /** {@code remote_domain_lookup_by_uuid_args}. */
    public record DomainLookupByUuidArgs(UUID uuid) {
    }

    /** {@code remote_domain_lookup_by_uuid_ret}. */
    public record DomainLookupByUuidRet(RemoteDomain dom) {
    }

    /** {@code remote_domain_define_xml_args}. */
    public record DomainDefineXmlArgs(String xml) {
    }

    /** {@code remote_domain_define_xml_ret}. */
    public record DomainDefineXmlRet(RemoteDomain dom) {
    }

    /** {@code remote_domain_define_xml_flags_args}. */
    public record DomainDefineXmlFlagsArgs(String xml, int flags) {
    }

    /** {@code remote_domain_define_xml_flags_ret}. */
    public record DomainDefineXmlFlagsRet(RemoteDomain dom) {
    }

    /** {@code remote_domain_undefine_args}. */
    public record DomainUndefineArgs(RemoteDomain dom) {
    }

    /** {@code remote_domain_undefine_flags_args}. */
    public record DomainUndefineFlagsArgs(RemoteDomain dom, int flags) {
    }

    /** {@code remote_domain_create_args}. */
    public record DomainCreateArgs(RemoteDomain dom) {
    }

    /** {@code remote_domain_create_with_flags_args}. */
    public record DomainCreateWithFlagsArgs(RemoteDomain dom, int flags) {
    }

    /** {@code remote_domain_create_with_flags_ret}. */
    public record DomainCreateWithFlagsRet(RemoteDomain dom) {
    }

    /** {@code remote_domain_create_xml_args}. */
    public record DomainCreateXmlArgs(String xmlDesc, int flags) {
    }

    /** {@code remote_domain_create_xml_ret}. */
    public record DomainCreateXmlRet(RemoteDomain dom) {
    }

    /** {@code remote_domain_destroy_args}. */
    public record DomainDestroyArgs(RemoteDomain dom) {
    }

    /** {@code remote_domain_destroy_flags_args}. */
    public record DomainDestroyFlagsArgs(RemoteDomain dom, int flags) {
    }

    /** {@code remote_domain_shutdown_args}. */
    public record DomainShutdownArgs(RemoteDomain dom) {
    }

    /** {@code remote_domain_shutdown_flags_args}. */
    public record DomainShutdownFlagsArgs(RemoteDomain dom, int flags) {
    }

    /** {@code remote_domain_reboot_args}. */
    public record DomainRebootArgs(RemoteDomain dom, int flags) {
    }

    /** {@code remote_domain_suspend_args}. */
    public record DomainSuspendArgs(RemoteDomain dom) {
    }

    /** {@code remote_domain_resume_args}. */
    public record DomainResumeArgs(RemoteDomain dom) {
    }

    /** {@code remote_domain_get_info_args}. */
    public record DomainGetInfoArgs(RemoteDomain dom) {
    }

    /** {@code remote_domain_get_info_ret}. */
    public record DomainGetInfoRet(int state, long maxMem, long memory, int nrVirtCpu, long cpuTime) {
    }

    /** {@code remote_domain_get_state_args}. */
    public record DomainGetStateArgs(RemoteDomain dom, int flags) {
    }

    /** {@code remote_domain_get_state_ret}. */
    public record DomainGetStateRet(int state, int reason) {
    }

    /** {@code remote_domain_get_xml_desc_args}. */
    public record DomainGetXmlDescArgs(RemoteDomain dom, int flags) {
    }

    /** {@code remote_domain_get_xml_desc_ret}. */
    public record DomainGetXmlDescRet(String xml) {
    }

    /** {@code remote_domain_get_autostart_args}. */
    public record DomainGetAutostartArgs(RemoteDomain dom) {
    }

    /** {@code remote_domain_get_autostart_ret}. */
    public record DomainGetAutostartRet(int autostart) {
    }

    /** {@code remote_domain_set_autostart_args}. */
    public record DomainSetAutostartArgs(RemoteDomain dom, int autostart) {
    }

    /** {@code remote_domain_set_memory_args}. */
    public record DomainSetMemoryArgs(RemoteDomain dom, long memory) {
    }

    /** {@code remote_domain_set_max_memory_args}. */
    public record DomainSetMaxMemoryArgs(RemoteDomain dom, long memory) {
    }

    /** {@code remote_domain_get_max_memory_args}. */
    public record DomainGetMaxMemoryArgs(RemoteDomain dom) {
    }

    /** {@code remote_domain_get_max_memory_ret}. */
    public record DomainGetMaxMemoryRet(long memory) {
    }

    /** {@code remote_domain_get_vcpus_args}. */
    public record DomainGetVcpusArgs(RemoteDomain dom, int maxinfo, int maplen) {
    }

    /** {@code remote_domain_get_vcpus_ret}. */
    public record DomainGetVcpusRet(@Max(16384) List<VcpuInfo> info, @Max(8388608) byte[] cpumaps) {
    }

    /** {@code remote_domain_get_max_vcpus_args}. */
    public record DomainGetMaxVcpusArgs(RemoteDomain dom) {
    }

    /** {@code remote_domain_get_max_vcpus_ret}. */
    public record DomainGetMaxVcpusRet(int num) {
    }

    /** {@code remote_domain_is_active_args}. */
    public record DomainIsActiveArgs(RemoteDomain dom) {
    }

    /** {@code remote_domain_is_active_ret}. */
    public record DomainIsActiveRet(int active) {
    }

    /** {@code remote_domain_is_persistent_args}. */
    public record DomainIsPersistentArgs(RemoteDomain dom) {
    }

    /** {@code remote_domain_is_persistent_ret}. */
    public record DomainIsPersistentRet(int persistent) {
    }

    /** {@code remote_domain_get_os_type_args}. */
    public record DomainGetOsTypeArgs(RemoteDomain dom) {
    }

    /** {@code remote_domain_get_os_type_ret}. */
    public record DomainGetOsTypeRet(String type) {
    }

    /** {@code remote_domain_has_managed_save_image_args}. */
    public record DomainHasManagedSaveImageArgs(RemoteDomain dom, int flags) {
    }

    /** {@code remote_domain_has_managed_save_image_ret}. */
    public record DomainHasManagedSaveImageRet(int result) {
    }

    /** {@code remote_domain_get_security_label_args}. */
    public record DomainGetSecurityLabelArgs(RemoteDomain dom) {
    }

    /** {@code remote_domain_get_security_label_ret}. */
    public record DomainGetSecurityLabelRet(@VarChars(4097) String label, int enforcing) {
    }

    /** {@code remote_domain_snapshot_num_args}. */
    public record DomainSnapshotNumArgs(RemoteDomain dom, int flags) {
    }

    /** {@code remote_domain_snapshot_num_ret}. */
    public record DomainSnapshotNumRet(int num) {
    }

    /** {@code remote_domain_get_messages_args}. */
    public record DomainGetMessagesArgs(RemoteDomain dom, int flags) {
    }

    /** {@code remote_domain_get_messages_ret}. */
    public record DomainGetMessagesRet(@Max(2048) List<String> msgs) {
    }

    public static final Procedure<ConnectListAllDomainsArgs, ConnectListAllDomainsRet> CONNECT_LIST_ALL_DOMAINS = RemoteProgram.declare(273, "CONNECT_LIST_ALL_DOMAINS",
            ConnectListAllDomainsArgs.class, ConnectListAllDomainsRet.class, Priority.HIGH, false);

    public static final Procedure<Void, ConnectNumOfDomainsRet> CONNECT_NUM_OF_DOMAINS = RemoteProgram.declare(51, "CONNECT_NUM_OF_DOMAINS",
            null, ConnectNumOfDomainsRet.class, Priority.HIGH, false);

    public static final Procedure<ConnectListDomainsArgs, ConnectListDomainsRet> CONNECT_LIST_DOMAINS = RemoteProgram.declare(37, "CONNECT_LIST_DOMAINS",
            ConnectListDomainsArgs.class, ConnectListDomainsRet.class, Priority.HIGH, false);

    public static final Procedure<Void, ConnectNumOfDefinedDomainsRet> CONNECT_NUM_OF_DEFINED_DOMAINS = RemoteProgram.declare(25, "CONNECT_NUM_OF_DEFINED_DOMAINS",
            null, ConnectNumOfDefinedDomainsRet.class, Priority.HIGH, true);

    public static final Procedure<ConnectListDefinedDomainsArgs, ConnectListDefinedDomainsRet> CONNECT_LIST_DEFINED_DOMAINS = RemoteProgram.declare(21, "CONNECT_LIST_DEFINED_DOMAINS",
            ConnectListDefinedDomainsArgs.class, ConnectListDefinedDomainsRet.class, Priority.HIGH, true);

    public static final Procedure<DomainLookupByIdArgs, DomainLookupByIdRet> DOMAIN_LOOKUP_BY_ID = RemoteProgram.declare(22, "DOMAIN_LOOKUP_BY_ID",
            DomainLookupByIdArgs.class, DomainLookupByIdRet.class, Priority.HIGH, false);

    public static final Procedure<DomainLookupByNameArgs, DomainLookupByNameRet> DOMAIN_LOOKUP_BY_NAME = RemoteProgram.declare(23, "DOMAIN_LOOKUP_BY_NAME",
            DomainLookupByNameArgs.class, DomainLookupByNameRet.class, Priority.HIGH, false);

    public static final Procedure<DomainLookupByUuidArgs, DomainLookupByUuidRet> DOMAIN_LOOKUP_BY_UUID = RemoteProgram.declare(24, "DOMAIN_LOOKUP_BY_UUID",
            DomainLookupByUuidArgs.class, DomainLookupByUuidRet.class, Priority.HIGH, false);

    public static final Procedure<DomainDefineXmlArgs, DomainDefineXmlRet> DOMAIN_DEFINE_XML = RemoteProgram.declare(11, "DOMAIN_DEFINE_XML",
            DomainDefineXmlArgs.class, DomainDefineXmlRet.class, Priority.HIGH, true);

    public static final Procedure<DomainDefineXmlFlagsArgs, DomainDefineXmlFlagsRet> DOMAIN_DEFINE_XML_FLAGS = RemoteProgram.declare(350, "DOMAIN_DEFINE_XML_FLAGS",
            DomainDefineXmlFlagsArgs.class, DomainDefineXmlFlagsRet.class, Priority.HIGH, true);

    public static final Procedure<DomainUndefineArgs, Void> DOMAIN_UNDEFINE = RemoteProgram.declare(35, "DOMAIN_UNDEFINE",
            DomainUndefineArgs.class, null, Priority.HIGH, true);

    public static final Procedure<DomainUndefineFlagsArgs, Void> DOMAIN_UNDEFINE_FLAGS = RemoteProgram.declare(231, "DOMAIN_UNDEFINE_FLAGS",
            DomainUndefineFlagsArgs.class, null, Priority.HIGH, true);

    public static final Procedure<DomainCreateArgs, Void> DOMAIN_CREATE = RemoteProgram.declare(9, "DOMAIN_CREATE",
            DomainCreateArgs.class, null, Priority.NORMAL, true);

    public static final Procedure<DomainCreateWithFlagsArgs, DomainCreateWithFlagsRet> DOMAIN_CREATE_WITH_FLAGS = RemoteProgram.declare(196, "DOMAIN_CREATE_WITH_FLAGS",
            DomainCreateWithFlagsArgs.class, DomainCreateWithFlagsRet.class, Priority.NORMAL, true);

    public static final Procedure<DomainCreateXmlArgs, DomainCreateXmlRet> DOMAIN_CREATE_XML = RemoteProgram.declare(10, "DOMAIN_CREATE_XML",
            DomainCreateXmlArgs.class, DomainCreateXmlRet.class, Priority.NORMAL, true);

    public static final Procedure<DomainDestroyArgs, Void> DOMAIN_DESTROY = RemoteProgram.declare(12, "DOMAIN_DESTROY",
            DomainDestroyArgs.class, null, Priority.HIGH, true);

    public static final Procedure<DomainDestroyFlagsArgs, Void> DOMAIN_DESTROY_FLAGS = RemoteProgram.declare(234, "DOMAIN_DESTROY_FLAGS",
            DomainDestroyFlagsArgs.class, null, Priority.HIGH, true);

    public static final Procedure<DomainShutdownArgs, Void> DOMAIN_SHUTDOWN = RemoteProgram.declare(33, "DOMAIN_SHUTDOWN",
            DomainShutdownArgs.class, null, Priority.NORMAL, true);

    public static final Procedure<DomainShutdownFlagsArgs, Void> DOMAIN_SHUTDOWN_FLAGS = RemoteProgram.declare(258, "DOMAIN_SHUTDOWN_FLAGS",
            DomainShutdownFlagsArgs.class, null, Priority.NORMAL, true);

    public static final Procedure<DomainRebootArgs, Void> DOMAIN_REBOOT = RemoteProgram.declare(27, "DOMAIN_REBOOT",
            DomainRebootArgs.class, null, Priority.NORMAL, true);

    public static final Procedure<DomainSuspendArgs, Void> DOMAIN_SUSPEND = RemoteProgram.declare(34, "DOMAIN_SUSPEND",
            DomainSuspendArgs.class, null, Priority.NORMAL, true);

    public static final Procedure<DomainResumeArgs, Void> DOMAIN_RESUME = RemoteProgram.declare(28, "DOMAIN_RESUME",
            DomainResumeArgs.class, null, Priority.NORMAL, true);

    public static final Procedure<DomainGetInfoArgs, DomainGetInfoRet> DOMAIN_GET_INFO = RemoteProgram.declare(16, "DOMAIN_GET_INFO",
            DomainGetInfoArgs.class, DomainGetInfoRet.class, Priority.NORMAL, false);

    public static final Procedure<DomainGetStateArgs, DomainGetStateRet> DOMAIN_GET_STATE = RemoteProgram.declare(212, "DOMAIN_GET_STATE",
            DomainGetStateArgs.class, DomainGetStateRet.class, Priority.HIGH, false);

    public static final Procedure<DomainGetXmlDescArgs, DomainGetXmlDescRet> DOMAIN_GET_XML_DESC = RemoteProgram.declare(14, "DOMAIN_GET_XML_DESC",
            DomainGetXmlDescArgs.class, DomainGetXmlDescRet.class, Priority.NORMAL, false);

    public static final Procedure<DomainGetAutostartArgs, DomainGetAutostartRet> DOMAIN_GET_AUTOSTART = RemoteProgram.declare(15, "DOMAIN_GET_AUTOSTART",
            DomainGetAutostartArgs.class, DomainGetAutostartRet.class, Priority.HIGH, false);

    public static final Procedure<DomainSetAutostartArgs, Void> DOMAIN_SET_AUTOSTART = RemoteProgram.declare(29, "DOMAIN_SET_AUTOSTART",
            DomainSetAutostartArgs.class, null, Priority.HIGH, true);

    public static final Procedure<DomainSetMemoryArgs, Void> DOMAIN_SET_MEMORY = RemoteProgram.declare(31, "DOMAIN_SET_MEMORY",
            DomainSetMemoryArgs.class, null, Priority.NORMAL, true);

    public static final Procedure<DomainSetMaxMemoryArgs, Void> DOMAIN_SET_MAX_MEMORY = RemoteProgram.declare(30, "DOMAIN_SET_MAX_MEMORY",
            DomainSetMaxMemoryArgs.class, null, Priority.HIGH, true);

    public static final Procedure<DomainGetMaxMemoryArgs, DomainGetMaxMemoryRet> DOMAIN_GET_MAX_MEMORY = RemoteProgram.declare(17, "DOMAIN_GET_MAX_MEMORY",
            DomainGetMaxMemoryArgs.class, DomainGetMaxMemoryRet.class, Priority.HIGH, false);

    public static final Procedure<DomainGetVcpusArgs, DomainGetVcpusRet> DOMAIN_GET_VCPUS = RemoteProgram.declare(20, "DOMAIN_GET_VCPUS",
            DomainGetVcpusArgs.class, DomainGetVcpusRet.class, Priority.HIGH, false);

    public static final Procedure<DomainGetMaxVcpusArgs, DomainGetMaxVcpusRet> DOMAIN_GET_MAX_VCPUS = RemoteProgram.declare(18, "DOMAIN_GET_MAX_VCPUS",
            DomainGetMaxVcpusArgs.class, DomainGetMaxVcpusRet.class, Priority.HIGH, false);

    public static final Procedure<DomainIsActiveArgs, DomainIsActiveRet> DOMAIN_IS_ACTIVE = RemoteProgram.declare(150, "DOMAIN_IS_ACTIVE",
            DomainIsActiveArgs.class, DomainIsActiveRet.class, Priority.HIGH, false);

    public static final Procedure<DomainIsPersistentArgs, DomainIsPersistentRet> DOMAIN_IS_PERSISTENT = RemoteProgram.declare(151, "DOMAIN_IS_PERSISTENT",
            DomainIsPersistentArgs.class, DomainIsPersistentRet.class, Priority.HIGH, false);

    public static final Procedure<DomainGetOsTypeArgs, DomainGetOsTypeRet> DOMAIN_GET_OS_TYPE = RemoteProgram.declare(19, "DOMAIN_GET_OS_TYPE",
            DomainGetOsTypeArgs.class, DomainGetOsTypeRet.class, Priority.HIGH, false);

    public static final Procedure<DomainHasManagedSaveImageArgs, DomainHasManagedSaveImageRet> DOMAIN_HAS_MANAGED_SAVE_IMAGE = RemoteProgram.declare(183, "DOMAIN_HAS_MANAGED_SAVE_IMAGE",
            DomainHasManagedSaveImageArgs.class, DomainHasManagedSaveImageRet.class, Priority.NORMAL, true);

    public static final Procedure<DomainGetSecurityLabelArgs, DomainGetSecurityLabelRet> DOMAIN_GET_SECURITY_LABEL = RemoteProgram.declare(121, "DOMAIN_GET_SECURITY_LABEL",
            DomainGetSecurityLabelArgs.class, DomainGetSecurityLabelRet.class, Priority.NORMAL, false);

    public static final Procedure<DomainSnapshotNumArgs, DomainSnapshotNumRet> DOMAIN_SNAPSHOT_NUM = RemoteProgram.declare(187, "DOMAIN_SNAPSHOT_NUM",
            DomainSnapshotNumArgs.class, DomainSnapshotNumRet.class, Priority.NORMAL, false);

    public static final Procedure<DomainGetMessagesArgs, DomainGetMessagesRet> DOMAIN_GET_MESSAGES = RemoteProgram.declare(426, "DOMAIN_GET_MESSAGES",
            DomainGetMessagesArgs.class, DomainGetMessagesRet.class, Priority.NORMAL, false);
}
