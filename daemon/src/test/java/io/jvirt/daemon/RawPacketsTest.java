package io.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jvirt.daemon.server.Limits;
import io.jvirt.daemon.server.Listener;
import io.jvirt.daemon.server.Server;
import io.jvirt.examples.vendor.VendorDriver;
import io.jvirt.registry.testing.InProcessVirt;
import io.jvirt.rpc.packet.FrameReader;
import io.jvirt.rpc.packet.Header;
import io.jvirt.rpc.packet.MessageStatus;
import io.jvirt.rpc.packet.MessageType;
import io.jvirt.rpc.packet.Packet;
import io.jvirt.rpc.remote.ConnectProcedures;
import io.jvirt.rpc.remote.DomainProcedures;
import io.jvirt.rpc.remote.KeepaliveProgram;
import io.jvirt.rpc.remote.LxcProgram;
import io.jvirt.rpc.remote.QemuProgram;
import io.jvirt.rpc.remote.RemoteError;
import io.jvirt.rpc.remote.RemoteProgram;
import io.jvirt.rpc.remote.RemoteTypes.RemoteDomain;
import io.jvirt.rpc.xdr.Xdr;
import io.jvirt.rpc.xdr.XdrCodec;
import io.jvirt.rpc.xdr.XdrReader;

/**
 * Packets a libvirt client would not send, written to jvirtd's sockets byte by byte, and answered
 * as libvirtd 9.0 answers them. Every expected code, domain and message was measured with the same
 * packets against a libvirtd 9.0 started by the anchor kit (its test driver; {@code test:///default}
 * over its read-write and read-only sockets); jvirtd here serves the vendor driver, which like
 * libvirt's test driver has no QEMU monitor.
 */
