package io.jvirt.driver.qemu.qmp;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A QMP monitor connection over a unix socket: reads the greeting, negotiates
 * {@code qmp_capabilities}, then runs commands tagged with ids (several may be in flight) while a
 * reader thread hands asynchronous events to a {@link QmpListener}.
 */
public final class QmpClient implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final long COMMAND_TIMEOUT_MS = 30_000;

    private final SocketChannel channel;
    private final QmpListener listener;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<JsonNode> greeting = new CompletableFuture<>();
    private final Thread reader;
    private volatile boolean closed;

    private QmpClient(SocketChannel channel, QmpListener listener, String name) {
        this.channel = channel;
        this.listener = listener;
        this.reader = new Thread(this::readLoop, "qmp-" + name);
        this.reader.setDaemon(true);
    }

    /**
     * Connects to a monitor socket QEMU is about to create, retrying while the socket is not there
     * yet (QEMU listens a few ms after it was spawned) and {@code keepTrying} holds (the process
     * still runs), for at most {@code timeoutMs}.
     */
    public static QmpClient connect(Path socket, QmpListener listener, long timeoutMs, BooleanSupplier keepTrying) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        long backoffNs = 200_000;
        IOException last = null;
        while (true) {
            SocketChannel ch = null;
            try {
                ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                ch.connect(UnixDomainSocketAddress.of(socket));
                QmpClient c = new QmpClient(ch, listener, socket.getFileName().toString());
                c.start();
                return c;
            } catch (IOException e) {
                last = e;
                closeQuietly(ch);
            } catch (RuntimeException e) {
                closeQuietly(ch);
                throw e;
            }
            if (System.nanoTime() > deadline || !keepTrying.getAsBoolean()) {
                throw new QmpException("cannot connect to the QEMU monitor at " + socket + ": " + last, last);
            }
            // the socket appears within tens of ms of the spawn: back off from 0.2 ms up to 5 ms
            LockSupport.parkNanos(backoffNs);
            backoffNs = Math.min(backoffNs * 2, 5_000_000);
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to do about a socket that did not even connect
            }
        }
    }

    private void start() {
        reader.start();
        try {
            greeting.get(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new QmpException("interrupted waiting for the QMP greeting", e);
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new QmpException("no QMP greeting: " + e.getMessage(), e);
        }
        execute("qmp_capabilities");
    }

    public JsonNode execute(String command) {
        return execute(command, null);
    }

    /** Runs a command and returns its {@code return} value; a QMP error becomes a {@link QmpException}. */
    public JsonNode execute(String command, ObjectNode arguments) {
        CompletableFuture<JsonNode> reply = send(command, arguments);
        try {
            return reply.get(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QmpException("interrupted waiting for " + command, e);
        } catch (TimeoutException e) {
            throw new QmpException("no reply to " + command + " within " + COMMAND_TIMEOUT_MS + " ms", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof QmpException q) {
                throw q;
            }
            throw new QmpException(command + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** Sends a command without waiting; the future completes with its {@code return} value. */
    public CompletableFuture<JsonNode> send(String command, ObjectNode arguments) {
        String id = Long.toString(ids.incrementAndGet());
        ObjectNode msg = JSON.createObjectNode().put("execute", command);
        if (arguments != null) {
            msg.set("arguments", arguments);
        }
        msg.put("id", id);
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            byte[] bytes = (JSON.writeValueAsString(msg) + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (channel) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
            }
        } catch (IOException e) {
            pending.remove(id);
            reply.completeExceptionally(new QmpException("cannot send " + command + ": " + e.getMessage(), e));
        }
        if (closed) {
            failPending();
        }
        return reply;
    }

    public static ObjectNode args() {
        return JSON.createObjectNode();
    }

    private void readLoop() {
        try {
            JsonParser p = JSON.getFactory().createParser(Channels.newInputStream(channel));
            try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(p)) {
                while (it.hasNextValue()) {
                    dispatch(it.nextValue());
                }
            }
        } catch (IOException | RuntimeException e) {
            // EOF or a broken socket: QEMU exited or we closed; both end the monitor
        } finally {
            closed = true;
            closeQuietly(channel);
            greeting.completeExceptionally(new QmpException(null, "monitor closed"));
            failPending();
            try {
                listener.closed();
            } catch (RuntimeException ignored) {
                // the listener's failure must not hide the close
            }
        }
    }

    private void dispatch(JsonNode msg) {
        if (msg.has("QMP")) {
            greeting.complete(msg);
        } else if (msg.has("event")) {
            JsonNode data = msg.has("data") ? msg.get("data") : JSON.createObjectNode();
            try {
                listener.event(msg.get("event").asText(), data);
            } catch (RuntimeException ignored) {
                // a listener bug must not stop the monitor
            }
        } else if (msg.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asText());
            if (f == null) {
                return;
            }
            if (msg.has("error")) {
                JsonNode err = msg.get("error");
                f.completeExceptionally(new QmpException(err.path("class").asText(), err.path("desc").asText()));
            } else {
                f.complete(msg.has("return") ? msg.get("return") : JSON.createObjectNode());
            }
        }
    }

    private void failPending() {
        for (String id : pending.keySet()) {
            CompletableFuture<JsonNode> f = pending.remove(id);
            if (f != null) {
                f.completeExceptionally(new QmpException(null, "the QEMU monitor closed"));
            }
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** Closes the connection (QEMU keeps running: a monitor socket in server mode accepts the next). */
    @Override
    public void close() {
        closed = true;
        closeQuietly(channel);
        failPending();
    }
}
