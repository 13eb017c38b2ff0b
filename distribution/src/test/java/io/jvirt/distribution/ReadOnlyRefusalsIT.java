package io.jvirt.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.jvirt.rpc.remote.Procedure;
import io.jvirt.rpc.remote.Programs;
import io.jvirt.rpc.remote.QemuProgram;
import io.jvirt.rpc.remote.RemoteProgram;
import io.jvirt.testsupport.Shared;
import io.jvirt.testsupport.Virsh;

/**
 * What the read-only socket refuses, and how, compared between a real libvirtd 9.0 and jvirtd (both
 * serving {@code test:///default}). The clients open the read-only socket without asking for a
 * read-only connection, so the refusals are the server's, not the client library's:
 * <ul>
 * <li>real virsh runs state-changing commands and the ones that ask for secrets; each prints the
 * same on both servers ({@code read only access prevents virDomainDestroy} for {@code destroy},
 * {@code virDomainDestroyFlags} for {@code destroy --graceful}, {@code virDomainGetXMLDesc with
 * secure flag} for {@code dumpxml --security-info}, ...);</li>
 * <li>every procedure of the REMOTE, QEMU and LXC programs is called with zeroed arguments, and
 * again with each single flag bit and each agent source set: wherever either server refuses for
 * read-only access, both must refuse with the same code, domain and message;</li>
 * <li>before CONNECT_OPEN, every procedure number (and the ones past the tables) must be answered
 * alike ("(hypervisor) connection not open", "unknown procedure: N").</li>
 * </ul>
 */
class ReadOnlyRefusalsIT {
    private static final Pattern DETAILS = Pattern.compile("<summary>([^<]+)</summary>\\s*```[a-z]*\\n(.*?)```",
            Pattern.DOTALL);
    /**
     * Procedures whose public API in libvirt 9.0 checks an argument before the read-only check, so
     * that zeroed arguments get that argument's error there and the read-only refusal here (measured:
     * {@code pid_value in virDomainSendProcessSignal must not be zero}, {@code new_name in
     * virDomainRename must not be NULL}, {@code xmlCPUs in virConnectBaselineHypervisorCPU must not be
     * NULL}, {@code params in virDomainSetLaunchSecurityState must not be NULL}, {@code nfds in
     * virDomainFDAssociate must not be zero}, {@code pid_value in virDomainQemuAttach must not be zero};
     * libvirtd's OPEN_GRAPHICS looks for the file descriptor first: {@code No FD available at slot 0}).
     * With real arguments both refuse alike.
     */
    private static final Map<Integer, List<String>> ARGUMENTS_CHECKED_FIRST = Map.of(RemoteProgram.PROGRAM,
            List.of("DOMAIN_SEND_PROCESS_SIGNAL", "DOMAIN_RENAME", "CONNECT_BASELINE_HYPERVISOR_CPU",
                    "DOMAIN_SET_LAUNCH_SECURITY_STATE", "DOMAIN_FD_ASSOCIATE", "DOMAIN_OPEN_GRAPHICS"),
            QemuProgram.PROGRAM, List.of("DOMAIN_ATTACH"));
    /** The last REMOTE procedure of libvirt 9.0; jvirt also knows 10.x's 444..448 (libvirtd 9.0: unknown). */
    private static final int LIBVIRT_9_LAST = 443;

    private static InteropServers servers;
    private static Path work;

    @BeforeAll
    static void start() throws Exception {
        servers = InteropServers.get();
        work = Files.createDirectories(servers.tmp.resolve("readonly"));
        String md = Files.readString(Shared.dir().resolve("conformance/test-driver-surface.md"));
        Matcher m = DETAILS.matcher(md);
        while (m.find()) {
            Files.writeString(work.resolve(m.group(1).trim()), m.group(2));
        }
    }

