package io.jvirt.conf.nwfilter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cases where jvirt knowingly differs from libvirt, from {@code known-differences.txt}: lines
 * {@code corpus/name<TAB>reason}. A listed case must still differ (so the list shrinks when a
 * difference is fixed); any other case must match exactly.
 */
final class KnownDifferences {
    private static final Map<String, String> REASONS = load();

    private KnownDifferences() {
    }

    static String reason(String corpus, String name) {
        return REASONS.get(corpus + "/" + name);
    }

    private static Map<String, String> load() {
        Map<String, String> m = new LinkedHashMap<>();
        try (InputStream in = KnownDifferences.class.getResourceAsStream("known-differences.txt")) {
            if (in == null) {
                return m;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", 2);
                m.put(f[0].trim(), f.length > 1 ? f[1].trim() : "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }
}
