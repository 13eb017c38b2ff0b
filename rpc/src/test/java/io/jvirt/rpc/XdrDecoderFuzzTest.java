package io.jvirt.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.jvirt.rpc.remote.Procedure;
import io.jvirt.rpc.remote.RemoteProgram;
import io.jvirt.rpc.xdr.Xdr;
import io.jvirt.rpc.xdr.XdrCodec;
import io.jvirt.rpc.xdr.XdrException;
import io.jvirt.rpc.xdr.XdrReader;

/**
 * Fuzzes the XDR decoders of every procedure's arguments and results with random and
 * mostly-zero inputs sprinkled with interesting integers (counts, lengths, discriminants): each
 * decode either succeeds or throws XdrException, never anything else (no NPE, no negative array,
 * no OutOfMemoryError from a count). -Dfuzz.inputs (per codec, default 200), -Dfuzz.seed.
 */
class XdrDecoderFuzzTest {
    static final int INPUTS = Integer.getInteger("fuzz.inputs", 200);
    static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    static final int[] INTERESTING = { 0, 1, 2, -1, 0x7fffffff, 0x80000000, 0xffff, 0x10000, 0x10001, 16384, 16385,
        4 << 20, 64 << 20 };

    @Test
    void decodersFailOnlyWithXdrException() {
        Map<String, XdrCodec<?>> codecs = new LinkedHashMap<>();
        for (int n = 1; n < 1000; n++) {
            Procedure<?, ?> p = RemoteProgram.procedure(n);
            if (p == null) {
                continue;
            }
            for (Class<?> t : new Class<?>[] { p.argsType(), p.retType() }) {
                if (t != null && t != Void.class) {
                    codecs.put(t.getName(), Xdr.of(t));
                }
            }
        }
        assertTrue(codecs.size() > 300, "codecs: " + codecs.size());
        Random rnd = new Random(SEED);
        List<String> bugs = new ArrayList<>();
        long decoded = 0;
        for (var e : codecs.entrySet()) {
            for (int i = 0; i < INPUTS; i++) {
                byte[] in = input(rnd);
                try {
                    e.getValue().decode(new XdrReader(in));
                    decoded++;
                } catch (XdrException expected) {
                    // refused: what a bad packet gets
                } catch (Throwable t) {
                    bugs.add(e.getKey() + ": " + t);
                    break;
                }
            }
        }
        System.out.printf("xdr fuzz: seed %d, %d codecs x %d inputs, %d decoded%n", SEED, codecs.size(), INPUTS, decoded);
        assertEquals(List.of(), bugs, "seed " + SEED);
    }

    private static byte[] input(Random rnd) {
        byte[] b = new byte[4 * rnd.nextInt(64)];
        ByteBuffer w = ByteBuffer.wrap(b);
        for (int at = 0; at + 4 <= b.length; at += 4) {
            int k = rnd.nextInt(10);
            w.putInt(at, k < 6 ? 0 : k < 9 ? INTERESTING[rnd.nextInt(INTERESTING.length)] : rnd.nextInt());
        }
        if (rnd.nextInt(8) == 0 && b.length > 0) {
            return java.util.Arrays.copyOf(b, rnd.nextInt(b.length)); // not a multiple of 4
        }
        return b;
    }
}
