package io.jvirt.daemon.client;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.jvirt.api.Connect;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.rpc.packet.Header;
import io.jvirt.rpc.packet.Packet;
import io.jvirt.rpc.remote.RemoteError;
import io.jvirt.rpc.xdr.Xdr;
import io.jvirt.rpc.xdr.XdrCodec;

/**
 * One client of jvirtd: its transport, the connection it opened, and its limits. Replies and
 * messages may be sent from any worker thread; writes are serialized so frames never interleave.
 */
public final class Client {
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final Transport transport;
    private final boolean readOnlySocket;
    private final Semaphore requestSlots;
    private final Object writeLock = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final io.jvirt.daemon.stream.ClientStreams streams = new io.jvirt.daemon.stream.ClientStreams(this);
    private volatile Connect connect;
    /** unix-rw, unix-ro, tcp or tls: what access policies know the client by. */
    private volatile String kind;
    /** The name the client authenticated as (SASL), or null. */
    private volatile String user;
    /** How the client must authenticate (its listener's method when it was accepted). */
    private volatile io.jvirt.daemon.auth.AuthMethod authMethod = io.jvirt.daemon.auth.AuthMethod.NONE;
    /** The SASL exchange in progress, or null. */
    private volatile io.jvirt.daemon.auth.SaslSession sasl;
    /** A security layer to start once the next frame (the reply that completed SASL) is written. */
    private volatile io.jvirt.daemon.auth.SecurityLayer pendingLayer;
    private volatile long lastHeardNanos = System.nanoTime();
    private volatile boolean keepaliveRequested;
    private final AtomicBoolean authPending;
    /** The call this client's reader thread is running itself, if any (see {@link InlineCall}). */
    private final AtomicReference<InlineCall> inlineCall = new AtomicReference<>();

    /**
     * A call the reader thread runs itself instead of handing it to a worker (one thread switch
     * less per call). Each is a new object, so a reader that lost its role to a successor can
     * never mistake the successor's call for its own.
     */
    public record InlineCall(long sinceNanos) {
    }

    public Client(Transport transport, boolean readOnlySocket, int maxClientRequests) {
        this(transport, readOnlySocket, maxClientRequests, false);
    }

    /** {@code authPending}: the client came through a listener whose auth method is not none. */
    public Client(Transport transport, boolean readOnlySocket, int maxClientRequests, boolean authPending) {
        this.transport = transport;
        this.readOnlySocket = readOnlySocket;
        this.requestSlots = new Semaphore(Math.max(1, maxClientRequests));
        this.authPending = new AtomicBoolean(authPending);
    }

    /** Still to authenticate: such clients count against max_anonymous_clients. */
    public boolean authPending() {
        return authPending.get();
    }

    /** Marks authentication done; true only for the call that ended the pending state. */
    public boolean completeAuth() {
        return authPending.compareAndSet(true, false);
    }

    public String kind() {
        String k = kind;
        return k != null ? k : readOnlySocket ? "unix-ro" : "unix-rw";
    }

    public void kind(String k) {
        kind = k;
    }

    public String user() {
        return user;
    }

    public void user(String u) {
        user = u;
    }

    public io.jvirt.daemon.auth.AuthMethod authMethod() {
        return authMethod;
    }

    public void authMethod(io.jvirt.daemon.auth.AuthMethod m) {
        authMethod = m;
    }

    public io.jvirt.daemon.auth.SaslSession sasl() {
        return sasl;
    }

    public void sasl(io.jvirt.daemon.auth.SaslSession s) {
        sasl = s;
    }

    /**
     * Starts a SASL security layer as libvirt does: what the client sends from now on is decoded at
     * once (it sends nothing before it has the reply), what the daemon sends is encoded from the
     * frame after the next one, the reply that completes the exchange going out in the clear.
     */
    public void startLayerAfterReply(io.jvirt.daemon.auth.SecurityLayer layer) {
        transport.decodeFrom(layer);
        pendingLayer = layer;
    }

    public long id() {
        return id;
    }

    public Transport transport() {
        return transport;
    }

    /** Connections through {@code libvirt-sock-ro} are forced read-only. */
    public boolean readOnlySocket() {
        return readOnlySocket;
    }

    /** The connection this client opened with CONNECT_OPEN; "connection not open" before that. */
    public Connect connect() {
        Connect c = connect;
        if (c == null) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC, "internal error: connection not open");
        }
        return c;
    }

    public boolean isOpen() {
        return connect != null;
    }

    public void setConnect(Connect c) {
        if (connect != null) {
            c.close();
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC,
                    "internal error: connection already open");
        }
        connect = c;
    }

    /** Closes the client's hypervisor connection (CONNECT_CLOSE); the socket stays until the peer goes. */
    public void closeConnect() {
        Connect c = connect;
        connect = null;
        if (c != null) {
            c.close();
        }
    }

    /** The streams this client has open. */
    public io.jvirt.daemon.stream.ClientStreams streams() {
        return streams;
    }

    public Semaphore requestSlots() {
        return requestSlots;
    }

    public void heard() {
        lastHeardNanos = System.nanoTime();
    }

    public long lastHeardNanos() {
        return lastHeardNanos;
    }

    public boolean keepaliveRequested() {
        return keepaliveRequested;
    }

    public void requestKeepalive() {
        keepaliveRequested = true;
    }

    /** Marks that the reader thread now runs a call itself. */
    public InlineCall beginInline() {
        InlineCall call = new InlineCall(System.nanoTime());
        inlineCall.set(call);
        return call;
    }

    /** Ends an inline call: true if the calling thread is still the client's reader. */
    public boolean endInline(InlineCall call) {
        return inlineCall.compareAndSet(call, null);
    }

    /** The inline call in progress, or null. */
    public InlineCall inlineCall() {
        return inlineCall.get();
    }

    /**
     * Takes the reader role from a thread that is still running {@code call}: true if the caller
     * must now start a new reader for this client (the old thread ends after its call).
     */
    public boolean takeOverReading(InlineCall call) {
        return inlineCall.compareAndSet(call, null);
    }

    /** Sends a reply or message with a body. */
    public <T> void send(Header header, XdrCodec<T> codec, T body) {
        write(Packet.encode(header, codec, body));
    }

    /** Sends {@code remote_error} for a call. */
    public void sendError(Header call, VirtException e) {
        send(call.reply(io.jvirt.rpc.packet.MessageStatus.ERROR), Xdr.of(RemoteError.class), RemoteError.of(e));
    }

    public void write(byte[] frame) {
        if (closed.get()) {
            return;
        }
        synchronized (writeLock) {
            try {
                transport.write(frame);
                io.jvirt.daemon.auth.SecurityLayer layer = pendingLayer;
                if (layer != null) {
                    pendingLayer = null;
                    transport.encodeWith(layer);
                }
            } catch (IOException e) {
                close();
            }
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Drops the client: its connection is closed and its socket shut. Idempotent. */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            streams.abortAll();
            try {
                closeConnect();
            } catch (RuntimeException ignored) {
                // closing a connection whose driver is gone: nothing more to do
            }
            try {
                transport.close();
            } catch (IOException ignored) {
                // already closed by the peer
            }
        }
    }

    @Override
    public String toString() {
        return "client " + id + " (" + transport.peer() + (readOnlySocket ? ", read-only" : "") + ")";
    }
}
