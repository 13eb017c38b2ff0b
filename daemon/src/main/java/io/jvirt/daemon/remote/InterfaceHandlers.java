package io.jvirt.daemon.remote;

import static io.jvirt.rpc.remote.InterfaceProcedures.*;

import java.util.List;

import io.jvirt.api.Interface;
import io.jvirt.daemon.client.Client;
import io.jvirt.daemon.dispatch.Dispatcher;
import io.jvirt.rpc.remote.RemoteTypes.RemoteInterface;

/** The host interface procedures. */
public final class InterfaceHandlers {
    private InterfaceHandlers() {
    }

    static Interface iface(Client c, RemoteInterface i) {
        return c.connect().interfaceHandle(i.name(), i.mac());
    }

    static RemoteInterface remote(Interface i) {
        return new RemoteInterface(i.getName(), i.getMACString());
    }

    public static void register(Dispatcher d) {
        d.on(CONNECT_LIST_ALL_INTERFACES, (c, a) -> {
            Flags.none(a.flags() & ~3, "virConnectListAllInterfaces");
            List<Interface> all = c.connect().listAllInterfaces(a.flags());
            return new ConnectListAllInterfacesRet(
                    a.needResults() != 0 ? all.stream().map(InterfaceHandlers::remote).toList() : List.of(), all.size());
        });
        d.on(CONNECT_NUM_OF_INTERFACES, Legacy.as("virConnectNumOfInterfaces", (c, a) -> new ConnectNumOfInterfacesRet(c.connect().listAllInterfaces(2).size())));
        d.on(CONNECT_NUM_OF_DEFINED_INTERFACES, Legacy.as("virConnectNumOfDefinedInterfaces",
                (c, a) -> new ConnectNumOfDefinedInterfacesRet(c.connect().listAllInterfaces(1).size())));
        d.on(CONNECT_LIST_INTERFACES, Legacy.as("virConnectListInterfaces", (c, a) -> new ConnectListInterfacesRet(c.connect().listAllInterfaces(2).stream()
                .map(Interface::getName).limit(Math.max(0, a.maxnames())).toList())));
        d.on(CONNECT_LIST_DEFINED_INTERFACES, Legacy.as("virConnectListDefinedInterfaces", (c, a) -> new ConnectListDefinedInterfacesRet(c.connect()
                .listAllInterfaces(1).stream().map(Interface::getName).limit(Math.max(0, a.maxnames())).toList())));
        d.on(INTERFACE_LOOKUP_BY_NAME,
                (c, a) -> new InterfaceLookupByNameRet(remote(c.connect().interfaceLookupByName(a.name()))));
        d.on(INTERFACE_LOOKUP_BY_MAC_STRING,
                (c, a) -> new InterfaceLookupByMacStringRet(remote(c.connect().interfaceLookupByMACString(a.mac()))));
        d.on(INTERFACE_GET_XML_DESC, (c, a) -> {
            Flags.none(a.flags() & ~1, "virInterfaceGetXMLDesc");
            return new InterfaceGetXmlDescRet(iface(c, a.iface()).getXMLDesc((a.flags() & 1) != 0));
        });
        d.on(INTERFACE_DEFINE_XML, (c, a) -> {
            Flags.none(a.flags() & ~1, "virInterfaceDefineXML"); // VALIDATE
            return new InterfaceDefineXmlRet(remote(c.connect().interfaceDefineXML(a.xml())));
        });
        d.on(INTERFACE_UNDEFINE, (c, a) -> {
            iface(c, a.iface()).undefine();
            return null;
        });
        d.on(INTERFACE_CREATE, (c, a) -> {
            Flags.none(a.flags(), "virInterfaceCreate");
            iface(c, a.iface()).create();
            return null;
        });
        d.on(INTERFACE_DESTROY, (c, a) -> {
            Flags.none(a.flags(), "virInterfaceDestroy");
            iface(c, a.iface()).destroy();
            return null;
        });
        d.on(INTERFACE_IS_ACTIVE, (c, a) -> new InterfaceIsActiveRet(Flags.bool(iface(c, a.iface()).isActive())));
        d.on(INTERFACE_CHANGE_BEGIN, (c, a) -> {
            Flags.none(a.flags(), "virInterfaceChangeBegin");
            c.connect().interfaceChangeBegin();
            return null;
        });
        d.on(INTERFACE_CHANGE_COMMIT, (c, a) -> {
            Flags.none(a.flags(), "virInterfaceChangeCommit");
            c.connect().interfaceChangeCommit();
            return null;
        });
        d.on(INTERFACE_CHANGE_ROLLBACK, (c, a) -> {
            Flags.none(a.flags(), "virInterfaceChangeRollback");
            c.connect().interfaceChangeRollback();
            return null;
        });
    }
}