    /** virsh commands, with $W for the directory of the input files. */
    static Stream<String> commands() {
        return Stream.of("define $W/dom.xml", "create $W/dom.xml", "destroy test", "destroy test --graceful",
                "start test", "undefine test", "undefine test --managed-save", "shutdown test",
                "shutdown test --mode acpi", "reboot test", "reset test", "suspend test", "resume test",
                "setmem test 1024", "setmem test 1024 --config", "setmaxmem test 2048", "setvcpus test 1",
                "setvcpus test 1 --config", "autostart test", "dumpxml test --security-info",
                "dumpxml test --migratable", "dumpxml test", "save test $W/t.save", "managedsave test",
                "managedsave-remove test", "managedsave-dumpxml test --security-info",
                "save-image-dumpxml $W/t.save --security-info", "domrename test t2", "desc test --new-desc hi",
                "domtime test --now", "send-key test KEY_A", "screenshot test $W/s.ppm", "inject-nmi test",
                "domifaddr test --source agent", "domifaddr test", "vcpucount test --guest", "guestvcpus test",
                "domfsinfo test", "domhostname test", "attach-device test $W/disk.xml",
                "attach-device test $W/disk.xml --config", "qemu-monitor-command test {}",
                "qemu-agent-command test {}", "snapshot-create-as test s1", "snapshot-dumpxml test s1 --security-info",
                "checkpoint-create-as test c1", "net-define $W/net.xml", "net-create $W/net.xml",
                "net-destroy default", "net-undefine default", "net-start default", "net-autostart default",
                "net-dumpxml default --inactive", "pool-define $W/pool.xml", "pool-create $W/pool.xml",
                "pool-destroy default-pool", "pool-undefine default-pool", "pool-build default-pool",
                "pool-refresh default-pool", "pool-autostart default-pool", "vol-create-as default-pool v1 1M",
                "nwfilter-define $W/nwfilter.xml", "secret-define $W/secret.xml", "iface-define $W/iface.xml",
                "iface-destroy eth1", "iface-begin", "nodedev-create $W/vhba.xml", "nodedev-destroy scsi_host11");
    }

    private static String virsh(InteropServers.Endpoint server, String command) throws Exception {
        List<String> argv = new ArrayList<>(List.of("-c", server.readOnlyUri()));
        argv.addAll(List.of(command.replace("$W", work.toString()).split(" ")));
        Virsh.Result r = Virsh.exec(argv);
        return r.out() + r.err() + "exit " + r.exit();
    }

    @ParameterizedTest(name = "virsh {0}")
    @MethodSource("commands")
    void virshPrintsWhatItPrintsAgainstLibvirtd(String command) throws Exception {
        assertEquals(virsh(servers.libvirtd, command), virsh(servers.jvirtd, command), "virsh " + command);
    }

    private static boolean readOnlyRefusal(String answer) {
        return answer.startsWith("29/") && (answer.contains("read only access prevents") || answer.contains(
                "with secure flag"));
    }

    /** Every procedure of the three programs, but opening and closing, with its zeroed-argument variants. */
    @Test
    void everyProcedureIsRefusedAsLibvirtdRefusesIt() throws Exception {
        Map<String, String> differences = new TreeMap<>();
        int refusals = 0;
        try (RawRpc lv = new RawRpc(servers.libvirtd.runDir().resolve("libvirt-sock-ro")).open("test:///default");
                RawRpc jv = new RawRpc(servers.jvirtd.runDir().resolve("libvirt-sock-ro")).open("test:///default")) {
            for (Procedure<?, ?> p : Programs.procedures()) {
                if (p.program() == RemoteProgram.PROGRAM && (p.number() <= 2 || p.number() > LIBVIRT_9_LAST)
                        || p.message()) {
                    continue;
                }
                if (ARGUMENTS_CHECKED_FIRST.getOrDefault(p.program(), List.of()).contains(p.name())) {
                    continue;
                }
                if (p.program() == RemoteProgram.PROGRAM && p.number() == 70) {
                    // AUTH_POLKIT on a socket without polkit auth: libvirtd 9.0 answers with whatever
                    // error its worker thread last left behind (seen in CI: the previous call's
                    // "read only access prevents virDomainSave"), so there is nothing stable to match
                    continue;
                }
                List<byte[]> variants = new ArrayList<>();
                List<String> labels = new ArrayList<>();
                variants.add(RawRpc.zeroArgs(p, null, 0));
                labels.add("zero");
                for (String field : List.of("flags", "source")) {
                    if (RawRpc.hasIntField(p, field)) {
                        for (int bit = 0; bit < 5; bit++) {
                            variants.add(RawRpc.zeroArgs(p, field, 1 << bit));
                            labels.add(field + "=" + (1 << bit));
                        }
                    }
                }
                for (int i = 0; i < variants.size(); i++) {
                    String a = lv.call(p.program(), 1, p.number(), variants.get(i));
                    String b = jv.call(p.program(), 1, p.number(), variants.get(i));
                    if (readOnlyRefusal(a) || readOnlyRefusal(b)) {
                        refusals++;
                        if (!a.equals(b)) {
                            differences.put(p + " " + labels.get(i), "libvirtd: " + a + "\n      jvirtd:   " + b);
                        }
                    }
                }
            }
        }
        assertTrue(differences.isEmpty(), () -> differences.size() + " read-only answers differ:\n"
                + String.join("\n", differences.entrySet().stream().map(e -> "  " + e.getKey() + "\n      "
                        + e.getValue()).toList()));
        assertTrue(refusals > 200, "only " + refusals + " read-only refusals seen: is the socket read-only?");
    }

