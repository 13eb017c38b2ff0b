package io.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.jvirt.daemon.access.ServerFilePolicy;
import io.jvirt.daemon.server.Limits;
import io.jvirt.daemon.server.Listener;
import io.jvirt.daemon.server.Server;
import io.jvirt.driver.test.TestDriver;
import io.jvirt.registry.testing.InProcessVirt;
import io.jvirt.rpc.packet.Header;
import io.jvirt.rpc.packet.MessageStatus;
import io.jvirt.rpc.packet.MessageType;
import io.jvirt.rpc.packet.Packet;
import io.jvirt.rpc.remote.ConnectProcedures;
import io.jvirt.rpc.remote.Procedure;
import io.jvirt.rpc.remote.RemoteProgram;

/**
 * A network fuzzer: mutated libvirt packets (bit flips, interesting integers over counts and
 * lengths, truncations, random procedure numbers and message types, bad length words) sent to a
 * running jvirtd on a unix socket, from a seed corpus of a valid call of every procedure, while a
 * well-behaved client keeps calling on its own connection. It asserts 0 crashes (no uncaught
 * throwable in any thread of the JVM, the daemon's included), 0 hangs (every call of the good
 * client answered within 10 s, and the daemon accepting connections at the end) and the good
 * client served throughout. Server files are denied to every client here, so no input names a file.
 * Inputs and seed: -Dfuzz.inputs (default 3000 in the suite), -Dfuzz.seed; scripts/fuzz-jvirtd.sh
 * runs it at scale.
 */
class PacketFuzzTest {
    static final int INPUTS = Integer.getInteger("fuzz.inputs", 3000);
    static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    static final int[] INTERESTING = { 0, 1, -1, 0x7fffffff, 0x80000000, 0xffff, 0x10000, 0x10001, 16385, 4 << 20,
        (4 << 20) + 1, 32 << 20, 28, 27 };

    @Test
    void mutatedPacketsNeitherCrashNorHangTheDaemon() throws Exception {
        ConcurrentLinkedQueue<Throwable> uncaught = new ConcurrentLinkedQueue<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "jvirt-fuzz");
        Server server = new Server(new InProcessVirt("test:///default").add(new TestDriver(), "test", "test"),
                Limits.defaults());
        server.dispatcher().serverFiles(ServerFilePolicy.parse(""));
        Path sock = dir.resolve("sock");
        server.listen(Listener.unix(sock, false, "rwx------"));
        List<byte[]> corpus = corpus();
        Random rnd = new Random(SEED);
        AtomicBoolean fuzzing = new AtomicBoolean(true);
        AtomicLong goodCalls = new AtomicLong();
        AtomicLong worstNanos = new AtomicLong();
        AtomicLong callStarted = new AtomicLong(System.nanoTime());
        List<String> goodFailures = new ArrayList<>();
        Thread good = new Thread(() -> {
            try (RawPacketsTest.Raw raw = new RawPacketsTest.Raw(sock).open("test:///default")) {
                while (fuzzing.get()) {
                    long t0 = System.nanoTime();
                    callStarted.set(t0);
                    raw.stillServed();
                    worstNanos.accumulateAndGet(System.nanoTime() - t0, Math::max);
                    goodCalls.incrementAndGet();
                }
            } catch (Throwable e) {
                synchronized (goodFailures) {
                    goodFailures.add(e.toString());
                }
            }
        }, "fuzz-good-client");
        long start = System.nanoTime();
        int sent = 0;
        try {
            good.start();
            while (goodCalls.get() == 0 && good.isAlive()) {
                Thread.sleep(10);
            }
            while (sent < INPUTS) {
                sent += batch(sock, corpus, rnd, Math.min(50, INPUTS - sent));
                assertTrue(good.isAlive(), "the good client stopped: " + goodFailures);
                long waiting = System.nanoTime() - callStarted.get();
                assertTrue(waiting < 10_000_000_000L, "the good client waits for a reply since " + waiting / 1e6 + " ms");
            }
            long lastCount = goodCalls.get();
            long until = System.nanoTime() + 10_000_000_000L;
            while (goodCalls.get() == lastCount && System.nanoTime() < until) {
                Thread.sleep(10); // at least one good call after the last bad input
            }
        } finally {
            fuzzing.set(false);
            good.join(20_000);
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("fuzz: seed %d, %d inputs in %.1f s (%.0f/s), good client %d calls, worst %.1f ms%n", SEED,
                sent, secs, sent / secs, goodCalls.get(), worstNanos.get() / 1e6);
        try (RawPacketsTest.Raw after = new RawPacketsTest.Raw(sock).open("test:///default")) {
            after.stillServed();
        }
        server.close();
        new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor();
        assertEquals(List.of(), goodFailures, "seed " + SEED);
        assertEquals(List.of(), List.copyOf(uncaught), "seed " + SEED);
        assertTrue(worstNanos.get() < 10_000_000_000L, "a good call waited " + worstNanos.get() / 1e6 + " ms");
        assertTrue(goodCalls.get() > 0);
    }

