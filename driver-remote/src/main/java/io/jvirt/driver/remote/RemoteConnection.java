package io.jvirt.driver.remote;

import static io.jvirt.rpc.remote.ConnectProcedures.*;
import static io.jvirt.rpc.remote.EventProcedures.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.jvirt.api.CloseReason;
import io.jvirt.api.DomainEvent;
import io.jvirt.api.DomainLifecycle;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.NetworkLifecycle;
import io.jvirt.api.SecretLifecycle;
import io.jvirt.api.OpenFlag;
import io.jvirt.api.VirtException;
import io.jvirt.driver.remote.rpc.RpcClient;
import io.jvirt.driver.remote.transport.Conduit;
import io.jvirt.driver.remote.transport.Connector;
import io.jvirt.rpc.packet.Packet;
import io.jvirt.rpc.remote.ConnectProcedures.AuthListRet;
import io.jvirt.rpc.remote.ConnectProcedures.ConnectOpenArgs;
import io.jvirt.rpc.remote.ConnectProcedures.ConnectSupportsFeatureArgs;
import io.jvirt.rpc.remote.EventProcedures.ConnectDomainEventCallbackDeregisterAnyArgs;
import io.jvirt.rpc.remote.EventProcedures.ConnectDomainEventCallbackRegisterAnyArgs;
import io.jvirt.rpc.remote.EventProcedures.ConnectEventConnectionClosedMsg;
import io.jvirt.rpc.remote.EventProcedures.ConnectNetworkEventDeregisterAnyArgs;
import io.jvirt.rpc.remote.EventProcedures.ConnectNetworkEventRegisterAnyArgs;
import io.jvirt.rpc.remote.EventProcedures.DomainEventCallbackLifecycleMsg;
import io.jvirt.rpc.remote.EventProcedures.DomainEventCallbackRebootMsg;
import io.jvirt.rpc.remote.EventProcedures.DomainEventCallbackMetadataChangeMsg;
import io.jvirt.rpc.remote.EventProcedures.NetworkEventLifecycleMsg;
import io.jvirt.rpc.remote.EventProcedures.ConnectSecretEventDeregisterAnyArgs;
import io.jvirt.rpc.remote.EventProcedures.ConnectSecretEventRegisterAnyArgs;
import io.jvirt.rpc.remote.EventProcedures.SecretEventLifecycleMsg;
import io.jvirt.rpc.remote.EventProcedures.SecretEventValueChangedMsg;
import io.jvirt.rpc.remote.Procedure;
import io.jvirt.rpc.remote.RemoteProgram;
import io.jvirt.rpc.remote.RemoteTypes.RemoteDomain;
import io.jvirt.rpc.remote.RemoteTypes.RemoteNetwork;
import io.jvirt.rpc.remote.RemoteTypes.RemoteSecret;
import io.jvirt.spi.CloseSink;
import io.jvirt.spi.DomainEventSink;
import io.jvirt.spi.DomainRef;
import io.jvirt.spi.NetworkEventSink;
import io.jvirt.spi.NetworkRef;
import io.jvirt.spi.SecretEventSink;
import io.jvirt.spi.SecretRef;

/**
 * The session machinery of one remote connection: the handshake virsh does, the RPC client (one,
 * replaced only by an opt-in reconnect), event callbacks by the server's callback IDs, the close
 * sink. The driver methods are in {@link RemoteDrivers}, on top of {@link #call}.
 */
abstract class RemoteConnection {
    private static final Logger LOG = Logger.getLogger(RemoteConnection.class.getName());

    /** libvirt's {@code VIR_DRV_FEATURE_*} numbers the handshake asks about. */
    static final int FEATURE_PROGRAM_KEEPALIVE = 10;
    static final int FEATURE_REMOTE_EVENT_CALLBACK = 14;
    static final int FEATURE_REMOTE_CLOSE_CALLBACK = 15;
    /** How long a call waits for an automatic reconnect before it fails. */

    private static final ScheduledExecutorService TIMER = timer();
    private static final AtomicInteger IDS = new AtomicInteger();