    /**
     * After opening {@code test:///default}, on the read-write and the read-only socket: numbers no
     * program of libvirt 9.0 has (past the tables, 0, negative, past 10.x's 444..448, which jvirt serves) are answered
     * as libvirtd answers them, which is 39/7 "unknown procedure: N" (VIR_ERR_RPC, VIR_FROM_RPC), not
     * "this function is not supported".
     */
    @Test
    void unknownProceduresAfterOpeningAsLibvirtd() throws Exception {
        byte[] zeros = new byte[4096];
        int getType = io.jvirt.rpc.remote.ConnectProcedures.CONNECT_GET_TYPE.number();
        for (String socket : List.of("libvirt-sock", "libvirt-sock-ro")) {
            try (RawRpc lv = new RawRpc(servers.libvirtd.runDir().resolve(socket)).open("test:///default");
                    RawRpc jv = new RawRpc(servers.jvirtd.runDir().resolve(socket)).open("test:///default")) {
                for (int[] pn : new int[][] { { RemoteProgram.PROGRAM, 9999 }, { RemoteProgram.PROGRAM, 0 },
                    { RemoteProgram.PROGRAM, -1 }, { RemoteProgram.PROGRAM, LIBVIRT_9_LAST + 6 },
                    { QemuProgram.PROGRAM, 9999 },
                    { io.jvirt.rpc.remote.LxcProgram.PROGRAM, 9999 } }) {
                    String a = lv.call(pn[0], 1, pn[1], zeros);
                    assertEquals("39/7 unknown procedure: " + pn[1], a, "libvirtd 9.0 on " + socket);
                    assertEquals(a, jv.call(pn[0], 1, pn[1], zeros), socket + ": procedure " + pn[1]);
                }
                assertEquals(lv.call(RemoteProgram.PROGRAM, 1, getType, new byte[0]),
                        jv.call(RemoteProgram.PROGRAM, 1, getType, new byte[0]),
                        "the connection is still served after them");
            }
        }
    }

    @Test
    void beforeOpeningEveryNumberIsAnsweredAlike() throws Exception {
        Map<String, String> differences = new TreeMap<>();
        byte[] zeros = new byte[4096];
        try (RawRpc lv = new RawRpc(servers.libvirtd.runDir().resolve("libvirt-sock"));
                RawRpc jv = new RawRpc(servers.jvirtd.runDir().resolve("libvirt-sock"))) {
            for (int[] range : new int[][] { { RemoteProgram.PROGRAM, LIBVIRT_9_LAST + 0 },
                { QemuProgram.PROGRAM, 9 }, { io.jvirt.rpc.remote.LxcProgram.PROGRAM, 3 } }) {
                for (int n = 0; n <= range[1]; n++) {
                    if (range[0] == RemoteProgram.PROGRAM && (n == 1 || n == 2 || n == 66 || n == 67)) {
                        continue; // opening, closing and the authentication that precedes it
                    }
                    if (range[0] == RemoteProgram.PROGRAM && n == 70) {
                        // AUTH_POLKIT on a socket without polkit auth: libvirtd 9.0's answer changes
                        // from run to run (observed: "connection not open", then "hypervisor
                        // connection not open"; it looks like the error its worker thread last left
                        // behind): nothing stable to be equal to
                        continue;
                    }
                    String a = lv.call(range[0], 1, n, zeros);
                    String b = jv.call(range[0], 1, n, zeros);
                    if (!a.equals(b)) {
                        differences.put(String.format("%08x %d", range[0], n), "libvirtd: " + a + " / jvirtd: " + b);
                    }
                }
            }
            for (int n : new int[] { LIBVIRT_9_LAST + 6, 9999, -1 }) {
                assertEquals(lv.call(RemoteProgram.PROGRAM, 1, n, zeros), jv.call(RemoteProgram.PROGRAM, 1, n, zeros));
            }
            for (int[] pv : new int[][] { { RemoteProgram.PROGRAM, 2 }, { 0x12345678, 1 }, { 0x6b656570, 1 } }) {
                assertEquals(lv.call(pv[0], pv[1], 1, zeros), jv.call(pv[0], pv[1], 1, zeros));
            }
        }
        assertTrue(differences.isEmpty(), () -> String.join("\n", differences.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).toList()));
    }
}