    /** One connection: opened properly (most inputs then reach the handlers), then n mutated packets, then closed. */
    private static int batch(Path sock, List<byte[]> corpus, Random rnd, int n) throws Exception {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(sock));
            Thread drain = new Thread(() -> {
                ByteBuffer b = ByteBuffer.allocate(65536);
                try {
                    while (ch.read(b.clear()) >= 0) {
                        // replies are not looked at: only the daemon's survival and the good client are
                    }
                } catch (IOException closed) {
                    // the daemon dropped a bad client, or the batch is over
                }
            }, "fuzz-drain");
            drain.setDaemon(true);
            drain.start();
            write(ch, Packet.encodeRaw(new Header(RemoteProgram.PROGRAM, RemoteProgram.VERSION, 1, MessageType.CALL, 1,
                    MessageStatus.OK), RawPacketsTest.encode(ConnectProcedures.ConnectOpenArgs.class,
                            new ConnectProcedures.ConnectOpenArgs("test:///default", 0))));
            for (int i = 0; i < n; i++) {
                if (!write(ch, mutate(corpus.get(rnd.nextInt(corpus.size())), rnd))) {
                    return i + 1; // the daemon closed the connection: the rest of the batch is not sent
                }
            }
            return n;
        }
    }

    private static boolean write(SocketChannel ch, byte[] frame) {
        try {
            ByteBuffer b = ByteBuffer.wrap(frame);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    static byte[] mutate(byte[] seed, Random rnd) {
        byte[] b = seed.clone();
        int rounds = 1 + rnd.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            switch (rnd.nextInt(8)) {
                case 0 -> b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                case 2 -> { // an interesting int over a count or length of the payload, 4-aligned
                    if (b.length >= 32) {
                        int at = 28 + 4 * rnd.nextInt((b.length - 28) / 4);
                        ByteBuffer.wrap(b).putInt(Math.min(at, b.length - 4), INTERESTING[rnd.nextInt(INTERESTING.length)]);
                    }
                }
                case 3 -> ByteBuffer.wrap(b).putInt(12, rnd.nextInt(500)); // another procedure with these args
                case 4 -> ByteBuffer.wrap(b).putInt(16, rnd.nextInt(4)); // type: call, reply, message, stream
                case 5 -> b = java.util.Arrays.copyOf(b, Math.max(28, rnd.nextInt(b.length + 1))); // truncated payload
                case 6 -> { // random bytes appended
                    byte[] more = new byte[rnd.nextInt(64)];
                    rnd.nextBytes(more);
                    byte[] c = java.util.Arrays.copyOf(b, b.length + more.length);
                    System.arraycopy(more, 0, c, b.length, more.length);
                    b = c;
                }
                default -> { } // keep the length word honest this round
            }
        }
        // mostly an honest length word (so the packet's contents are what is tested), sometimes a lie
        int len = rnd.nextInt(20) == 0 ? INTERESTING[rnd.nextInt(INTERESTING.length)] : b.length;
        ByteBuffer.wrap(b).putInt(0, len);
        return b;
    }

    /** A valid call of every procedure whose arguments the tests know how to build. */
    static List<byte[]> corpus() {
        List<byte[]> out = new ArrayList<>();
        for (int n = 1; n < 1000; n++) {
            Procedure<?, ?> p = RemoteProgram.procedure(n);
            if (p == null || p.message() || n == 1 || n == 2) {
                continue; // CONNECT_OPEN and CONNECT_CLOSE would only end the batch's connection early
            }
            byte[] payload;
            try {
                payload = p.argsType() == null ? new byte[0] : ArgumentBoundsTest.args(p, Map.of());
            } catch (Exception | Error unbuildable) {
                continue;
            }
            out.add(Packet.encodeRaw(new Header(RemoteProgram.PROGRAM, RemoteProgram.VERSION, n, MessageType.CALL, 7,
                    MessageStatus.OK), payload));
        }
        assertTrue(out.size() > 200, "corpus of " + out.size());
        return out;
    }
}
