package io.jvirt.daemon.server;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.jvirt.api.Virt;
import io.jvirt.api.VirtException;
import io.jvirt.daemon.client.Client;
import io.jvirt.daemon.client.Transport;
import io.jvirt.daemon.dispatch.Dispatcher;
import io.jvirt.daemon.remote.CheckpointHandlers;
import io.jvirt.daemon.remote.ConnectHandlers;
import io.jvirt.daemon.remote.DomainHandlers;
import io.jvirt.daemon.remote.EventHandlers;
import io.jvirt.daemon.remote.InterfaceHandlers;
import io.jvirt.daemon.remote.SnapshotHandlers;
import io.jvirt.daemon.remote.NodeDeviceHandlers;
import io.jvirt.daemon.remote.NWFilterHandlers;
import io.jvirt.daemon.remote.QemuHandlers;
import io.jvirt.daemon.remote.SecretHandlers;
import io.jvirt.daemon.remote.NetworkHandlers;
import io.jvirt.daemon.remote.StorageHandlers;
import io.jvirt.rpc.packet.Header;
import io.jvirt.rpc.packet.Packet;
import io.jvirt.rpc.remote.KeepaliveProgram;

/**
 * The RPC server: accepted transports become clients, each with a reader thread that answers
 * keepalive itself and hands calls to the dispatcher. Plain Java, so it is tested without OSGi;
 * the {@code Jvirtd} component wires it to ConfigAdmin and the registry.
 */
