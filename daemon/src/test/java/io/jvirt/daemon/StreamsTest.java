package io.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jvirt.daemon.server.Limits;
import io.jvirt.daemon.server.Listener;
import io.jvirt.daemon.server.Server;
import io.jvirt.registry.testing.InProcessVirt;
import io.jvirt.rpc.packet.Header;
import io.jvirt.rpc.packet.MessageStatus;
import io.jvirt.rpc.packet.MessageType;
import io.jvirt.rpc.packet.Packet;
import io.jvirt.rpc.remote.ConnectProcedures;
import io.jvirt.rpc.remote.DomainProcedures;
import io.jvirt.rpc.remote.Procedure;
import io.jvirt.rpc.remote.RemoteError;
import io.jvirt.rpc.remote.RemoteTypes.RemoteDomain;
import io.jvirt.rpc.stream.StreamEvent;
import io.jvirt.rpc.stream.StreamFrames;
import io.jvirt.rpc.xdr.Xdr;
import io.jvirt.testsupport.Virsh;

/**
 * jvirtd's streams on the wire, packet by packet (libvirt's stream protocol: the call's reply, then
 * STREAM packets with the call's serial, CONTINUE with data, an empty CONTINUE for the end, the
 * client's OK to finish or ERROR to abort, each confirmed by an empty OK), and with the real virsh.
 */
class StreamsTest {
    static Path dir;
    static Server server;
    static StreamingDriver driver;
    static String tcp;
    static String unixUri;

