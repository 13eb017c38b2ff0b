package io.jvirt.rpc.remote;

import java.util.List;
import java.util.UUID;

import io.jvirt.rpc.remote.Procedure.Priority;
import io.jvirt.rpc.remote.RemoteTypes.*;
import io.jvirt.rpc.xdr.Xdr.Chars;
import io.jvirt.rpc.xdr.Xdr.Max;
import io.jvirt.rpc.xdr.Xdr.Opt;
import io.jvirt.rpc.xdr.Xdr.VarChars;

/** REMOTE program procedures: nwfilter. One declaration each; the structs as records. */
public final class NWFilterProcedures {
    private NWFilterProcedures() {
    }

    /** {@code remote_connect_list_all_nwfilters_args}. */
    public record ConnectListAllNwfiltersArgs(int needResults, int flags) {
    }

    /** {@code remote_connect_list_all_nwfilters_ret}. */
    public record ConnectListAllNwfiltersRet(@Max(16384) List<RemoteNWFilter> filters, int ret) {
    }

    /** {@code remote_nwfilter_define_xml_args}. */
    public record NwfilterDefineXmlArgs(String xml) {
    }

    /** {@code remote_nwfilter_define_xml_ret}. */
    public record NwfilterDefineXmlRet(RemoteNWFilter nwfilter) {
    }

    /** {@code remote_nwfilter_lookup_by_name_args}. */
    public record NwfilterLookupByNameArgs(String name) {
    }

    /** {@code remote_nwfilter_lookup_by_name_ret}. */
    public record NwfilterLookupByNameRet(RemoteNWFilter nwfilter) {
    }

    /** {@code remote_nwfilter_lookup_by_uuid_args}. */
    public record NwfilterLookupByUuidArgs(UUID uuid) {
    }

    /** {@code remote_nwfilter_lookup_by_uuid_ret}. */
    public record NwfilterLookupByUuidRet(RemoteNWFilter nwfilter) {
    }

    /** {@code remote_nwfilter_get_xml_desc_args}. */
    public record NwfilterGetXmlDescArgs(RemoteNWFilter nwfilter, int flags) {
    }

    /** {@code remote_nwfilter_get_xml_desc_ret}. */
    public record NwfilterGetXmlDescRet(String xml) {
    }

    /** {@code remote_nwfilter_undefine_args}. */
    public record NwfilterUndefineArgs(RemoteNWFilter nwfilter) {
    }

    public static final Procedure<ConnectListAllNwfiltersArgs, ConnectListAllNwfiltersRet> CONNECT_LIST_ALL_NWFILTERS = RemoteProgram.declare(286, "CONNECT_LIST_ALL_NWFILTERS",
            ConnectListAllNwfiltersArgs.class, ConnectListAllNwfiltersRet.class, Priority.HIGH, false);

    public static final Procedure<NwfilterDefineXmlArgs, NwfilterDefineXmlRet> NWFILTER_DEFINE_XML = RemoteProgram.declare(180, "NWFILTER_DEFINE_XML",
            NwfilterDefineXmlArgs.class, NwfilterDefineXmlRet.class, Priority.HIGH, true);

    public static final Procedure<NwfilterLookupByNameArgs, NwfilterLookupByNameRet> NWFILTER_LOOKUP_BY_NAME = RemoteProgram.declare(175, "NWFILTER_LOOKUP_BY_NAME",
            NwfilterLookupByNameArgs.class, NwfilterLookupByNameRet.class, Priority.HIGH, false);

    public static final Procedure<NwfilterLookupByUuidArgs, NwfilterLookupByUuidRet> NWFILTER_LOOKUP_BY_UUID = RemoteProgram.declare(176, "NWFILTER_LOOKUP_BY_UUID",
            NwfilterLookupByUuidArgs.class, NwfilterLookupByUuidRet.class, Priority.HIGH, false);

    public static final Procedure<NwfilterGetXmlDescArgs, NwfilterGetXmlDescRet> NWFILTER_GET_XML_DESC = RemoteProgram.declare(177, "NWFILTER_GET_XML_DESC",
            NwfilterGetXmlDescArgs.class, NwfilterGetXmlDescRet.class, Priority.HIGH, false);

    public static final Procedure<NwfilterUndefineArgs, Void> NWFILTER_UNDEFINE = RemoteProgram.declare(181, "NWFILTER_UNDEFINE",
            NwfilterUndefineArgs.class, null, Priority.HIGH, true);
}
