package io.jvirt.driver.test.screen;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * The picture the test driver shows for every screen of every domain. libvirt's test driver streams
 * a fixed PNG of 1120x832 grey pixels; this is jvirt's own image of that size and kind (a grey
 * test pattern), encoded once as a PNG (signature, IHDR, IDAT, IEND) with the JDK's zlib.
 */
public final class TestScreen {
    public static final String MIME = "image/png";
    public static final int WIDTH = 1120;
    public static final int HEIGHT = 832;

    private static final byte[] PNG = encode();

    private TestScreen() {
    }

    /** The PNG bytes (a copy). */
    public static byte[] png() {
        return PNG.clone();
    }

    /** A grey test pattern: diagonal bands in eight shades, a frame, and a cross through the centre. */
    private static int pixel(int x, int y) {
        if (x < 8 || y < 8 || x >= WIDTH - 8 || y >= HEIGHT - 8 || x == WIDTH / 2 || y == HEIGHT / 2) {
            return 0xff;
        }
        return 0x20 + (((x + y) / 64) % 8) * 0x18;
    }

    private static byte[] encode() {
        byte[] raw = new byte[HEIGHT * (WIDTH + 1)];
        int i = 0;
        for (int y = 0; y < HEIGHT; y++) {
            raw[i++] = 0; // filter type None
            for (int x = 0; x < WIDTH; x++) {
                raw[i++] = (byte) pixel(x, y);
            }
        }
        Deflater zlib = new Deflater(Deflater.BEST_COMPRESSION);
        zlib.setInput(raw);
        zlib.finish();
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        while (!zlib.finished()) {
            idat.write(buf, 0, zlib.deflate(buf));
        }
        zlib.end();

        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(WIDTH).putInt(HEIGHT)
                .put((byte) 8) // bit depth
                .put((byte) 0) // colour type: greyscale
                .put((byte) 0).put((byte) 0).put((byte) 0); // deflate, adaptive filtering, no interlace
        chunk(png, "IHDR", ihdr.array());
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