    Socket socket;
    InputStream in;
    int serial;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("jvirtd-streams");
        driver = new StreamingDriver();
        server = new Server(new InProcessVirt("streaming:///default").add(driver, "streaming", "streaming"),
                Limits.defaults());
        Listener t = Listener.tcp("127.0.0.1", 0);
        Listener u = Listener.unix(dir.resolve("libvirt-sock"), false, "rwx------");
        server.listen(t);
        server.listen(u);
        tcp = t.address();
        unixUri = "streaming+unix:///default?socket=" + u.address();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void connect() throws Exception {
        String[] hp = tcp.split(":");
        socket = new Socket();
        socket.connect(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])));
        socket.setSoTimeout(30_000);
        in = new BufferedInputStream(socket.getInputStream());
        Packet reply = call(ConnectProcedures.CONNECT_OPEN, new ConnectProcedures.ConnectOpenArgs("streaming:///default", 0));
        assertEquals(MessageStatus.OK, reply.header().status());
        driver.endings.clear();
    }

    @AfterEach
    void close() throws IOException {
        socket.close();
    }

    private <A> Header send(Procedure<A, ?> proc, A args) throws IOException {
        Header h = new Header(proc.program(), 1, proc.number(), MessageType.CALL, serial++, MessageStatus.OK);
        socket.getOutputStream().write(Packet.encode(h, proc.args(), args));
        return h;
    }

    private <A> Packet call(Procedure<A, ?> proc, A args) throws IOException {
        Header h = send(proc, args);
        Packet p = Packet.read(in);
        assertEquals(MessageType.REPLY, p.header().type());
        assertEquals(h.serial(), p.header().serial());
        return p;
    }

    private Header screenshot(int screen) throws IOException {
        return send(DomainProcedures.DOMAIN_SCREENSHOT, new DomainProcedures.DomainScreenshotArgs(
                RemoteDomain.of(StreamingDriver.DOMAIN), screen, 0));
    }

    /** Reads the stream's packets until one that is not data; returns the data and that packet. */
    private record Received(byte[] data, int packets, Packet last) {
    }

    private Received receive(Header call) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int packets = 0;
        for (;;) {
            Packet p = Packet.read(in);
            assertEquals(call.serial(), p.header().serial());
            assertEquals(call.procedure(), p.header().procedure());
            assertEquals(MessageType.STREAM, p.header().type());
            if (p.header().status() != MessageStatus.CONTINUE || p.payload().length == 0) {
                return new Received(data.toByteArray(), packets, p);
            }
            assertTrue(p.payload().length <= StreamFrames.CHUNK, "at most libvirt's legacy payload per packet");
            data.writeBytes(p.payload());
            packets++;
        }
    }

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = StreamingDriver.pattern(i);
        }
        return b;
    }

    @Test
    void replyThenDataThenEndThenFinishIsConfirmed() throws Exception {
        Header call = screenshot(0);
        Packet reply = Packet.read(in);
        assertEquals(MessageType.REPLY, reply.header().type(), "the reply comes before any data");
        assertEquals(MessageStatus.OK, reply.header().status());
        assertEquals("application/x-pattern", reply.body(DomainProcedures.DOMAIN_SCREENSHOT.ret()).mime());
        Received r = receive(call);
        assertArrayEquals(pattern(StreamingDriver.SIZE), r.data());
        assertEquals(3, r.packets(), "600,000 bytes in packets of at most 262,120");
        assertEquals(MessageStatus.CONTINUE, r.last().header().status());
        assertEquals(0, r.last().payload().length, "the end of the data is an empty CONTINUE");

        socket.getOutputStream().write(new StreamFrames(call).finish());
        Packet confirm = Packet.read(in);
        assertEquals(new Header(call.program(), call.version(), call.procedure(), MessageType.STREAM, call.serial(),
                MessageStatus.OK), confirm.header());
        assertEquals(0, confirm.payload().length);
        assertEquals(List.of("finish"), driver.endings);

        call(ConnectProcedures.CONNECT_GET_TYPE, null); // the connection carries on with calls
    }

    @Test
    void aFailingStreamSendsStreamErrorWithTheDriversError() throws Exception {
        Header call = screenshot(1);
        assertEquals(MessageStatus.OK, Packet.read(in).header().status());
        Received r = receive(call);
        assertArrayEquals(pattern(StreamingDriver.FAIL_AFTER), r.data());
        assertEquals(MessageStatus.ERROR, r.last().header().status());
        StreamEvent e = StreamFrames.decode(r.last());
        RemoteError err = r.last().body(Xdr.of(RemoteError.class));
        assertEquals("cannot read screen 1: the picture tore", err.message());
        assertEquals(io.jvirt.api.ErrorCode.SYSTEM_ERROR.value(), err.code());
        assertTrue(e instanceof StreamEvent.Failure);
        assertEquals(List.of("abort"), driver.endings);
    }

    @Test
    void aCallThatFailsGetsAnErrorReplyAndNoStream() throws Exception {
        screenshot(2);
        Packet reply = Packet.read(in);
        assertEquals(MessageType.REPLY, reply.header().type());
        assertEquals(MessageStatus.ERROR, reply.header().status());
        assertEquals("Requested operation is not valid: screen 2 has no picture",
                reply.body(Xdr.of(RemoteError.class)).message());
        call(ConnectProcedures.CONNECT_GET_TYPE, null); // the next packet is its reply, not stream data
    }

    @Test
    void theClientAbortsAfterTheFirstPacketAndGetsAConfirmation() throws Exception {
        Header call = screenshot(0);
        assertEquals(MessageStatus.OK, Packet.read(in).header().status());
        Packet first = Packet.read(in);
        assertEquals(MessageStatus.CONTINUE, first.header().status());
        socket.getOutputStream().write(new StreamFrames(call).abort());
        // data already under way may come first; then the empty OK that confirms the abort
        Packet p;
        do {
            p = Packet.read(in);
            assertEquals(call.serial(), p.header().serial());
        } while (p.header().status() == MessageStatus.CONTINUE);
        assertEquals(MessageStatus.OK, p.header().status());
        assertEquals(List.of("abort"), driver.endings);
    }

    @Test
    void stalePacketsForAnEndedStreamAreIgnored() throws Exception {
        Header call = screenshot(2);
        Packet.read(in);
        socket.getOutputStream().write(new StreamFrames(call).data(new byte[] { 1, 2, 3 }, 0, 3));
        socket.getOutputStream().write(new StreamFrames(call).finish());
        call(ConnectProcedures.CONNECT_GET_TYPE, null); // answered: the connection is still up
    }

    @Test
    void aClientThatGoesAwayMidStreamAbortsIt() throws Exception {
        screenshot(0);
        assertEquals(MessageStatus.OK, Packet.read(in).header().status());
        socket.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (driver.endings.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of("abort"), driver.endings);
    }

    @Test
    void anUploadTakesTheClientsDataUntilItsFinish() throws Exception {
        driver.volume = new byte[0];
        Header call = send(io.jvirt.rpc.remote.StorageProcedures.STORAGE_VOL_UPLOAD,
                new io.jvirt.rpc.remote.StorageProcedures.StorageVolUploadArgs(
                        io.jvirt.rpc.remote.RemoteTypes.RemoteStorageVol.of(StreamingDriver.VOLUME), 0, 0, 0));
        Packet reply = Packet.read(in);
        assertEquals(MessageType.REPLY, reply.header().type());
        assertEquals(MessageStatus.OK, reply.header().status());
        byte[] data = pattern(StreamingDriver.SIZE);
        StreamFrames frames = new StreamFrames(call);
        for (int off = 0; off < data.length; off += StreamFrames.CHUNK) {
            socket.getOutputStream().write(frames.data(data, off, Math.min(StreamFrames.CHUNK, data.length - off)));
        }
        socket.getOutputStream().write(frames.finish());
        Packet confirm = Packet.read(in); // nothing answers the data packets; the finish is confirmed
        assertEquals(MessageType.STREAM, confirm.header().type());
        assertEquals(MessageStatus.OK, confirm.header().status());
        assertEquals(call.serial(), confirm.header().serial());
        assertArrayEquals(data, driver.volume);
        assertEquals(List.of("finish"), driver.endings);
    }

    @Test
    void anAbortedUploadChangesNothing() throws Exception {
        driver.volume = new byte[] { 42 };
        Header call = send(io.jvirt.rpc.remote.StorageProcedures.STORAGE_VOL_UPLOAD,
                new io.jvirt.rpc.remote.StorageProcedures.StorageVolUploadArgs(
                        io.jvirt.rpc.remote.RemoteTypes.RemoteStorageVol.of(StreamingDriver.VOLUME), 0, 0, 0));
        assertEquals(MessageStatus.OK, Packet.read(in).header().status());
        StreamFrames frames = new StreamFrames(call);
        socket.getOutputStream().write(frames.data(new byte[] { 1, 2, 3 }, 0, 3));
        socket.getOutputStream().write(frames.abort());
        Packet confirm = Packet.read(in);
        assertEquals(MessageStatus.OK, confirm.header().status());
        assertArrayEquals(new byte[] { 42 }, driver.volume);
        assertEquals(List.of("abort"), driver.endings);
    }

    @Test
    void virshUploadsAndDownloadsAVolume() throws Exception {
        Path up = dir.resolve("up.bin");
        Path down = dir.resolve("down.bin");
        Files.write(up, pattern(StreamingDriver.SIZE));
        Virsh.Result u = Virsh.run(unixUri, "vol-upload", StreamingDriver.VOLUME.key(), up.toString());
        assertEquals(0, u.exit(), u.err());
        assertArrayEquals(pattern(StreamingDriver.SIZE), driver.volume);
        Virsh.Result d = Virsh.run(unixUri, "vol-download", StreamingDriver.VOLUME.key(), down.toString(),
                "--offset", "1000", "--length", "5000");
        assertEquals(0, d.exit(), d.err());
        assertArrayEquals(java.util.Arrays.copyOfRange(pattern(StreamingDriver.SIZE), 1000, 6000), Files.readAllBytes(down));
    }

    @Test
    void virshSavesTheScreenshot() throws Exception {
        Path file = dir.resolve("shot.bin");
        Virsh.Result r = Virsh.run(unixUri, "screenshot", "screen", "--file", file.toString());
        assertEquals(0, r.exit(), r.err());
        assertArrayEquals(pattern(StreamingDriver.SIZE), Files.readAllBytes(file));
        assertEquals(List.of("finish"), driver.endings);
    }
}
