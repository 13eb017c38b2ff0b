package io.jvirt.daemon.server;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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

    private final Limits limits;
    private final Dispatcher dispatcher;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final Semaphore clientSlots;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService keepalive;
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
        this.clientSlots = new Semaphore(Math.max(1, limits.maxClients()));
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
        EventHandlers.register(dispatcher);
        this.keepalive = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jvirtd-keepalive");
            t.setDaemon(true);
            return t;
        });
        if (limits.keepaliveInterval() > 0) {
            keepalive.scheduleWithFixedDelay(this::checkKeepalive, limits.keepaliveInterval(),
                    limits.keepaliveInterval(), TimeUnit.SECONDS);
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
                if (h.program() == KeepaliveProgram.PROGRAM) {
                    if (h.procedure() == KeepaliveProgram.PING) {
                        client.write(Packet.encodeRaw(KeepaliveProgram.header(KeepaliveProgram.PONG), new byte[0]));
                    }
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