class RawPacketsTest {
    static Path dir;
    static Server server;
    static Path rw;
    static Path ro;
    private Raw raw;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("jvirtd-raw");
        server = new Server(new InProcessVirt("vendor:///default").add(new VendorDriver(), "vendor", "vendor"),
                Limits.defaults());
        rw = dir.resolve("libvirt-sock");
        ro = dir.resolve("libvirt-sock-ro");
        server.listen(Listener.unix(rw, false, "rwx------"));
        server.listen(Listener.unix(ro, true, "rwxrwxrwx"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void closeClient() throws IOException {
        if (raw != null) {
            raw.close();
        }
    }

    /** One client connection speaking raw packets. */
    static final class Raw implements AutoCloseable {
        final SocketChannel ch;
        final FrameReader in;
        int serial;

        Raw(Path socket) throws IOException {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(socket));
            in = new FrameReader(ch);
        }

        void send(int program, int version, int procedure, MessageType type, byte[] payload) throws IOException {
            byte[] frame = Packet.encodeRaw(new Header(program, version, procedure, type, ++serial, MessageStatus.OK),
                    payload);
            ch.write(ByteBuffer.wrap(frame));
        }

        Packet call(int program, int version, int procedure, byte[] payload) throws IOException {
            send(program, version, procedure, MessageType.CALL, payload);
            Packet reply = in.read();
            assertEquals(serial, reply.header().serial(), "the reply answers the call just made");
            return reply;
        }

        /** The error a call got, as {@code code/domain message}; "OK" when it succeeded. */
        String error(int program, int procedure, byte[] payload) throws IOException {
            Packet p = call(program, program == RemoteProgram.PROGRAM ? RemoteProgram.VERSION : 1, procedure, payload);
            if (p.header().status() == MessageStatus.OK) {
                return "OK";
            }
            RemoteError e = Xdr.of(RemoteError.class).decode(new XdrReader(p.payload()));
            return e.code() + "/" + e.domain() + " " + e.message();
        }

        Raw open(String uri) throws IOException {
            assertEquals("OK", error(RemoteProgram.PROGRAM, 1,
                    encode(ConnectProcedures.ConnectOpenArgs.class, new ConnectProcedures.ConnectOpenArgs(uri, 0))));
            return this;
        }

        /** The client is still served: a plain call after the bad one is answered. */
        void stillServed() throws IOException {
            assertEquals("OK", error(RemoteProgram.PROGRAM, ConnectProcedures.CONNECT_GET_TYPE.number(), new byte[0]));
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }

    static <T> byte[] encode(Class<T> type, T value) {
        XdrCodec<T> codec = Xdr.of(type);
        io.jvirt.rpc.xdr.XdrWriter out = new io.jvirt.rpc.xdr.XdrWriter(256);
        codec.encode(value, out);
        return out.toByteArray();
    }

    static final RemoteDomain SOME_DOMAIN = new RemoteDomain("vendor-1", new UUID(0, 0), -1);

    @Test
    void aProcedureNumberOutsideTheProgramIsAnUnknownProcedure() throws IOException {
        raw = new Raw(rw);
        // before CONNECT_OPEN as after it, and the client stays connected
        assertEquals("39/7 unknown procedure: 9999", raw.error(RemoteProgram.PROGRAM, 9999, new byte[0]));
        assertEquals("39/7 unknown procedure: 0", raw.error(RemoteProgram.PROGRAM, 0, new byte[0]));
        assertEquals("39/7 unknown procedure: -1", raw.error(RemoteProgram.PROGRAM, -1, new byte[0]));
        raw.open("vendor:///default");
        assertEquals("39/7 unknown procedure: 454", raw.error(RemoteProgram.PROGRAM, 454, new byte[0]));
        // an event is a message the server sends: libvirtd has no dispatcher for it
        assertEquals("39/7 unknown procedure: 107", raw.error(RemoteProgram.PROGRAM, 107, new byte[0]));
        assertEquals("39/7 unknown procedure: 318", raw.error(RemoteProgram.PROGRAM, 318, new byte[0]));
        // the same in the QEMU and LXC programs
        assertEquals("39/7 unknown procedure: 9999", raw.error(QemuProgram.PROGRAM, 9999, new byte[0]));
        assertEquals("39/7 unknown procedure: 6", raw.error(QemuProgram.PROGRAM, 6, new byte[0]));
        assertEquals("39/7 unknown procedure: 2", raw.error(LxcProgram.PROGRAM, 2, new byte[0]));
        raw.stillServed();
    }

    @Test
    void aProgramOrVersionNotServedIsCannotFindProgram() throws IOException {
        raw = new Raw(rw).open("vendor:///default");
        assertEquals("39/7 Cannot find program 536903814 version 2", error(RemoteProgram.PROGRAM, 2, 1));
        assertEquals("39/7 Cannot find program 536903814 version -1", error(RemoteProgram.PROGRAM, -1, 1));
        assertEquals("39/7 Cannot find program 536903815 version 2", error(QemuProgram.PROGRAM, 2, 1));
        assertEquals("39/7 Cannot find program 305419896 version 1", error(0x12345678, 1, 1));
        assertEquals("39/7 Cannot find program -1 version 1", error(0xffffffff, 1, 1));
        // the admin program is served on its own socket only, keepalive never as a call
        assertEquals("39/7 Cannot find program 110102160 version 1", error(0x06900690, 1, 1));
        assertEquals("39/7 Cannot find program 1801807216 version 1",
                error(KeepaliveProgram.PROGRAM, KeepaliveProgram.VERSION, KeepaliveProgram.PING));
        raw.stillServed();
    }

    private String error(int program, int version, int procedure) throws IOException {
        Packet p = raw.call(program, version, procedure, new byte[0]);
        RemoteError e = Xdr.of(RemoteError.class).decode(new XdrReader(p.payload()));
        return e.code() + "/" + e.domain() + " " + e.message();
    }

    @Test
    void aPayloadThatDoesNotDecodeIsRefusedAndTheClientStays() throws IOException {
        raw = new Raw(rw).open("vendor:///default");
        assertEquals("39/7 Unable to decode message payload",
                raw.error(RemoteProgram.PROGRAM, DomainProcedures.DOMAIN_LOOKUP_BY_NAME.number(), new byte[0]));
        assertEquals("39/7 Unable to decode message payload",
                raw.error(QemuProgram.PROGRAM, QemuProgram.DOMAIN_MONITOR_COMMAND.number(), new byte[0]));
        assertEquals("39/7 Unable to decode message payload",
                raw.error(LxcProgram.PROGRAM, LxcProgram.DOMAIN_OPEN_NAMESPACE.number(), new byte[0]));
        // bytes after the last field are not read, as libvirtd's XDR decoding does not read them
        assertEquals("OK", raw.error(RemoteProgram.PROGRAM, ConnectProcedures.CONNECT_GET_TYPE.number(), new byte[4]));
        raw.stillServed();
    }

    @Test
    void packetsThatAreNotCallsAreDropped() throws IOException {
        raw = new Raw(rw).open("vendor:///default");
        raw.send(RemoteProgram.PROGRAM, RemoteProgram.VERSION, 9999, MessageType.MESSAGE, new byte[0]);
        raw.send(RemoteProgram.PROGRAM, RemoteProgram.VERSION, ConnectProcedures.CONNECT_GET_TYPE.number(),
                MessageType.REPLY, new byte[0]);
        raw.send(KeepaliveProgram.PROGRAM, 2, KeepaliveProgram.PING, MessageType.MESSAGE, new byte[0]);
        raw.send(KeepaliveProgram.PROGRAM, KeepaliveProgram.VERSION, 9, MessageType.MESSAGE, new byte[0]);
        // nothing answered them: the next packet read is the reply to this call (checked by serial)
        raw.stillServed();
    }

    @Test
    void callsBeforeOpeningNameTheConnectionTheyNeed() throws IOException {
        raw = new Raw(rw);
        assertEquals("1/7 internal error: hypervisor connection not open",
                raw.error(RemoteProgram.PROGRAM, ConnectProcedures.CONNECT_GET_TYPE.number(), new byte[4096]));
        assertEquals("1/7 internal error: connection not open", raw.error(RemoteProgram.PROGRAM, 40, new byte[4096]));
        assertEquals("1/7 internal error: hypervisor connection not open",
                raw.error(QemuProgram.PROGRAM, QemuProgram.DOMAIN_MONITOR_COMMAND.number(), new byte[4096]));
        // node device assignment is the hypervisor's
        assertEquals("1/7 internal error: hypervisor connection not open",
                raw.error(RemoteProgram.PROGRAM, 118, new byte[4096]));
        // libvirt's clients ask for keepalive before CONNECT_OPEN, and libvirtd answers that one feature
        // without a connection (remoteDispatchConnectSupportsFeature); any other feature needs it
        int supports = ConnectProcedures.CONNECT_SUPPORTS_FEATURE.number();
        assertEquals("OK", raw.error(RemoteProgram.PROGRAM, supports, new byte[] { 0, 0, 0, 10 }));
        assertEquals("1/7 internal error: hypervisor connection not open",
                raw.error(RemoteProgram.PROGRAM, supports, new byte[] { 0, 0, 0, 9 }));
    }

    @Test
    void qemuAndLxcCallsAreNotSupportedByADriverWithoutThem() throws IOException {
        raw = new Raw(rw).open("vendor:///default");
        assertEquals("3/0 this function is not supported by the connection driver: virDomainQemuMonitorCommand",
                raw.error(QemuProgram.PROGRAM, 1, encode(QemuProgram.DomainMonitorCommandArgs.class,
                        new QemuProgram.DomainMonitorCommandArgs(SOME_DOMAIN, "{}", 0))));
        assertEquals("3/0 this function is not supported by the connection driver: virDomainQemuAgentCommand",
                raw.error(QemuProgram.PROGRAM, 3, encode(QemuProgram.DomainAgentCommandArgs.class,
                        new QemuProgram.DomainAgentCommandArgs(SOME_DOMAIN, "{}", 5, 0))));
        assertEquals("3/0 this function is not supported by the connection driver: virDomainLxcOpenNamespace",
                raw.error(LxcProgram.PROGRAM, 1, encode(LxcProgram.DomainOpenNamespaceArgs.class,
                        new LxcProgram.DomainOpenNamespaceArgs(SOME_DOMAIN, 0))));
        assertEquals("1/7 internal error: qemu monitor event callback 7 not registered",
                raw.error(QemuProgram.PROGRAM, 5, encode(QemuProgram.ConnectDomainMonitorEventDeregisterArgs.class,
                        new QemuProgram.ConnectDomainMonitorEventDeregisterArgs(7))));
    }

    @Test
    void theReadOnlySocketNamesEachProceduresOwnApi() throws IOException {
        raw = new Raw(ro).open("vendor:///default");
        byte[] zeros = new byte[4096];
        assertEquals("29/20 operation forbidden: read only access prevents virDomainDefineXML",
                raw.error(RemoteProgram.PROGRAM, DomainProcedures.DOMAIN_DEFINE_XML.number(), zeros));
        assertEquals("29/20 operation forbidden: read only access prevents virDomainDefineXMLFlags",
                raw.error(RemoteProgram.PROGRAM, DomainProcedures.DOMAIN_DEFINE_XML_FLAGS.number(), zeros));
        assertEquals("29/20 operation forbidden: read only access prevents virDomainDestroy",
                raw.error(RemoteProgram.PROGRAM, DomainProcedures.DOMAIN_DESTROY.number(), zeros));
        assertEquals("29/20 operation forbidden: read only access prevents virDomainDestroyFlags",
                raw.error(RemoteProgram.PROGRAM, DomainProcedures.DOMAIN_DESTROY_FLAGS.number(), zeros));
        // before "not supported": libvirt's public API checks first
        assertEquals("29/30 operation forbidden: read only access prevents virSecretDefineXML",
                raw.error(RemoteProgram.PROGRAM, 142, zeros));
        assertEquals("29/0 operation forbidden: read only access prevents virDomainQemuMonitorCommand",
                raw.error(QemuProgram.PROGRAM, 1, zeros));
        byte[] secure = encode(DomainProcedures.DomainGetXmlDescArgs.class,
                new DomainProcedures.DomainGetXmlDescArgs(SOME_DOMAIN, 1));
        assertEquals("29/20 operation forbidden: virDomainGetXMLDesc with secure flag",
                raw.error(RemoteProgram.PROGRAM, DomainProcedures.DOMAIN_GET_XML_DESC.number(), secure));
    }
}
