package io.jvirt.daemon.stream;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import io.jvirt.api.Stream;
import io.jvirt.daemon.client.Client;
import io.jvirt.rpc.packet.Header;
import io.jvirt.rpc.packet.Packet;

/** The open streams of one client, by the serial of the call that opened each. */
public final class ClientStreams {
    private static final Logger LOG = Logger.getLogger(ClientStreams.class.getName());

    private final Client client;
    private final Map<Integer, ClientStream> bySerial = new ConcurrentHashMap<>();

    public ClientStreams(Client client) {
        this.client = client;
    }

    /**
     * Registers a stream for a call before the API runs, so that packets the client sends right after
     * the call are kept for it.
     */
    public ClientStream open(Header call, Stream stream, Direction direction) {
        ClientStream s = new ClientStream(client, this, stream, call, direction);
        bySerial.put(call.serial(), s);
        return s;
    }

    void remove(ClientStream s) {
        bySerial.remove(s.serial(), s);
    }

    /**
     * A STREAM or STREAM_HOLE packet from the client. Packets for a stream that is gone are dropped,
     * as libvirtd does: stream data is not acknowledged, so some may still arrive after a stream ended.
     */
    public void incoming(Packet p) throws InterruptedException {
        ClientStream s = bySerial.get(p.header().serial());
        if (s == null) {
            LOG.fine(() -> "ignoring stream packet for serial " + p.header().serial() + " from " + client);
            return;
        }
        s.offer(p);
    }

    public int size() {
        return bySerial.size();
    }

    /** Aborts every stream: the client is gone. */
    public void abortAll() {
        for (ClientStream s : List.copyOf(bySerial.values())) {
            s.drop();
        }
    }
}
