package io.jvirt.daemon.remote;

import static io.jvirt.rpc.remote.EventProcedures.*;

import io.jvirt.api.Connect;
import io.jvirt.api.DomainEvent;
import io.jvirt.api.DomainEventId;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.daemon.client.Client;
import io.jvirt.daemon.dispatch.Dispatcher;
import io.jvirt.rpc.packet.Header;
import io.jvirt.rpc.packet.MessageStatus;
import io.jvirt.rpc.packet.MessageType;
import io.jvirt.rpc.remote.RemoteProgram;
import io.jvirt.rpc.remote.RemoteTypes.RemoteNetwork;

/**
 * Event registration procedures and the event messages they cause. The callback ID a client gets
 * is the one the client's {@link Connect} gave, so deregistration maps straight back.
 */
public final class EventHandlers {
    /** libvirtd's event messages carry serial 1 (see shared/protocol/traces/virsh-event-loop.trace). */
    private static final int EVENT_SERIAL = 1;

    private EventHandlers() {
    }

    private static Header message(int proc) {
        return new Header(RemoteProgram.PROGRAM, RemoteProgram.VERSION, proc, MessageType.MESSAGE, EVENT_SERIAL,
                MessageStatus.OK);
    }

    public static void register(Dispatcher d) {
        d.on(CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, (c, a) -> {
            DomainEventId id = DomainEventId.fromValue(a.eventID());
            if (id == null) {
                throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.RPC,
                        "invalid argument: unsupported event ID " + a.eventID());
            }
            int[] callbackId = new int[1];
            callbackId[0] = c.connect().domainEventRegisterAny(
                    a.dom() == null ? null : DomainHandlers.dom(c, a.dom()), id,
                    (dom, event) -> deliver(c, callbackId[0], event, DomainHandlers.remote(dom)));
            return new ConnectDomainEventCallbackRegisterAnyRet(callbackId[0]);
        });
        d.on(CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, (c, a) -> {
            c.connect().domainEventDeregisterAny(a.callbackID());
            return null;
        });
        d.on(CONNECT_NETWORK_EVENT_REGISTER_ANY, (c, a) -> {
            if (a.eventID() != 0) {
                throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.RPC,
                        "invalid argument: unsupported network event ID " + a.eventID());
            }
            int[] callbackId = new int[1];
            callbackId[0] = c.connect().networkEventRegisterAny(
                    a.net() == null ? null : NetworkHandlers.net(c, a.net()),
                    (net, type, detail) -> c.send(message(NETWORK_EVENT_LIFECYCLE.number()),
                            NETWORK_EVENT_LIFECYCLE.args(), new NetworkEventLifecycleMsg(callbackId[0],
                                    new RemoteNetwork(net.getName(), net.getUUID()), type.value(), detail)));
            return new ConnectNetworkEventRegisterAnyRet(callbackId[0]);
        });
        d.on(CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY, (c, a) -> {
            int[] callbackId = new int[1];
            callbackId[0] = c.connect().storagePoolEventRegisterAny(
                    a.pool() == null ? null : StorageHandlers.pool(c, a.pool()), a.eventID(),
                    new io.jvirt.api.StoragePoolEventCallback() {
                        @Override
                        public void onLifecycle(io.jvirt.api.StoragePool pool, int event, int detail) {
                            c.send(message(STORAGE_POOL_EVENT_LIFECYCLE.number()), STORAGE_POOL_EVENT_LIFECYCLE.args(),
                                    new StoragePoolEventLifecycleMsg(callbackId[0], StorageHandlers.remote(pool), event,
                                            detail));
                        }

                        @Override
                        public void onRefresh(io.jvirt.api.StoragePool pool) {
                            c.send(message(STORAGE_POOL_EVENT_REFRESH.number()), STORAGE_POOL_EVENT_REFRESH.args(),
                                    new StoragePoolEventRefreshMsg(callbackId[0], StorageHandlers.remote(pool)));
                        }
                    });
            return new ConnectStoragePoolEventRegisterAnyRet(callbackId[0]);
        });
        d.on(CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY, (c, a) -> {
            c.connect().storagePoolEventDeregisterAny(a.callbackID());
            return null;
        });
        d.on(CONNECT_NODE_DEVICE_EVENT_REGISTER_ANY, (c, a) -> {
            if (a.eventID() != 0) {
                throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.RPC,
                        "invalid argument: unsupported node device event ID " + a.eventID());
            }
            int[] callbackId = new int[1];
            callbackId[0] = c.connect().nodeDeviceEventRegisterAny(
                    a.dev() == null ? null : c.connect().nodeDevice(a.dev().name()),
                    (dev, event, detail) -> c.send(message(NODE_DEVICE_EVENT_LIFECYCLE.number()),
                            NODE_DEVICE_EVENT_LIFECYCLE.args(), new NodeDeviceEventLifecycleMsg(callbackId[0],
                                    new io.jvirt.rpc.remote.RemoteTypes.RemoteNodeDevice(dev.getName()), event, detail)));
            return new ConnectNodeDeviceEventRegisterAnyRet(callbackId[0]);
        });
        d.on(CONNECT_NODE_DEVICE_EVENT_DEREGISTER_ANY, (c, a) -> {
            c.connect().nodeDeviceEventDeregisterAny(a.callbackID());
            return null;
        });
        d.on(CONNECT_SECRET_EVENT_REGISTER_ANY, (c, a) -> {
            io.jvirt.api.Secret filter = a.secret() == null ? null : SecretHandlers.secret(c, a.secret());
            io.jvirt.api.SecretEventId id = io.jvirt.api.SecretEventId.fromValue(a.eventID());
            if (id == null) {
                throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC,
                        "internal error: unsupported secret event ID " + a.eventID());
            }
            int[] callbackId = new int[1];
            callbackId[0] = c.connect().secretEventRegisterAny(filter, id, new io.jvirt.api.SecretEventCallback() {
                @Override
                public void onLifecycle(io.jvirt.api.Secret secret, io.jvirt.api.SecretLifecycle type, int detail) {
                    c.send(message(SECRET_EVENT_LIFECYCLE.number()), SECRET_EVENT_LIFECYCLE.args(),
                            new SecretEventLifecycleMsg(callbackId[0], SecretHandlers.remote(secret), type.value(),
                                    detail));
                }

                @Override
                public void onValueChanged(io.jvirt.api.Secret secret) {
                    c.send(message(SECRET_EVENT_VALUE_CHANGED.number()), SECRET_EVENT_VALUE_CHANGED.args(),
                            new SecretEventValueChangedMsg(callbackId[0], SecretHandlers.remote(secret)));
                }
            });
            return new ConnectSecretEventRegisterAnyRet(callbackId[0]);
        });
        d.on(CONNECT_SECRET_EVENT_DEREGISTER_ANY, (c, a) -> {
            c.connect().secretEventDeregisterAny(a.callbackID());
            return null;
        });
        d.on(CONNECT_NETWORK_EVENT_DEREGISTER_ANY, (c, a) -> {
            c.connect().networkEventDeregisterAny(a.callbackID());
            return null;
        });
    }

    /** Sends the message of one event to the client; event kinds without a message yet are dropped. */
    private static void deliver(Client c, int callbackId, DomainEvent event,
            io.jvirt.rpc.remote.RemoteTypes.RemoteDomain dom) {
        if (event instanceof DomainEvent.Lifecycle l) {
            c.send(message(DOMAIN_EVENT_CALLBACK_LIFECYCLE.number()), DOMAIN_EVENT_CALLBACK_LIFECYCLE.args(),
                    new DomainEventCallbackLifecycleMsg(callbackId,
                            new DomainEventLifecycleMsg(dom, l.type().value(), l.detail())));
        } else if (event instanceof DomainEvent.Reboot) {
            c.send(message(DOMAIN_EVENT_CALLBACK_REBOOT.number()), DOMAIN_EVENT_CALLBACK_REBOOT.args(),
                    new DomainEventCallbackRebootMsg(callbackId, new DomainEventRebootMsg(dom)));
        } else if (event instanceof DomainEvent.MetadataChange m) {
            c.send(message(DOMAIN_EVENT_CALLBACK_METADATA_CHANGE.number()), DOMAIN_EVENT_CALLBACK_METADATA_CHANGE.args(),
                    new DomainEventCallbackMetadataChangeMsg(callbackId, dom, m.type(), m.nsuri()));
        }
    }
}
