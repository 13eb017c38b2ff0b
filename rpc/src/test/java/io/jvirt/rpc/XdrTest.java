package io.jvirt.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.jvirt.api.ErrorCode;
import io.jvirt.rpc.packet.Header;
import io.jvirt.rpc.packet.MessageStatus;
import io.jvirt.rpc.packet.MessageType;
import io.jvirt.rpc.packet.Packet;
import io.jvirt.rpc.remote.ConnectProcedures;
import io.jvirt.rpc.remote.RemoteProgram;
import io.jvirt.rpc.xdr.Xdr;
import io.jvirt.rpc.xdr.XdrException;
import io.jvirt.rpc.xdr.XdrReader;
import io.jvirt.rpc.xdr.XdrWriter;

class XdrTest {
    @Test
    void connectOpenIsTheDocumentedFiftySixBytes() {
        byte[] frame = Packet.encode(new Header(RemoteProgram.PROGRAM, 1, 1, MessageType.CALL, 2, MessageStatus.OK),
                ConnectProcedures.CONNECT_OPEN.args(), new ConnectProcedures.ConnectOpenArgs("test:///default", 0));
        assertEquals("00000038200080860000000100000001000000000000000200000000"
                + "000000010000000f746573743a2f2f2f64656661756c740000000000", HexFormat.of().formatHex(frame));
    }

    @Test
    void charArrayIsSentAsFourByteInts() {
        byte[] b = new XdrWriter().writeInt(0).toByteArray();
        assertEquals(4, b.length);
        XdrWriter w = new XdrWriter();
        Xdr.chars(32).encode("i686", w);
        assertEquals(128, w.size());
        assertEquals("i686", Xdr.chars(32).decode(new XdrReader(w.toByteArray())));
    }

    @Test
    void stringsArePaddedAndRoundTrip() {
        XdrWriter w = new XdrWriter().writeString("abcde", 100);
        assertEquals(12, w.size());
        assertEquals("abcde", new XdrReader(w.toByteArray()).readString(100));
    }

    @Test
    void uuidIsSixteenRawBytes() {
        UUID u = UUID.fromString("6695eb01-f6a4-8304-79aa-97f2502e193f");
        byte[] b = new XdrWriter().writeUuid(u).toByteArray();
        assertEquals("6695eb01f6a4830479aa97f2502e193f", HexFormat.of().formatHex(b));
        assertEquals(u, new XdrReader(b).readUuid());
    }

    @Test
    void hostileLengthsFailBeforeAllocation() {
        // a string claiming 4 MiB + 1, an array claiming 2^31-1 elements, a packet claiming 4 GiB
        byte[] hugeString = new XdrWriter().writeInt(Xdr.STRING_MAX + 1).toByteArray();
        assertThrows(XdrException.class, () -> new XdrReader(hugeString).readString(Xdr.STRING_MAX));
        byte[] hugeArray = new XdrWriter().writeInt(Integer.MAX_VALUE).toByteArray();
        assertThrows(XdrException.class, () -> Xdr.array(Xdr.INT, 16384).decode(new XdrReader(hugeArray)));
        byte[] manyButShort = new XdrWriter().writeInt(1000).toByteArray();
        assertThrows(XdrException.class, () -> Xdr.array(Xdr.INT, 16384).decode(new XdrReader(manyButShort)),
                "a count larger than the bytes left is refused before the list is built");
        XdrException e = assertThrows(XdrException.class, () -> Packet.checkLength(0xffffffff));
        assertEquals(ErrorCode.RPC, e.code());
        assertThrows(XdrException.class, () -> Packet.checkLength(27));
        assertEquals(28, Packet.checkLength(28));
        assertEquals(Packet.MAX + 4, Packet.checkLength(Packet.MAX + 4));
        assertThrows(XdrException.class, () -> Packet.checkLength(Packet.MAX + 5));
    }

    @Test
    void trailingBytesAreAProtocolError() {
        byte[] frame = Packet.encodeRaw(new Header(RemoteProgram.PROGRAM, 1, 3, MessageType.CALL, 0,
                MessageStatus.OK), new byte[] { 0, 0, 0, 0 });
        Packet p = Packet.decode(frame);
        assertThrows(XdrException.class, () -> p.body(null));
    }

    @Test
    void optionalAndArrays() {
        var codec = Xdr.array(Xdr.optional(Xdr.STRING), 4);
        XdrWriter w = new XdrWriter();
        codec.encode(java.util.Arrays.asList("a", null), w);
        assertEquals(java.util.Arrays.asList("a", null), codec.decode(new XdrReader(w.toByteArray())));
        assertThrows(XdrException.class, () -> codec.encode(List.of("1", "2", "3", "4", "5"), new XdrWriter()));
        assertArrayEquals(new byte[] { 0, 0, 0, 0 }, new XdrWriter().writeBoolean(false).toByteArray());
    }
}
