package io.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jvirt.daemon.server.Limits;
import io.jvirt.daemon.server.Listener;
import io.jvirt.daemon.server.Server;
import io.jvirt.driver.test.TestDriver;
import io.jvirt.registry.testing.InProcessVirt;
import io.jvirt.rpc.remote.Procedure;
import io.jvirt.rpc.remote.RemoteProgram;
import io.jvirt.rpc.remote.RemoteTypes.RemoteDomain;
import io.jvirt.rpc.remote.RemoteTypes.RemoteStoragePool;
import io.jvirt.testsupport.Libvirtd;

/**
 * The sizes a client asks for (names, parameters, vCPU maps, peeked bytes) beyond the protocol's
 * bounds: each call is sent as raw packets to libvirtd 9.0's and to jvirtd's test driver, and
 * answered with the same code, domain and message, nothing allocated for it (a 2 GiB {@code maplen}
 * used to be allocated by jvirtd's handler), and the client served on.
 */
class ArgumentBoundsTest {
    static Path dir;
    static Server server;
    static Path jvirtd;
    static Libvirtd libvirtd;
    static final RemoteDomain TEST = new RemoteDomain("test", UUID.fromString("6695eb01-f6a4-8304-79aa-97f2502e193f"), 1);

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "jvirt-bounds");
        server = new Server(new InProcessVirt("test:///default").add(new TestDriver(), "test", "test"), Limits.defaults());
        jvirtd = dir.resolve("sock");
        server.listen(Listener.unix(jvirtd, false, "rwx------"));
        libvirtd = Libvirtd.shared();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Each case: a procedure and the fields it sets (others: the test domain, empty, zero). */
    static Map<String, Map<String, Object>> cases() {
        Map<String, Map<String, Object>> c = new LinkedHashMap<>();
        c.put("CONNECT_LIST_DOMAINS big", Map.of("maxids", 16385));
        c.put("CONNECT_LIST_DOMAINS negative", Map.of("maxids", -1));
        c.put("CONNECT_LIST_DEFINED_DOMAINS", Map.of("maxnames", Integer.MAX_VALUE));
        c.put("CONNECT_LIST_NETWORKS", Map.of("maxnames", 16385));
        c.put("CONNECT_LIST_STORAGE_POOLS", Map.of("maxnames", 16385));
        c.put("STORAGE_POOL_LIST_VOLUMES", Map.of("maxnames", 16385, "pool", new RemoteStoragePool("default-pool",
                UUID.fromString("dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566"))));
        c.put("NODE_LIST_DEVICES", Map.of("maxnames", 65537));
        c.put("CONNECT_LIST_SECRETS", Map.of("maxuuids", 16385));
        c.put("NODE_GET_CELLS_FREE_MEMORY", Map.of("maxcells", 1025));
        c.put("DOMAIN_GET_SCHEDULER_PARAMETERS", Map.of("nparams", 17));
        c.put("DOMAIN_GET_SCHEDULER_PARAMETERS negative", Map.of("nparams", -5));
        c.put("DOMAIN_GET_MEMORY_PARAMETERS", Map.of("nparams", 1 << 30));
        c.put("NODE_GET_CPU_STATS", Map.of("nparams", 17, "cpuNum", -1));
        c.put("NODE_GET_MEMORY_STATS", Map.of("nparams", 17, "cellNum", -1));
        c.put("DOMAIN_GET_CPU_STATS", Map.of("nparams", 1, "ncpus", 129));
        c.put("DOMAIN_MEMORY_STATS", Map.of("maxStats", 1025));
        c.put("DOMAIN_BLOCK_PEEK", Map.of("size", 4194305, "path", "vda"));
        c.put("DOMAIN_MEMORY_PEEK", Map.of("size", -1));
        c.put("DOMAIN_GET_VCPUS", Map.of("maxinfo", 16385, "maplen", 1));
        c.put("DOMAIN_GET_VCPUS product", Map.of("maxinfo", 16384, "maplen", 1 << 20));
        c.put("DOMAIN_GET_VCPU_PIN_INFO", Map.of("ncpumaps", 1, "maplen", Integer.MAX_VALUE));
        c.put("DOMAIN_GET_VCPU_PIN_INFO negative", Map.of("ncpumaps", 1, "maplen", -1));
        c.put("DOMAIN_GET_DISK_ERRORS", Map.of("maxerrors", 257));
        c.put("NODE_GET_FREE_PAGES", Map.of("pages", List.of(4, 2048), "cellCount", 513));
        return c;
    }

    @Test
    void theSameRefusalsAsLibvirtd() throws Exception {
        List<String> differ = new ArrayList<>();
        try (RawPacketsTest.Raw ours = new RawPacketsTest.Raw(jvirtd).open("test:///default");
                RawPacketsTest.Raw theirs = new RawPacketsTest.Raw(Path.of(libvirtd.socket())).open("test:///default")) {
            for (var e : cases().entrySet()) {
                String proc = e.getKey().split(" ")[0];
                Procedure<?, ?> p = procedure(proc);
                byte[] payload = args(p, e.getValue());
                String lib = theirs.error(RemoteProgram.PROGRAM, p.number(), payload);
                String jv = ours.error(RemoteProgram.PROGRAM, p.number(), payload);
                assertTrue(!lib.equals("OK"), e.getKey() + ": libvirtd accepted it");
                if (!lib.equals(jv)) {
                    differ.add(e.getKey() + ": libvirtd '" + lib + "', jvirtd '" + jv + "'");
                }
            }
            ours.stillServed();
        }
        assertEquals(List.of(), differ);
    }

    /** The one bound libvirtd lacks: it allocates an emulator pin map of any maplen the client names. */
    @Test
    void theEmulatorPinMapIsBounded() throws Exception {
        try (RawPacketsTest.Raw ours = new RawPacketsTest.Raw(jvirtd).open("test:///default")) {
            Procedure<?, ?> p = procedure("DOMAIN_GET_EMULATOR_PIN_INFO");
            assertEquals("1/7 internal error: maplen > REMOTE_CPUMAP_MAX",
                    ours.error(RemoteProgram.PROGRAM, p.number(), args(p, Map.of("maplen", Integer.MAX_VALUE))));
            assertEquals("1/7 internal error: maplen must be non-negative",
                    ours.error(RemoteProgram.PROGRAM, p.number(), args(p, Map.of("maplen", -1))));
            assertEquals("OK", ours.error(RemoteProgram.PROGRAM, p.number(), args(p, Map.of("maplen", 1))));
            ours.stillServed();
        }
    }

    static Procedure<?, ?> procedure(String name) {
        for (int n = 1; n < 1000; n++) {
            Procedure<?, ?> p = RemoteProgram.procedure(n);
            if (p != null && p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException(name);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    static byte[] args(Procedure<?, ?> p, Map<String, Object> set) throws Exception {
        Class<?> type = p.argsType();
        RecordComponent[] comps = type.getRecordComponents();
        Object[] values = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            types[i] = comps[i].getType();
            Object v = set.get(comps[i].getName());
            if (v == null) {
                Class<?> t = types[i];
                v = t == int.class ? (Object) 0 : t == long.class ? (Object) 0L : t == String.class ? "x"
                        : t == RemoteDomain.class ? TEST : t == List.class ? List.of() : t == UUID.class ? new UUID(0, 0)
                        : null;
            }
            values[i] = v;
        }
        Object a = type.getDeclaredConstructor(types).newInstance(values);
        return RawPacketsTest.encode((Class) type, a);
    }
}
