package io.jvirt.network.nwfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.jvirt.api.Connect;
import io.jvirt.testsupport.Libvirtd;
import io.jvirt.testsupport.NetNs;
import io.jvirt.testsupport.Virsh;

/**
 * The benchmark, run on purpose only ({@code bench/nwfilter-bindings.sh}; its name is no
 * surefire test name): creating and then deleting N bindings of {@code clean-traffic} (each its own
 * tap, MAC and IP), jvirt and libvirtd 9.0 in the same run, each in a namespace of its own with N
 * veths standing in for taps. jvirt is called in process; libvirtd through one virsh process per
 * phase (all N commands in one virsh session, so virsh's start and connect are paid once, and
 * measured alone as {@code virsh.connect}). Both sides run ebtables/iptables/ip6tables per rule; the
 * tables they leave must be the same. Prints the figures; asserts no speed.
 */
class BindingsBench {
    static final int N = Integer.getInteger("bench.bindings", 100);
    static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    static Path OUT;

    @Test
    void createAndDeleteBindings() throws Exception {
        Virsh.require();
        Jvirt.requireStockFilters();
        Path work = Files.createTempDirectory(Path.of("/tmp"), "jvnwb");
        OUT = work.resolve("virsh.out");
        try (NetNs lvNs = NetNs.create("nwblv"); NetNs jvNs = NetNs.create("nwbjv")) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < N; i++) {
                batch.append("link add vnet").append(i).append(" type veth peer name vnet").append(i).append("p\n")
                        .append("link set vnet").append(i).append(" up\n");
            }
            Path links = Files.writeString(work.resolve("links"), batch);
            for (NetNs ns : new NetNs[] {lvNs, jvNs}) {
                NetNs.run(List.of("ip", "-n", ns.name, "-batch", links.toString()));
            }
            List<String> xml = new ArrayList<>();
            StringBuilder creates = new StringBuilder();
            StringBuilder deletes = new StringBuilder();
            for (int i = 0; i < N; i++) {
                String b = String.format(Locale.ROOT, "<filterbinding><owner><name>g%d</name>"
                        + "<uuid>d3b1f9d2-8f55-4b8d-9d37-%012x</uuid></owner><portdev name='vnet%d'/>"
                        + "<mac address='52:54:00:00:%02x:%02x'/><filterref filter='clean-traffic'>"
                        + "<parameter name='IP' value='10.0.%d.%d'/></filterref></filterbinding>",
                        i, i, i, i / 256, i % 256, i / 250, 1 + i % 250);
                xml.add(b);
                Path f = Files.writeString(work.resolve("b" + i + ".xml"), b);
                creates.append("nwfilter-binding-create ").append(f).append(" ; ");
                deletes.append("nwfilter-binding-delete vnet").append(i).append(" ; ");
            }
            try (Libvirtd libvirtd = Libvirtd.startIn(lvNs); Jvirt jvirt = new Jvirt(jvNs)) {
                String uri = libvirtd.uri("nwfilter", "system");
                Connect jv = jvirt.open();
                jv.listAllNWFilterBindings(); // the instance open (stock filters imported) is not measured
                virsh(uri, "nwfilter-list");
                long[] jvCreate = new long[ROUNDS], jvDelete = new long[ROUNDS];
                long[] lvCreate = new long[ROUNDS], lvDelete = new long[ROUNDS], lvConnect = new long[ROUNDS];
                for (int r = 0; r < ROUNDS; r++) {
                    long t0 = System.nanoTime();
                    virsh(uri, "nwfilter-binding-list");
                    long t1 = System.nanoTime();
                    virsh(uri, creates.toString());
                    long t2 = System.nanoTime();
                    for (String b : xml) {
                        jv.nwfilterBindingCreateXML(b);
                    }
                    long t3 = System.nanoTime();
                    assertEquals(Tables.dump(lvNs), Tables.dump(jvNs), "round " + r + ": the same tables after the creates");
                    long t4 = System.nanoTime();
                    virsh(uri, deletes.toString());
                    long t5 = System.nanoTime();
                    for (int i = 0; i < N; i++) {
                        jv.nwfilterBindingLookupByPortDev("vnet" + i).delete();
                    }
                    long t6 = System.nanoTime();
                    assertEquals(Tables.dump(lvNs), Tables.dump(jvNs), "round " + r + ": the same tables after the deletes");
                    lvConnect[r] = t1 - t0;
                    lvCreate[r] = t2 - t1;
                    jvCreate[r] = t3 - t2;
                    lvDelete[r] = t5 - t4;
                    jvDelete[r] = t6 - t5;
                    System.out.printf(Locale.ROOT, "round %d: create %d: jvirt %.2f s, libvirtd %.2f s; delete %d: jvirt %.2f s,"
                            + " libvirtd %.2f s (virsh.connect %.3f s)%n", r, N, s(jvCreate[r]), s(lvCreate[r]), N,
                            s(jvDelete[r]), s(lvDelete[r]), s(lvConnect[r]));
                }
                System.out.printf(Locale.ROOT, "nwfilter bindings bench, %d clean-traffic bindings, median of %d rounds, "
                        + "%d CPUs, load %s%n", N, ROUNDS, Runtime.getRuntime().availableProcessors(),
                        Files.readString(Path.of("/proc/loadavg")).trim());
                System.out.printf(Locale.ROOT, "  create: jvirt %.2f s (%.1f ms/binding), libvirtd 9.0 %.2f s (%.1f ms/binding)%n",
                        s(median(jvCreate)), ms(median(jvCreate)) / N, s(median(lvCreate)), ms(median(lvCreate)) / N);
                System.out.printf(Locale.ROOT, "  delete: jvirt %.2f s (%.1f ms/binding), libvirtd 9.0 %.2f s (%.1f ms/binding)%n",
                        s(median(jvDelete)), ms(median(jvDelete)) / N, s(median(lvDelete)), ms(median(lvDelete)) / N);
                System.out.printf(Locale.ROOT, "  virsh start+connect (in libvirtd's figures): %.3f s%n", s(median(lvConnect)));
            }
        } finally {
            QemuBindingsTest.delete(work);
        }
    }

    /** One virsh process running these commands on one connection (Virsh.run's timeout is for tests). */
    static void virsh(String uri, String commands) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Virsh.VIRSH.toString(), "-q", "-c", uri, commands)
                .redirectErrorStream(true).redirectOutput(OUT.toFile());
        pb.environment().put("LC_ALL", "C");
        pb.environment().remove("LIBVIRT_DEFAULT_URI");
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError("virsh failed: " + commands.substring(0, Math.min(80, commands.length())) + ": "
                    + Files.readString(OUT));
        }
    }

    static long median(long[] v) {
        long[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    static double s(long ns) {
        return ns / 1e9;
    }

    static double ms(long ns) {
        return ns / 1e6;
    }
}
