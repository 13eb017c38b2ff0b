package io.jvirt.driver.test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The x86 CPU models libvirt 9.0 reports for i686 and x86_64, in its order (cpu-models-x86.txt). */
final class CpuModels {
    static final List<String> X86 = load("cpu-models-x86.txt");

    private CpuModels() {
    }

    private static List<String> load(String name) {
        try (InputStream in = CpuModels.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
