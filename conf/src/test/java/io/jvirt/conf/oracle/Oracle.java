package io.jvirt.conf.oracle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jvirt.testsupport.Shared;

/**
 * What real libvirt 9.0.0 did with each fixture (see shared/conformance/README.md): one
 * {@link Case} per row of {@code oracle-libvirt-9.0.0/index.tsv}.
 */
public final class Oracle {
    /** One fixture and libvirt's result for it. */
    public record Case(Path input, String kind, String result, Path oracle, String api, int code, int domain,
            String replacedResult, Path replacedOracle) {
        public String name() {
            String f = input.getFileName().toString();
            return f.endsWith(".xml") ? f.substring(0, f.length() - 4) : f;
        }

        /** The corpus folder, e.g. {@code tests/networkxml2xmlin}. */
        public String corpus() {
            Path rel = Shared.conformance().resolve("libvirt-10.7.0").relativize(input.getParent());
            return rel.toString();
        }

        public boolean accepted() {
            return result.equals("accepted");
        }

        /** Rejected only because test:///default already had an object of that name: use the replaced run. */
        public boolean hasReplaced() {
            return replacedResult != null && !replacedResult.isEmpty();
        }

        public String inputXml() {
            return read(input);
        }

        @Override
        public String toString() {
            return corpus() + "/" + input.getFileName();
        }
    }

    /** An error file: {@code key: value} lines, then {@code message:} and the verbatim message. */
    public record Error(String api, int code, int domain, String message) {
    }

    private Oracle() {
    }

    public static Path root() {
        return Shared.conformance().resolve("oracle-libvirt-9.0.0");
    }

    /** All cases, optionally of one corpus folder (e.g. {@code tests/networkxml2xmlin}). */
    public static List<Case> cases(String corpus) {
        Path conf = Shared.conformance();
        List<Case> list = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(root().resolve("index.tsv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            Path input = conf.resolve(f[0]);
            Case c = new Case(input, f[1], f[2], f[3].isEmpty() ? null : root().resolve(f[3]), f[4],
                    f[5].isEmpty() ? 0 : Integer.parseInt(f[5]), f[7].isEmpty() ? 0 : Integer.parseInt(f[7]),
                    f.length > 9 ? f[9] : "", f.length > 10 && !f[10].isEmpty() ? root().resolve(f[10]) : null);
            if (corpus == null || c.corpus().equals(corpus)) {
                list.add(c);
            }
        }
        return list;
    }

    public static Error readError(Path file) {
        String text = read(file);
        Map<String, String> keys = new LinkedHashMap<>();
        int m = text.indexOf("\nmessage:");
        String head = m >= 0 ? text.substring(0, m) : text;
        String message = "";
        if (m >= 0) {
            message = text.substring(m + "\nmessage:".length());
            if (message.startsWith(" ") || message.startsWith("\n")) {
                message = message.substring(1);
            }
            if (message.endsWith("\n")) {
                message = message.substring(0, message.length() - 1);
            }
        }
        for (String l : head.split("\n")) {
            int c = l.indexOf(':');
            if (c > 0) {
                keys.put(l.substring(0, c).trim(), l.substring(c + 1).trim());
            }
        }
        return new Error(keys.get("api"), firstInt(keys.get("code")), firstInt(keys.get("domain")), message);
    }

    private static int firstInt(String v) {
        if (v == null) {
            return 0;
        }
        return Integer.parseInt(v.split("[^0-9-]", 2)[0]);
    }

    public static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
