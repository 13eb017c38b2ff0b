package io.jvirt.distribution;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import io.jvirt.rpc.packet.FrameReader;
import io.jvirt.rpc.packet.Header;
import io.jvirt.rpc.packet.MessageStatus;
import io.jvirt.rpc.packet.MessageType;
import io.jvirt.rpc.packet.Packet;
import io.jvirt.rpc.remote.ConnectProcedures;
import io.jvirt.rpc.remote.Procedure;
import io.jvirt.rpc.remote.RemoteError;
import io.jvirt.rpc.remote.RemoteProgram;
import io.jvirt.rpc.xdr.Xdr;
import io.jvirt.rpc.xdr.XdrCodec;
import io.jvirt.rpc.xdr.XdrReader;
import io.jvirt.rpc.xdr.XdrWriter;

/**
 * A libvirt RPC client that writes calls byte by byte (jvirt's codecs for the payloads), for sending
 * the same packets to libvirtd and jvirtd and comparing what each answers.
 */
final class RawRpc implements AutoCloseable {
    private final SocketChannel ch;
    private final FrameReader in;
    private int serial;

    RawRpc(Path socket) throws IOException {
        ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        in = new FrameReader(ch);
    }

    /** A call's answer, or "OK". Messages that arrive meanwhile (events) are skipped. */
    String call(int program, int version, int procedure, byte[] payload) throws IOException {
        int s = ++serial;
        ch.write(ByteBuffer.wrap(Packet.encodeRaw(new Header(program, version, procedure, MessageType.CALL, s,
                MessageStatus.OK), payload)));
        for (;;) {
            Packet p = in.read();
            if (p == null) {
                throw new IOException("the server closed the connection");
            }
            if (p.header().type() != MessageType.REPLY || p.header().serial() != s) {
                continue;
            }
            if (p.header().status() == MessageStatus.OK) {
                return "OK";
            }
            RemoteError e = Xdr.of(RemoteError.class).decode(new XdrReader(p.payload()));
            return e.code() + "/" + e.domain() + " " + e.message();
        }
    }

    RawRpc open(String uri) throws IOException {
        String r = call(RemoteProgram.PROGRAM, RemoteProgram.VERSION, ConnectProcedures.CONNECT_OPEN.number(),
                encode(ConnectProcedures.ConnectOpenArgs.class, new ConnectProcedures.ConnectOpenArgs(uri, 0)));
        if (!r.equals("OK")) {
            throw new IOException("cannot open " + uri + ": " + r);
        }
        return this;
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }

    static <T> byte[] encode(Class<T> type, T value) {
        XdrCodec<T> codec = Xdr.of(type);
        XdrWriter out = new XdrWriter(256);
        codec.encode(value, out);
        return out.toByteArray();
    }

    /**
     * The arguments of a procedure with every field zero, empty or absent, but {@code field} (an int
     * of the top-level struct) set to {@code value}; the bytes of an all-zero payload when the
     * procedure has no such field (callers then skip the variant).
     */
    static byte[] zeroArgs(Procedure<?, ?> proc, String field, int value) {
        return build(proc.argsType(), field, value);
    }

    static boolean hasIntField(Procedure<?, ?> proc, String field) {
        if (proc.argsType() == null || !proc.argsType().isRecord()) {
            return false;
        }
        for (RecordComponent c : proc.argsType().getRecordComponents()) {
            if (c.getName().equals(field) && c.getType() == int.class) {
                return true;
            }
        }
        return false;
    }

    private static <A> byte[] build(Class<A> type, String field, int value) {
        if (type == null) {
            return new byte[0];
        }
        A zero = Xdr.of(type).decode(new XdrReader(new byte[64 * 1024]));
        if (field == null || !type.isRecord()) {
            return encode(type, zero);
        }
        RecordComponent[] comps = type.getRecordComponents();
        Object[] values = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        try {
            for (int i = 0; i < comps.length; i++) {
                types[i] = comps[i].getType();
                values[i] = comps[i].getName().equals(field) ? (Object) value : comps[i].getAccessor().invoke(zero);
            }
            Constructor<A> ctor = type.getDeclaredConstructor(types);
            return encode(type, ctor.newInstance(values));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + ": " + e, e);
        }
    }
}
