package io.jvirt.driver.test.cpu;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The x86 CPU features and models as libvirt 9.0's test driver answers baseline questions about
 * them ({@code cpu-baseline-x86.txt}, derived from those answers by tools/observe-cpu-baseline.py):
 * every feature name in the order libvirt lists features, and per model, in libvirt's order, its
 * vendor, whether libvirt decodes guest CPUs to it, its features and the features it no longer has
 * but lists as disabled.
 */
final class X86CpuMap {
    record Model(String name, String vendor, boolean decode, Set<String> features, List<String> removed) {
    }

    static final X86CpuMap INSTANCE = load("cpu-baseline-x86.txt");

    private final Map<String, Integer> rank = new HashMap<>();
    private final Map<String, Model> byName = new HashMap<>();
    private final List<Model> models = new ArrayList<>();

    private X86CpuMap() {
    }

    boolean isFeature(String name) {
        return rank.containsKey(name);
    }

    Model model(String name) {
        return byName.get(name);
    }

    /** Every model, oldest first, as libvirt lists them. */
    List<Model> models() {
        return models;
    }

    /** Feature names in libvirt's order. */
    List<String> inOrder(Set<String> features) {
        return features.stream().sorted((a, b) -> Integer.compare(rank.get(a), rank.get(b))).toList();
    }

    private static X86CpuMap load(String resource) {
        X86CpuMap map = new X86CpuMap();
        try (InputStream in = X86CpuMap.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the bundle");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("features ")) {
                    String[] names = line.substring("features ".length()).trim().split(" ");
                    for (int i = 0; i < names.length; i++) {
                        map.rank.put(names[i], i);
                    }
                } else if (line.startsWith("model ")) {
                    String[] halves = line.substring("model ".length()).split(" ; removed ");
                    String[] headAndFeatures = halves[0].split(" : ", 2);
                    String[] head = headAndFeatures[0].trim().split(" ");
                    Set<String> features = new LinkedHashSet<>(words(headAndFeatures.length > 1 ? headAndFeatures[1] : ""));
                    List<String> removed = halves.length > 1 ? words(halves[1]) : List.of();
                    Model m = new Model(head[0], head[1].equals("-") ? null : head[1], head[2].equals("decode"),
                            Set.copyOf(features), removed);
                    map.models.add(m);
                    map.byName.put(m.name(), m);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return map;
    }

    private static List<String> words(String s) {
        return Arrays.stream(s.trim().split(" ")).filter(w -> !w.isEmpty()).toList();
    }
}
