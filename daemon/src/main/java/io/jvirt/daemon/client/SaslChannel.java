package io.jvirt.daemon.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

import io.jvirt.daemon.auth.SecurityLayer;

/**
 * A TCP client's bytes, through a SASL security layer once one is started: the peer then sends
 * tokens, each a 4-byte length and what its layer made of some bytes (Cyrus's sasl_encode), which
 * are unwrapped here before the frames are read from them. Until then bytes pass as they came; they
 * are always read into a buffer of this class first, so bytes that arrive after the layer started
 * are never taken for plain ones, whenever the read began.
 */
final class SaslChannel implements ReadableByteChannel {
    /** Tokens larger than this are no peer's (libvirt's client uses 64 KiB buffers). */
    static final int MAX_TOKEN = 1 << 20;

    private final ReadableByteChannel raw;
    private final ByteBuffer in = ByteBuffer.allocate(65536 + 4);
    private ByteBuffer plain = ByteBuffer.allocate(0);
    private volatile SecurityLayer layer;
    private byte[] token;
    private int tokenHave;

    SaslChannel(ReadableByteChannel raw) {
        this.raw = raw;
        in.flip();
    }

    void decodeFrom(SecurityLayer l) {
        layer = l;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        for (;;) {
            if (plain.hasRemaining()) {
                int n = Math.min(plain.remaining(), dst.remaining());
                ByteBuffer slice = plain.slice();
                slice.limit(n);
                dst.put(slice);
                plain.position(plain.position() + n);
                return n;
            }
            if (!in.hasRemaining()) {
                in.clear();
                int r;
                try {
                    r = raw.read(in);
                } finally {
                    in.flip();
                }
                if (r < 0) {
                    return -1;
                }
            }
            SecurityLayer l = layer;
            if (l == null) {
                plain = ByteBuffer.allocate(in.remaining());
                plain.put(in).flip();
                continue;
            }
            decode(l);
        }
    }

    /** Takes the buffered bytes into the token being read; an unwrapped whole token becomes plain bytes. */
    private void decode(SecurityLayer l) throws IOException {
        if (token == null) {
            if (in.remaining() < 4) {
                // a length word split between reads: keep its start
                ByteBuffer keep = ByteBuffer.allocate(in.remaining());
                keep.put(in).flip();
                in.clear();
                in.put(keep);
                int r = raw.read(in);
                in.flip();
                if (r < 0) {
                    throw new IOException("connection closed in the middle of a SASL token");
                }
                return;
            }
            int len = in.getInt();
            if (len <= 0 || len > MAX_TOKEN) {
                throw new IOException("SASL token of " + (len & 0xffffffffL) + " bytes");
            }
            token = new byte[len];
            tokenHave = 0;
        }
        int n = Math.min(in.remaining(), token.length - tokenHave);
        in.get(token, tokenHave, n);
        tokenHave += n;
        if (tokenHave == token.length) {
            byte[] t = token;
            token = null;
            plain = ByteBuffer.wrap(l.unwrap(t, 0, t.length));
        }
    }

    @Override
    public boolean isOpen() {
        return raw.isOpen();
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}
