package io.jvirt.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.jvirt.rpc.remote.Procedure;
import io.jvirt.rpc.remote.RemoteProgram;

/** The REMOTE table against the protocol facts in ../shared. */
class ProcedureTableTest {
    private static Path shared() {
        return Traces.dir().getParent().getParent();
    }

    @Test
    void everyRemoteProcedureIsDeclaredWithItsNumber() throws Exception {
        Map<Integer, String> expected = new TreeMap<>();
        for (String line : Files.readAllLines(shared().resolve("protocol/procs.txt"))) {
            String[] kv = line.replace("REMOTE_PROC_", "").split("\\s*=\\s*");
            if (kv.length == 2) {
                expected.put(Integer.parseInt(kv[1].trim()), kv[0].trim());
            }
        }
        Map<Integer, String> declared = RemoteProgram.procedures().stream()
                .collect(Collectors.toMap(Procedure::number, Procedure::name, (a, b) -> a, TreeMap::new));
        assertEquals(expected, declared);
    }

    @Test
    void theTestDriverSurfaceIsCovered() throws Exception {
        Set<String> names = RemoteProgram.procedures().stream().map(Procedure::name).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>();
        for (String line : Files.readAllLines(shared().resolve("conformance/test-driver-surface.tsv")).subList(1,
                Files.readAllLines(shared().resolve("conformance/test-driver-surface.tsv")).size())) {
            String[] f = line.split("\t", -1);
            for (String p : f[8].split(" ")) {
                String proc = p.replace("!", "");
                // QEMU_* and LXC_* belong to the QEMU and LXC programs, declared with their drivers
                if (!proc.isEmpty() && !proc.startsWith("QEMU_") && !proc.startsWith("LXC_") && !names.contains(proc)) {
                    missing.add(proc);
                }
            }
        }
        assertTrue(missing.isEmpty(), "procedures virsh uses against the test driver but not declared: " + missing);
    }

    /** Codecs are derived on first use (cold start): a bad struct must still fail here, not on a client's call. */
    @Test
    void everyProcedureHasItsCodecs() {
        for (Procedure<?, ?> p : RemoteProgram.procedures()) {
            assertEquals(p.argsType() == null, p.args() == null, p + " args");
            assertEquals(p.retType() == null, p.ret() == null, p + " ret");
            assertTrue(p.args() == p.args() && p.ret() == p.ret(), p + ": derived once, then cached");
        }
    }

    @Test
    void priorityAndMutationComeFromTheDefinition() {
        Procedure<?, ?> destroy = RemoteProgram.procedure(12);
        assertEquals("DOMAIN_DESTROY", destroy.name());
        assertEquals(Procedure.Priority.HIGH, destroy.priority(), "destroy must never wait behind slow calls");
        assertTrue(destroy.mutating());
        assertEquals(Procedure.Priority.NORMAL, RemoteProgram.procedure(16).priority(), "GET_INFO may block");
        assertTrue(!RemoteProgram.procedure(16).mutating());
    }
}
