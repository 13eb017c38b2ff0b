package io.jvirt.driver.lxc;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;

import io.jvirt.api.Stream;

/** Typing into a container's console stream and reading until an answer appears. */
final class ConsoleIo {
    private final Stream stream;
    private final StringBuilder seen = new StringBuilder();

    ConsoleIo(Stream stream) {
        this.stream = stream;
    }

    void type(String line) {
        byte[] b = (line + "\n").getBytes(StandardCharsets.UTF_8);
        stream.send(b, 0, b.length);
    }

    /** Reads until {@code text} appeared (bounded by the test's timeout); returns all seen so far. */
    String await(String text) {
        byte[] buf = new byte[4096];
        while (seen.indexOf(text) < 0) {
            int n = stream.recv(buf, 0, buf.length);
            if (n <= 0) {
                fail("the console ended before '" + text + "' appeared:\n" + seen);
            }
            seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        return seen.toString();
    }
}