    final RemoteUri spec;

    private final RemoteSettings settings;
    private final int openFlags;
    private final ExecutorService events;
    private final Object regLock = new Object();
    private final Map<Integer, Registration> registrations = new ConcurrentHashMap<>();
    private final Map<Integer, Registration> byRemoteId = new ConcurrentHashMap<>();
    private final AtomicInteger localIds = new AtomicInteger();
    private final Object sessionMonitor = new Object();
    private volatile RpcClient client;
    private volatile boolean eventCallbacks;
    private volatile boolean closeCallbacks;
    private volatile boolean userClosed;
    private volatile boolean reconnecting;
    private volatile CloseSink closeSink;

    /** Which registration and message procedures an event registration uses. */
    enum EventKind {
        DOMAIN, NETWORK, SECRET
    }

    /** One event registration; its server-side ID changes when the connection is remade. */
    private static final class Registration {
        final int localId;
        final EventKind kind;
        final int eventId;
        final DomainRef domain;
        final NetworkRef network;
        final SecretRef secret;
        final DomainEventSink domainSink;
        final NetworkEventSink networkSink;
        final SecretEventSink secretSink;
        volatile int remoteId;

        private Registration(int localId, EventKind kind, int eventId, DomainRef domain, NetworkRef network,
                SecretRef secret, DomainEventSink domainSink, NetworkEventSink networkSink, SecretEventSink secretSink) {
            this.localId = localId;
            this.kind = kind;
            this.eventId = eventId;
            this.domain = domain;
            this.network = network;
            this.secret = secret;
            this.domainSink = domainSink;
            this.networkSink = networkSink;
            this.secretSink = secretSink;
        }

        static Registration domain(int localId, int eventId, DomainRef domain, DomainEventSink sink) {
            return new Registration(localId, EventKind.DOMAIN, eventId, domain, null, null, sink, null, null);
        }

        static Registration network(int localId, int eventId, NetworkRef network, NetworkEventSink sink) {
            return new Registration(localId, EventKind.NETWORK, eventId, null, network, null, null, sink, null);
        }

        static Registration secret(int localId, int eventId, SecretRef secret, SecretEventSink sink) {
            return new Registration(localId, EventKind.SECRET, eventId, null, null, secret, null, null, sink);
        }
    }

