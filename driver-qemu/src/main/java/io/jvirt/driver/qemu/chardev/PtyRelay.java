package io.jvirt.driver.qemu.chardev;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A guest's pty, opened by two {@code cat} child processes instead of by the JVM: a process that
 * leads its session (jvirtd under systemd or setsid) and opens a tty without {@code O_NOCTTY}, which
 * Java cannot pass, makes it its controlling terminal, and gets SIGHUP, i.e. shuts down, when QEMU
 * closes the pty (observed). A child is never a session leader. One child copies the pty to our
 * pipe (and exits on the EIO that follows QEMU's exit), the other copies our pipe to the pty; both
 * copy what they read at once. QEMU puts its ptys in raw mode itself, so bytes pass unchanged.
 */
final class PtyRelay implements AutoCloseable {
    private final Process reader;
    private final Process writer;

    private PtyRelay(Process reader, Process writer) {
        this.reader = reader;
        this.writer = writer;
    }

    static PtyRelay open(String path) throws IOException {
        Path pty = Path.of(path);
        if (!Files.isReadable(pty) || !Files.isWritable(pty)) {
            throw new NoSuchFileException(path, null, "cannot read and write it");
        }
        Process reader = new ProcessBuilder("cat", path).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        reader.getOutputStream().close();
        try {
            Process writer = new ProcessBuilder("sh", "-c", "exec cat > \"$1\"", "sh", path)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new PtyRelay(reader, writer);
        } catch (IOException | RuntimeException e) {
            reader.destroyForcibly();
            throw e;
        }
    }

    /** The guest's output; ends when QEMU is gone or the relay is closed. */
    ReadableByteChannel in() {
        InputStream s = reader.getInputStream();
        return new ReadableByteChannel() {
            private volatile boolean open = true;

            @Override
            public int read(ByteBuffer dst) throws IOException {
                int n = s.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
                if (n > 0) {
                    dst.position(dst.position() + n);
                }
                return n;
            }

            @Override
            public boolean isOpen() {
                return open;
            }

            @Override
            public void close() {
                open = false;
                PtyRelay.this.close();
            }
        };
    }

    /** Input for the guest, handed on at once (the process's stdin is buffered: flushed per write). */
    WritableByteChannel out() {
        OutputStream s = writer.getOutputStream();
        return new WritableByteChannel() {
            private volatile boolean open = true;

            @Override
            public int write(ByteBuffer src) throws IOException {
                int n = src.remaining();
                s.write(src.array(), src.arrayOffset() + src.position(), n);
                s.flush();
                src.position(src.position() + n);
                return n;
            }

            @Override
            public boolean isOpen() {
                return open;
            }

            @Override
            public void close() {
                open = false;
                PtyRelay.this.close();
            }
        };
    }

    /** Ends both copies: a reader blocked on the guest's output sees the end of its pipe. */
    @Override
    public void close() {
        reader.destroy();
        writer.destroy();
    }
}
