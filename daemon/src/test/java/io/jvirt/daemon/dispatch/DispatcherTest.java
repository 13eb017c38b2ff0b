package io.jvirt.daemon.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jvirt.daemon.client.Client;
import io.jvirt.daemon.client.Transport;
import io.jvirt.rpc.packet.Header;
import io.jvirt.rpc.packet.MessageStatus;
import io.jvirt.rpc.packet.MessageType;
import io.jvirt.rpc.packet.Packet;
import io.jvirt.rpc.remote.ConnectProcedures;
import io.jvirt.rpc.remote.RemoteProgram;
import io.jvirt.rpc.xdr.XdrReader;

/**
 * The worker model with calls run on the reader thread: a slow call hands the client's reading to
 * a new reader instead of holding up the client's next call, and max_workers and the priority
 * workers keep their meaning. Latches, not clocks, decide every assertion.
 */
class DispatcherTest {
    /** A transport that keeps the frames written to it; nothing is read through it here. */
    static final class Frames implements Transport {
        final BlockingQueue<Header> replies = new LinkedBlockingQueue<>();

        @Override
        public Packet read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void write(byte[] frame) {
            XdrReader in = new XdrReader(frame);
            in.readInt();
            replies.add(Header.decode(in));
        }

        @Override
        public String peer() {
            return "test";
        }

        @Override
        public boolean encrypted() {
            return false;
        }

        @Override
        public void close() throws IOException {
        }

        Header next() throws InterruptedException {
            Header h = replies.poll(30, TimeUnit.SECONDS);
            assertNotNull(h, "no reply within 30 s");
            return h;
        }
    }

    private Dispatcher dispatcher;

    @AfterEach
    void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    /**
     * A client that has opened a connection (calls need one): these tests are about scheduling, so
     * its connection is a stand-in that only says it is writable.
     */
    static Client opened(Client c) {
        c.setConnect((io.jvirt.api.Connect) java.lang.reflect.Proxy.newProxyInstance(
                DispatcherTest.class.getClassLoader(), new Class<?>[] { io.jvirt.api.Connect.class },
                (proxy, m, args) -> switch (m.getName()) {
                    case "isReadOnly" -> false;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "connection stand-in";
                    default -> throw new UnsupportedOperationException(m.getName());
                }));
        return c;
    }

    private static Packet call(int procedure, int serial) {
        return new Packet(new Header(RemoteProgram.PROGRAM, RemoteProgram.VERSION, procedure, MessageType.CALL, serial,
                MessageStatus.OK), new byte[0]);
    }

    /** The checks every call passes, loaded before a test: a first call's class loading is not a slow call. */
    @org.junit.jupiter.api.BeforeAll
    static void loadTheCallPath() {
        PublicApiChecks.check(opened(new Client(new Frames(), false, 5)), ConnectProcedures.CONNECT_GET_TYPE, null);
    }

    @Test
    void aSlowInlineCallHandsTheClientToANewReaderSoItsNextCallIsAnswered() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Boolean> secondDispatch = new CopyOnWriteArrayList<>();
        Frames frames = new Frames();
        Client client = opened(new Client(frames, false, 5));
        // the "new reader" the watchdog starts reads the client's next call: serial 2, the only one there
        // is (should serial 2 be slow too, the next new reader finds nothing more to read)
        AtomicBoolean unread = new AtomicBoolean(true);
        dispatcher = new Dispatcher(20, 5, c -> new Thread(() -> {
            if (!unread.getAndSet(false)) {
                return;
            }
            try {
                secondDispatch.add(dispatcher.dispatch(c, call(ConnectProcedures.CONNECT_GET_TYPE.number(), 2)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).start());
        dispatcher.on(ConnectProcedures.CONNECT_GET_CAPABILITIES, (c, a) -> {
            try {
                assertTrue(release.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new ConnectProcedures.ConnectGetCapabilitiesRet("<capabilities/>");
        });
        dispatcher.on(ConnectProcedures.CONNECT_GET_TYPE, (c, a) -> new ConnectProcedures.ConnectGetTypeRet("TEST"));

        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> {
            try {
                return dispatcher.dispatch(client, call(ConnectProcedures.CONNECT_GET_CAPABILITIES.number(), 1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // serial 2 is answered while serial 1 still blocks its thread
        assertEquals(2, frames.next().serial());
        release.countDown();
        assertEquals(1, frames.next().serial());
        assertFalse(first.get(30, TimeUnit.SECONDS), "the first reader must stop reading: it was replaced");
        // whether serial 2 itself ran long enough to be handed over again depends on the machine's load
        assertEquals(1, secondDispatch.size(), "the new reader read serial 2 once");
    }

    @Test
    void maxWorkersBoundsInlineAndQueuedCallsAndHighPriorityCallsStillRun() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch slowStarted = new CountDownLatch(1);
        AtomicBoolean slowDone = new AtomicBoolean();
        AtomicBoolean overlapped = new AtomicBoolean();
        dispatcher = new Dispatcher(1, 1, c -> {
        });
        dispatcher.on(ConnectProcedures.CONNECT_GET_CAPABILITIES, (c, a) -> {
            if (slowStarted.getCount() == 1) {
                slowStarted.countDown();
                try {
                    assertTrue(release.await(30, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                slowDone.set(true);
            } else if (!slowDone.get()) {
                overlapped.set(true); // a second normal call ran while the only worker was busy
            }
            return new ConnectProcedures.ConnectGetCapabilitiesRet("<capabilities/>");
        });
        dispatcher.on(ConnectProcedures.CONNECT_GET_TYPE, (c, a) -> new ConnectProcedures.ConnectGetTypeRet("TEST"));

        Frames slowFrames = new Frames();
        Client slow = opened(new Client(slowFrames, false, 5));
        CompletableFuture.runAsync(() -> {
            try {
                dispatcher.dispatch(slow, call(ConnectProcedures.CONNECT_GET_CAPABILITIES.number(), 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(slowStarted.await(30, TimeUnit.SECONDS));

        Frames other = new Frames();
        Client client = opened(new Client(other, false, 5));
        // the only worker slot is taken: a normal call is queued (dispatch returns at once) ...
        assertTrue(dispatcher.dispatch(client, call(ConnectProcedures.CONNECT_GET_CAPABILITIES.number(), 7)));
        // ... and a high-priority call is served by a priority worker meanwhile
        assertTrue(dispatcher.dispatch(client, call(ConnectProcedures.CONNECT_GET_TYPE.number(), 8)));
        assertEquals(8, other.next().serial());
        release.countDown();
        assertEquals(1, slowFrames.next().serial());
        assertEquals(7, other.next().serial());
        assertFalse(overlapped.get(), "a queued call ran while max_workers calls were running");
    }
}