    RemoteConnection(RemoteUri spec, int openFlags, RemoteSettings settings) {
        this.spec = spec;
        this.settings = settings;
        this.openFlags = openFlags;
        int id = IDS.incrementAndGet();
        this.events = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jvirt-remote-events-" + id);
            t.setDaemon(true);
            return t;
        });
    }

    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "jvirt-remote-keepalive");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    /** Connects and shakes hands; the connection is usable when this returns. */
    void start() {
        client = newSession();
    }

    // ------------------------------------------------------------------ session

    private RpcClient newSession() {
        Conduit conduit = Connector.connect(spec.target(), settings.connectTimeoutMs());
        RpcClient rc = new RpcClient(conduit, new Listener(), spec.target().describe());
        try {
            handshake(rc);
            return rc;
        } catch (RuntimeException e) {
            rc.close();
            throw e;
        }
    }

    /**
     * What virsh does after connecting: AUTH_LIST (only "none" here), keepalive support,
     * CONNECT_OPEN with the formatted name, the event and close callback features, and the close
     * callback registration.
     */
    private void handshake(RpcClient rc) {
        AuthListRet auth = rc.call(AUTH_LIST, null);
        List<Integer> types = auth.types();
        if (!types.isEmpty() && !types.contains(0)) {
            List<String> names = new ArrayList<>();
            for (int t : types) {
                names.add(switch (t) {
                    case 1 -> "sasl";
                    case 2 -> "polkit";
                    default -> "type " + t;
                });
            }
            throw new VirtException(ErrorCode.AUTH_UNAVAILABLE, ErrorDomain.REMOTE,
                    "authentication unavailable: the server requires " + String.join(", ", names)
                            + "; jvirt's remote driver supports only 'none'");
        }
        boolean keepalive = supports(rc, FEATURE_PROGRAM_KEEPALIVE);
        rc.call(CONNECT_OPEN, new ConnectOpenArgs(spec.name(), openFlags & OpenFlag.READONLY.bit()));
        eventCallbacks = supports(rc, FEATURE_REMOTE_EVENT_CALLBACK);
        closeCallbacks = supports(rc, FEATURE_REMOTE_CLOSE_CALLBACK);
        if (closeCallbacks) {
            rc.call(CONNECT_REGISTER_CLOSE_CALLBACK, null);
        }
        if (keepalive && spec.keepaliveInterval() > 0) {
            rc.startKeepalive(TIMER, spec.keepaliveInterval(), spec.keepaliveCount());
        }
    }

    private static boolean supports(RpcClient rc, int feature) {
        return rc.call(CONNECT_SUPPORTS_FEATURE, new ConnectSupportsFeatureArgs(feature)).supported() != 0;
    }

    /** The client to call on: the current one, or, while an automatic reconnect runs, the next one. */
    private RpcClient current() {
        RpcClient c = client;
        if (c.isOpen() || !spec.reconnect() || userClosed) {
            return c;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.reconnectWaitMs());
        synchronized (sessionMonitor) {
            while (client == c && !userClosed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(sessionMonitor, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return client;
        }
    }

    <A, R> R call(Procedure<A, R> proc, A args) {
        return current().call(proc, args);
    }

    /** Calls a procedure that opens a stream and binds the stream to the caller's. */
    <A, R> R callStream(Procedure<A, R> proc, A args, io.jvirt.spi.StreamRef stream) {
        RpcClient.Opened<R> opened = current().callStream(proc, args);
        stream.bind(opened.stream());
        return opened.reply();
    }

    boolean isAlive() {
        return !userClosed && (client.isOpen() || (spec.reconnect() && reconnecting));
    }

    boolean transportEncrypted() {
        return client.conduit().encrypted();
    }

    boolean transportSecure() {
        return client.conduit().secure();
    }

    void setCloseSink(CloseSink sink) {
        this.closeSink = sink;
    }

    void close() {
        userClosed = true;
        RpcClient c = client;
        try {
            if (c.isOpen()) {
                if (closeCallbacks) {
                    c.call(CONNECT_UNREGISTER_CLOSE_CALLBACK, null);
                }
                c.call(CONNECT_CLOSE, null);
            }
        } catch (VirtException e) {
            LOG.log(Level.FINE, "closing " + spec.target().describe(), e);
        } finally {
            c.close();
            events.shutdown();
            synchronized (sessionMonitor) {
                sessionMonitor.notifyAll();
            }
        }
    }

    /** Reader-thread callbacks: events go to the connection's event thread, in order. */
    private final class Listener implements RpcClient.Listener {
        @Override
        public void message(Packet p) {
            if (p.header().program() != RemoteProgram.PROGRAM) {
                return;
            }
            int proc = p.header().procedure();
            if (proc == DOMAIN_EVENT_CALLBACK_LIFECYCLE.number()) {
                DomainEventCallbackLifecycleMsg m = p.body(DOMAIN_EVENT_CALLBACK_LIFECYCLE.args());
                DomainLifecycle type = DomainLifecycle.fromValue(m.msg().event());
                if (type != null) {
                    deliverDomain(m.callbackID(), m.msg().dom(), new DomainEvent.Lifecycle(type, m.msg().detail()));
                }
            } else if (proc == DOMAIN_EVENT_CALLBACK_REBOOT.number()) {
                DomainEventCallbackRebootMsg m = p.body(DOMAIN_EVENT_CALLBACK_REBOOT.args());
                deliverDomain(m.callbackID(), m.msg().dom(), new DomainEvent.Reboot());
            } else if (proc == DOMAIN_EVENT_CALLBACK_METADATA_CHANGE.number()) {
                DomainEventCallbackMetadataChangeMsg m = p.body(DOMAIN_EVENT_CALLBACK_METADATA_CHANGE.args());
                deliverDomain(m.callbackID(), m.dom(), new DomainEvent.MetadataChange(m.type(), m.nsuri()));
            } else if (proc == NETWORK_EVENT_LIFECYCLE.number()) {
                NetworkEventLifecycleMsg m = p.body(NETWORK_EVENT_LIFECYCLE.args());
                NetworkLifecycle type = NetworkLifecycle.fromValue(m.event());
                if (type != null) {
                    events.execute(() -> {
                        Registration r = lookup(m.callbackID());
                        if (r != null && r.kind == EventKind.NETWORK) {
                            r.networkSink.emit(m.net().ref(), type, m.detail());
                        }
                    });
                }
            } else if (proc == SECRET_EVENT_LIFECYCLE.number()) {
                SecretEventLifecycleMsg m = p.body(SECRET_EVENT_LIFECYCLE.args());
                SecretLifecycle type = SecretLifecycle.fromValue(m.event());
                if (type != null) {
                    deliverSecret(m.callbackID(), sink -> sink.lifecycle(m.secret().ref(), type, m.detail()));
                }
            } else if (proc == SECRET_EVENT_VALUE_CHANGED.number()) {
                SecretEventValueChangedMsg m = p.body(SECRET_EVENT_VALUE_CHANGED.args());
                deliverSecret(m.callbackID(), sink -> sink.valueChanged(m.secret().ref()));
            } else if (proc == CONNECT_EVENT_CONNECTION_CLOSED.number()) {
                ConnectEventConnectionClosedMsg m = p.body(CONNECT_EVENT_CONNECTION_CLOSED.args());
                CloseReason[] all = CloseReason.values();
                notifyClosed(m.reason() >= 0 && m.reason() < all.length ? all[m.reason()] : CloseReason.ERROR);
            }
        }

        @Override
        public void closed(CloseReason reason, String why) {
            if (userClosed) {
                return;
            }
            if (spec.reconnect()) {
                LOG.info("connection to " + spec.target().describe() + " lost (" + reason + ": " + why
                        + "); reconnecting");
                startReconnect();
            } else {
                notifyClosed(reason);
            }
        }
    }

    private void deliverDomain(int remoteId, RemoteDomain dom, DomainEvent event) {
        events.execute(() -> {
            Registration r = lookup(remoteId);
            if (r != null && r.kind == EventKind.DOMAIN) {
                r.domainSink.emit(dom.ref(), event);
            }
        });
    }

    private void deliverSecret(int remoteId, java.util.function.Consumer<SecretEventSink> event) {
        events.execute(() -> {
            Registration r = lookup(remoteId);
            if (r != null && r.kind == EventKind.SECRET) {
                event.accept(r.secretSink);
            }
        });
    }

    private Registration lookup(int remoteId) {
        synchronized (regLock) {
            return byRemoteId.get(remoteId);
        }
    }

    private void notifyClosed(CloseReason reason) {
        CloseSink sink = closeSink;
        if (sink != null && !events.isShutdown()) {
            events.execute(() -> sink.closed(reason));
        }
    }

    // ------------------------------------------------------------------ reconnect (jvirt extension)

    private synchronized void startReconnect() {
        if (reconnecting || userClosed) {
            return;
        }
        reconnecting = true;
        Thread t = new Thread(this::reconnectLoop, "jvirt-remote-reconnect " + spec.target().describe());
        t.setDaemon(true);
        t.start();
    }

    /** Backoff from 100 ms doubling to 5 s; the new session gets every event registration again. */
    private void reconnectLoop() {
        long delay = 100;
        try {
            while (!userClosed) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    return;
                }
                delay = Math.min(delay * 2, 5000);
                RpcClient rc;
                try {
                    rc = newSession();
                } catch (VirtException e) {
                    LOG.log(Level.FINE, "reconnect to " + spec.target().describe() + " failed: " + e.getMessage());
                    continue;
                }
                try {
                    synchronized (regLock) {
                        byRemoteId.clear();
                        for (Registration r : registrations.values()) {
                            r.remoteId = registerOn(rc, r);
                            byRemoteId.put(r.remoteId, r);
                        }
                    }
                } catch (VirtException e) {
                    LOG.log(Level.FINE, "re-registering events failed: " + e.getMessage());
                    rc.close();
                    continue;
                }
                synchronized (sessionMonitor) {
                    if (userClosed) {
                        rc.close();
                        return;
                    }
                    client = rc;
                    sessionMonitor.notifyAll();
                }
                LOG.info("reconnected to " + spec.target().describe());
                return;
            }
        } finally {
            reconnecting = false;
        }
    }

    // ------------------------------------------------------------------ events

    private int registerOn(RpcClient rc, Registration r) {
        return switch (r.kind) {
            case DOMAIN -> rc.call(CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, new ConnectDomainEventCallbackRegisterAnyArgs(
                    r.eventId, r.domain == null ? null : RemoteDomain.of(r.domain))).callbackID();
            case NETWORK -> rc.call(CONNECT_NETWORK_EVENT_REGISTER_ANY, new ConnectNetworkEventRegisterAnyArgs(r.eventId,
                    r.network == null ? null : RemoteNetwork.of(r.network))).callbackID();
            case SECRET -> rc.call(CONNECT_SECRET_EVENT_REGISTER_ANY, new ConnectSecretEventRegisterAnyArgs(r.eventId,
                    r.secret == null ? null : RemoteSecret.of(r.secret))).callbackID();
        };
    }

    private int register(Registration r) {
        if (!eventCallbacks) {
            throw new VirtException(ErrorCode.NO_SUPPORT, ErrorDomain.REMOTE,
                    "this function is not supported by the connection driver: the server has no event callbacks "
                            + "(VIR_DRV_FEATURE_REMOTE_EVENT_CALLBACK)");
        }
        synchronized (regLock) {
            r.remoteId = registerOn(current(), r);
            registrations.put(r.localId, r);
            byRemoteId.put(r.remoteId, r);
        }
        return r.localId;
    }

    int domainEventRegister(DomainRef domain, int eventId, DomainEventSink sink) {
        if (eventId != 0 && eventId != 1) {
            throw new VirtException(ErrorCode.NO_SUPPORT, ErrorDomain.REMOTE,
                    "this function is not supported by the connection driver: domain event ID " + eventId
                            + " (jvirt's remote driver delivers lifecycle and reboot events)");
        }
        return register(Registration.domain(localIds.incrementAndGet(), eventId, domain, sink));
    }

    int networkEventRegister(NetworkRef network, int eventId, NetworkEventSink sink) {
        if (eventId != 0) {
            throw new VirtException(ErrorCode.NO_SUPPORT, ErrorDomain.REMOTE,
                    "this function is not supported by the connection driver: network event ID " + eventId);
        }
        return register(Registration.network(localIds.incrementAndGet(), eventId, network, sink));
    }

    /** Secret events: the server checks the event ID (libvirtd: "unsupported secret event ID"). */
    int secretEventRegister(SecretRef secret, int eventId, SecretEventSink sink) {
        return register(Registration.secret(localIds.incrementAndGet(), eventId, secret, sink));
    }

    void eventDeregister(int localId, EventKind kind) {
        Registration r;
        synchronized (regLock) {
            r = registrations.get(localId);
            if (r == null || r.kind != kind) {
                throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.REMOTE,
                        "invalid argument: callback ID " + localId + " is not registered");
            }
            registrations.remove(localId);
            byRemoteId.remove(r.remoteId);
        }
        switch (kind) {
            case DOMAIN -> call(CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY,
                    new ConnectDomainEventCallbackDeregisterAnyArgs(r.remoteId));
            case NETWORK -> call(CONNECT_NETWORK_EVENT_DEREGISTER_ANY, new ConnectNetworkEventDeregisterAnyArgs(r.remoteId));
            case SECRET -> call(CONNECT_SECRET_EVENT_DEREGISTER_ANY, new ConnectSecretEventDeregisterAnyArgs(r.remoteId));
        }
    }

    Optional<String> describe() {
        return Optional.of(spec.target().describe());
    }
}
