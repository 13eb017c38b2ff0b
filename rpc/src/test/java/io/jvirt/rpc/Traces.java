package io.jvirt.rpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import io.jvirt.testsupport.Shared;

/** Reads the packets of shared/protocol/traces/*.trace: real bytes between virsh/python and libvirtd. */
final class Traces {
    record TracePacket(String trace, String direction, byte[] bytes, String title) {
        @Override
        public String toString() {
            return trace + ": " + title;
        }
    }

    private Traces() {
    }

    static Path dir() {
        Path traces = Shared.dir().resolve("protocol").resolve("traces");
        if (!Files.isDirectory(traces)) {
            throw new IllegalStateException(traces + " is missing: the RPC tests replay libvirt's real byte traces "
                    + "from there");
        }
        return traces;
    }

    static List<TracePacket> all() {
        List<TracePacket> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".trace")).sorted().toList()) {
                out.addAll(read(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<TracePacket> read(Path file) throws IOException {
        String name = file.getFileName().toString().replace(".trace", "");
        List<TracePacket> out = new ArrayList<>();
        String title = null;
        StringBuilder hex = null;
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("# C>S ") || line.startsWith("# S>C ")) {
                title = line.substring(2);
                hex = new StringBuilder();
            } else if (hex != null && line.matches("[0-9a-f]{8}( [0-9a-f]{2,8})*")) {
                hex.append(line.replace(" ", ""));
            } else if (hex != null && !hex.isEmpty()) {
                out.add(new TracePacket(name, title.substring(0, 3), HexFormat.of().parseHex(hex), title));
                hex = null;
            }
        }
        if (hex != null && !hex.isEmpty()) {
            out.add(new TracePacket(name, title.substring(0, 3), HexFormat.of().parseHex(hex), title));
        }
        return out;
    }
}
