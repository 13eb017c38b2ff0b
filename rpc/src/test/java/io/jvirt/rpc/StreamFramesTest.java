package io.jvirt.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.rpc.packet.Header;
import io.jvirt.rpc.packet.MessageStatus;
import io.jvirt.rpc.packet.MessageType;
import io.jvirt.rpc.packet.Packet;
import io.jvirt.rpc.stream.StreamEvent;
import io.jvirt.rpc.stream.StreamFrames;
import io.jvirt.rpc.xdr.XdrException;

/** libvirt's stream packets: the call's program, procedure and serial, type STREAM, status by role. */
class StreamFramesTest {
    /** DOMAIN_SCREENSHOT (211) with serial 7, as virsh sent it in a logged run (RPC_CLIENT_MSG_TX_QUEUE). */
    static final Header CALL = new Header(0x20008086, 1, 211, MessageType.CALL, 7, MessageStatus.OK);
    final StreamFrames frames = new StreamFrames(CALL);

    @Test
    void dataIsAContinueWithTheCallsSerialAndProcedureAndRawUnpaddedBytes() {
        byte[] frame = frames.data(new byte[] { 9, 1, 2, 3, 9 }, 1, 3);
        assertEquals("0000001f" + "20008086" + "00000001" + "000000d3" + "00000003" + "00000007" + "00000002" + "010203",
                HexFormat.of().formatHex(frame));
        Packet p = Packet.decode(frame);
        StreamEvent.Data d = assertInstanceOf(StreamEvent.Data.class, StreamFrames.decode(p));
        assertArrayEquals(new byte[] { 1, 2, 3 }, d.bytes());
    }

    @Test
    void theEndOfDataIsAnEmptyContinueAndFinishIsAnEmptyOk() {
        // virsh's log of a screenshot: "len=28 ... type=3 status=0 serial=7" confirms the finish;
        // the end of the data is the empty CONTINUE that libvirtd sends when its read returns 0
        Packet end = Packet.decode(frames.end());
        assertEquals(MessageStatus.CONTINUE, end.header().status());
        assertEquals(28, frames.end().length);
        assertInstanceOf(StreamEvent.End.class, StreamFrames.decode(end));
        Packet finish = Packet.decode(frames.finish());
        assertEquals(new Header(0x20008086, 1, 211, MessageType.STREAM, 7, MessageStatus.OK), finish.header());
        assertInstanceOf(StreamEvent.Finish.class, StreamFrames.decode(finish));
    }

    @Test
    void aClientsAbortIsAnEmptyErrorAndAServersFailureCarriesTheError() {
        StreamEvent.Failure abort = assertInstanceOf(StreamEvent.Failure.class,
                StreamFrames.decode(Packet.decode(frames.abort())));
        assertNull(abort.error());
        VirtException e = new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.STREAMS, "cannot read: gone");
        StreamEvent.Failure f = assertInstanceOf(StreamEvent.Failure.class,
                StreamFrames.decode(Packet.decode(frames.error(e))));
        assertEquals(ErrorCode.SYSTEM_ERROR, f.error().code());
        assertEquals(ErrorDomain.STREAMS, f.error().domain());
        assertEquals("cannot read: gone", f.error().getMessage());
    }

    @Test
    void holesCarryTheirLength() {
        Packet p = Packet.decode(frames.hole(1L << 33, 0));
        assertEquals(MessageType.STREAM_HOLE, p.header().type());
        StreamEvent.Hole h = assertInstanceOf(StreamEvent.Hole.class, StreamFrames.decode(p));
        assertEquals(1L << 33, h.length());
    }

    @Test
    void packetsAreBoundedAndMalformedOnesRefused() {
        byte[] big = new byte[StreamFrames.CHUNK + 1];
        assertThrows(IllegalArgumentException.class, () -> frames.data(big, 0, big.length));
        assertEquals(StreamFrames.CHUNK + 28, frames.data(big, 0, StreamFrames.CHUNK).length);
        Header okWithPayload = new Header(0x20008086, 1, 211, MessageType.STREAM, 7, MessageStatus.OK);
        assertThrows(XdrException.class, () -> StreamFrames.decode(new Packet(okWithPayload, new byte[4])));
        assertThrows(XdrException.class, () -> StreamFrames.decode(Packet.decode(frames.hole(-1, 0))));
    }
}