public final class Server implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Server.class.getName());

    private volatile Limits limits;
    private final Dispatcher dispatcher;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    /** Guards the admission counts below (libvirtd's nclients and nclients_unauth). */
    private final Object admission = new Object();
    private int admitted;
    private int unauthenticated;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService keepalive;
    private ScheduledFuture<?> keepaliveTask;
    /**
     * Reader threads, one per client at a time. Pooled so that a thread whose client left (or
     * whose slow call was handed over) serves the next one: no thread start per connection or
     * handover, and the threads stay old objects for the GC.
     */
    private final ExecutorService readers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "jvirtd-reader");
        t.setDaemon(true);
        return t;
    });

    public Server(Virt virt, Limits limits) {
        this.limits = limits;
        this.dispatcher = new Dispatcher(limits.maxWorkers(), limits.prioWorkers(), this::startReader);
        ConnectHandlers.register(dispatcher, virt);
        DomainHandlers.register(dispatcher);
        SnapshotHandlers.register(dispatcher);
        CheckpointHandlers.register(dispatcher);
        InterfaceHandlers.register(dispatcher);
        NodeDeviceHandlers.register(dispatcher);
        NetworkHandlers.register(dispatcher);
        StorageHandlers.register(dispatcher);
        NWFilterHandlers.register(dispatcher);
        SecretHandlers.register(dispatcher);
        EventHandlers.register(dispatcher);
        QemuHandlers.register(dispatcher);
        this.keepalive = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jvirtd-keepalive");
            t.setDaemon(true);
            return t;
        });
        scheduleKeepalive(limits.keepaliveInterval());
    }

    private synchronized void scheduleKeepalive(int intervalSeconds) {
        if (keepaliveTask != null) {
            keepaliveTask.cancel(false);
            keepaliveTask = null;
        }
        if (intervalSeconds > 0) {
            keepaliveTask = keepalive.scheduleWithFixedDelay(this::checkKeepalive, intervalSeconds, intervalSeconds,
                    TimeUnit.SECONDS);
        }
    }

    /**
     * Applies changed limits without dropping anyone: worker pools and max_clients change at once,
     * keepalive is rescheduled, max_client_requests applies to clients that connect from now on.
     */
    public synchronized void applyLimits(Limits changed) {
        Limits old = limits;
        dispatcher.resize(changed.maxWorkers(), changed.prioWorkers());
        synchronized (admission) { // a raised max_clients admits waiting connections at once
            limits = changed;
            admission.notifyAll();
        }
        if (old.keepaliveInterval() != changed.keepaliveInterval()) {
            scheduleKeepalive(changed.keepaliveInterval());
        }
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public Limits limits() {
        return limits;
    }

    /** Starts accepting on a listener; its accept loop waits while max_clients are connected. */
    public void listen(Listener listener) {
        listeners.add(listener);
        listener.start(this);
    }

    /** Stops accepting on a listener; clients it accepted stay connected. */
    public void unlisten(Listener listener) {
        listeners.remove(listener);
        listener.close();
    }

    public List<Listener> listeners() {
        return List.copyOf(listeners);
    }

    /**
     * Blocks while no new client may be accepted, as libvirtd suspends its listening sockets
     * (virNetServerCheckLimits): when max_clients are connected, or when max_anonymous_clients (0:
     * no limit) of them have not finished authenticating. Connections wait in the socket's backlog
     * meanwhile and are accepted once a client leaves or authenticates. Reserves a client slot.
     */
    void awaitClientSlot() throws InterruptedException {
        synchronized (admission) {
            while (admitted >= Math.max(1, limits.maxClients())
                    || (limits.maxAnonymousClients() > 0 && unauthenticated >= limits.maxAnonymousClients())) {
                admission.wait();
            }
            admitted++;
        }
    }

    void releaseClientSlot() {
        synchronized (admission) {
            admitted--;
            admission.notifyAll();
        }
    }

    /**
     * A client finished authenticating (the auth procedures call this): it stops counting against
     * max_anonymous_clients, which may let a waiting connection in.
     */
    public void authenticated(Client client) {
        if (client.completeAuth()) {
            synchronized (admission) {
                unauthenticated--;
                admission.notifyAll();
            }
        }
    }

    /** Clients connected and not yet authenticated (libvirtd's nclients_unauth). */
    public int unauthenticatedCount() {
        synchronized (admission) {
            return unauthenticated;
        }
    }

    /**
     * Serves one accepted transport on its own thread. A client from a listener whose auth method
     * is none is authenticated on arrival (libvirt: the method implies it), so it never counts
     * against max_anonymous_clients.
     */
    void serve(Transport transport, boolean readOnly, Listener.Auth auth) {
        Client client = new Client(transport, readOnly, limits.maxClientRequests(), !auth.impliesAuthenticated());
        if (client.authPending()) {
            synchronized (admission) {
                unauthenticated++;
            }
        }
        clients.add(client);
        startReader(client);
    }

    /** Starts the thread that reads a client's calls (again, when its reader got stuck in a slow call). */
    private void startReader(Client client) {
        readers.execute(() -> {
            Thread self = Thread.currentThread();
            self.setName("jvirtd-client-" + client.id());
            try {
                readLoop(client);
            } finally {
                self.setName("jvirtd-reader");
            }
        });
    }

    private void readLoop(Client client) {
        boolean reader = true;
        try {
            for (;;) {
                Packet p = client.transport().read();
                if (p == null) {
                    break;
                }
                client.heard();
                Header h = p.header();
                // keepalive is a MESSAGE of its program's version 1; anything else of that number is
                // not a program libvirtd serves (a CALL of it gets "Cannot find program")
                if (h.program() == KeepaliveProgram.PROGRAM && h.version() == KeepaliveProgram.VERSION
                        && h.type() == io.jvirt.rpc.packet.MessageType.MESSAGE) {
                    if (h.procedure() == KeepaliveProgram.PING) {
                        client.write(Packet.encodeRaw(KeepaliveProgram.header(KeepaliveProgram.PONG), new byte[0]));
                    }
                    continue;
                }
                if (io.jvirt.rpc.stream.StreamFrames.isStreamPacket(p)) {
                    client.streams().incoming(p);
                    continue;
                }
                if (!dispatcher.dispatch(client, p)) {
                    reader = false; // a new reader took over while this thread ran a slow call
                    return;
                }
            }
        } catch (VirtException e) {
            LOG.log(Level.FINE, "dropping " + client + ": " + e.getMessage());
        } catch (IOException e) {
            LOG.log(Level.FINE, client + " went away: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (reader) {
                drop(client);
            }
        }
    }

    private void drop(Client client) {
        client.close();
        if (clients.remove(client)) {
            authenticated(client); // a client that leaves unauthenticated no longer counts either
            releaseClientSlot();
        }
    }

    /**
     * libvirt's keepalive from the server side: a client that asked for it gets a PING after
     * {@code keepalive_interval} idle seconds, and is dropped once nothing came back for
     * {@code interval * count} seconds more.
     */
    private void checkKeepalive() {
        long now = System.nanoTime();
        Limits limits = this.limits;
        long interval = TimeUnit.SECONDS.toNanos(limits.keepaliveInterval());
        for (Client c : clients) {
            if (!c.keepaliveRequested()) {
                continue;
            }
            long idle = now - c.lastHeardNanos();
            if (idle >= interval * (limits.keepaliveCount() + 1L)) {
                LOG.info("no keepalive response from " + c + "; dropping it");
                c.close();
            } else if (idle >= interval) {
                c.write(Packet.encodeRaw(KeepaliveProgram.header(KeepaliveProgram.PING), new byte[0]));
            }
        }
    }

    public int clientCount() {
        return clients.size();
    }

    @Override
    public void close() {
        for (Listener l : listeners) {
            l.close();
        }
        for (Client c : clients) {
            c.close();
        }
        keepalive.shutdownNow();
        readers.shutdown();
        dispatcher.close();
    }
}
