package io.jvirt.daemon.server;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
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
    private final ClientSlots clientSlots;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService keepalive;
    private ScheduledFuture<?> keepaliveTask;

    /** max_clients, resizable while clients are connected. */
    private static final class ClientSlots extends Semaphore {
        private static final long serialVersionUID = 1L;

        ClientSlots(int permits) {
            super(permits);
        }

        void change(int from, int to) {
            if (to > from) {
                release(to - from);
            } else if (to < from) {
                reducePermits(from - to); // clients above the new limit stay; new ones wait
            }
        }
    }

    public Server(Virt virt, Limits limits) {
        this.limits = limits;
        this.clientSlots = new ClientSlots(Math.max(1, limits.maxClients()));
        this.dispatcher = new Dispatcher(limits.maxWorkers(), limits.prioWorkers());
        ConnectHandlers.register(dispatcher, virt);
        DomainHandlers.register(dispatcher);
        SnapshotHandlers.register(dispatcher);
        CheckpointHandlers.register(dispatcher);
        InterfaceHandlers.register(dispatcher);
        NodeDeviceHandlers.register(dispatcher);
        NetworkHandlers.register(dispatcher);
        StorageHandlers.register(dispatcher);
        NWFilterHandlers.register(dispatcher);
        EventHandlers.register(dispatcher);
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
        clientSlots.change(Math.max(1, old.maxClients()), Math.max(1, changed.maxClients()));
        dispatcher.resize(changed.maxWorkers(), changed.prioWorkers());
        limits = changed;
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

    /** Blocks while the server is full (max_clients), like libvirtd which stops polling its sockets. */
    void awaitClientSlot() throws InterruptedException {
        clientSlots.acquire();
    }

    void releaseClientSlot() {
        clientSlots.release();
    }

    /** Serves one accepted transport on its own thread. */
    void serve(Transport transport, boolean readOnly) {
        Client client = new Client(transport, readOnly, limits.maxClientRequests());
        clients.add(client);
        Thread t = new Thread(() -> readLoop(client), "jvirtd-client-" + client.id());
        t.setDaemon(true);
        t.start();
    }

    private void readLoop(Client client) {
        try {
            for (;;) {
                Packet p = client.transport().read();
                if (p == null) {
                    break;
                }
                client.heard();
                Header h = p.header();
                if (h.program() == KeepaliveProgram.PROGRAM) {
                    if (h.procedure() == KeepaliveProgram.PING) {
                        client.write(Packet.encodeRaw(KeepaliveProgram.header(KeepaliveProgram.PONG), new byte[0]));
                    }
                    continue;
                }
                dispatcher.dispatch(client, p);
            }
        } catch (VirtException e) {
            LOG.log(Level.FINE, "dropping " + client + ": " + e.getMessage());
        } catch (IOException e) {
            LOG.log(Level.FINE, client + " went away: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            client.close();
            clients.remove(client);
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
        dispatcher.close();
    }
}
