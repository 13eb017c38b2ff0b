package io.jvirt.rpc.stream;

import io.jvirt.api.VirtException;
import io.jvirt.rpc.packet.Header;
import io.jvirt.rpc.packet.MessageStatus;
import io.jvirt.rpc.packet.MessageType;
import io.jvirt.rpc.packet.Packet;
import io.jvirt.rpc.remote.RemoteError;
import io.jvirt.rpc.xdr.Xdr;
import io.jvirt.rpc.xdr.XdrCodec;
import io.jvirt.rpc.xdr.XdrException;

/**
 * The packets of one stream, named by the call that opened it: program, version, procedure and
 * serial are the call's; the type is STREAM (or STREAM_HOLE), and the status says what the packet
 * is: CONTINUE with data, CONTINUE with no payload for the end of the data, OK with no payload for
 * a finish (from the client) or the confirmation of a finish or an abort (from the server), ERROR
 * with a {@code remote_error} (from the server) or with no payload (a client's abort).
 */
public final class StreamFrames {
    /**
     * The most data libvirt puts in one stream packet (VIR_NET_MESSAGE_LEGACY_PAYLOAD_MAX), so that
     * peers with the old, smaller message limit accept every packet.
     */
    public static final int CHUNK = 262_120;

    private static final XdrCodec<RemoteError> ERROR = Xdr.of(RemoteError.class);
    private static final XdrCodec<Hole> HOLE = Xdr.of(Hole.class);
    private static final byte[] EMPTY = new byte[0];

    /** {@code virNetStreamHole}. */
    public record Hole(long length, int flags) {
    }

    private final Header call;

    /** The stream of the call with this header. */
    public StreamFrames(Header call) {
        this.call = call;
    }

    public int serial() {
        return call.serial();
    }

    public int procedure() {
        return call.procedure();
    }

    private Header header(MessageType type, MessageStatus status) {
        return new Header(call.program(), call.version(), call.procedure(), type, call.serial(), status);
    }

    /** CONTINUE with {@code length} bytes of data (at most {@link #CHUNK}). */
    public byte[] data(byte[] buf, int offset, int length) {
        if (length <= 0 || length > CHUNK) {
            throw new IllegalArgumentException("stream data of " + length + " bytes: 1.." + CHUNK + " per packet");
        }
        byte[] payload = new byte[length];
        System.arraycopy(buf, offset, payload, 0, length);
        return Packet.encodeRaw(header(MessageType.STREAM, MessageStatus.CONTINUE), payload);
    }

    /** CONTINUE with no payload: no more data (libvirt's "read EOF"). */
    public byte[] end() {
        return Packet.encodeRaw(header(MessageType.STREAM, MessageStatus.CONTINUE), EMPTY);
    }

    /** OK with no payload: the client finishes the stream; the server confirms a finish or an abort. */
    public byte[] finish() {
        return Packet.encodeRaw(header(MessageType.STREAM, MessageStatus.OK), EMPTY);
    }

    /** A client's abort: ERROR with no payload (libvirt's client sends no error struct). */
    public byte[] abort() {
        return Packet.encodeRaw(header(MessageType.STREAM, MessageStatus.ERROR), EMPTY);
    }

    /** A server's failure of the stream: ERROR with the error. */
    public byte[] error(VirtException e) {
        return Packet.encode(header(MessageType.STREAM, MessageStatus.ERROR), ERROR, RemoteError.of(e));
    }

    /** STREAM_HOLE of {@code length} bytes. */
    public byte[] hole(long length, int flags) {
        return Packet.encode(header(MessageType.STREAM_HOLE, MessageStatus.CONTINUE), HOLE, new Hole(length, flags));
    }

    /** Whether a packet belongs to a stream at all (by type; the serial says which). */
    public static boolean isStreamPacket(Packet p) {
        MessageType t = p.header().type();
        return t == MessageType.STREAM || t == MessageType.STREAM_HOLE;
    }

    /**
     * What a stream packet (or a REPLY on a stream's serial) says. An ERROR without payload, as a
     * client's abort comes, is a failure with a null error. Malformed payloads throw
     * {@link XdrException}: the peer broke the protocol.
     */
    public static StreamEvent decode(Packet p) {
        Header h = p.header();
        if (h.type() == MessageType.STREAM_HOLE) {
            Hole hole = p.body(HOLE);
            if (hole.length() < 0) {
                throw new XdrException("stream hole of negative length " + hole.length());
            }
            return new StreamEvent.Hole(hole.length(), hole.flags());
        }
        switch (h.status()) {
            case CONTINUE:
                if (h.type() != MessageType.STREAM) {
                    throw new XdrException("a " + h.type() + " with status CONTINUE is not stream data");
                }
                return p.payload().length == 0 ? new StreamEvent.End() : new StreamEvent.Data(p.payload());
            case OK:
                if (p.payload().length != 0) {
                    throw new XdrException("stream finish with a payload of " + p.payload().length + " bytes");
                }
                return new StreamEvent.Finish();
            default:
                return new StreamEvent.Failure(p.payload().length == 0 ? null : p.body(ERROR).toException());
        }
    }
}
