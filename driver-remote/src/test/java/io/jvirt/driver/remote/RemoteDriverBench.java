package io.jvirt.driver.remote;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jvirt.api.Connect;
import io.jvirt.api.Domain;

/**
 * Benchmark, not a test (run by {@code bench/remote-driver.sh}): the remote driver's calls/s for
 * the operations of {@code ../shared/anchor/rpc_bench.py single} (lookupByName, info,
 * listAllDomains, XMLDesc, getLibVersion), measured the same way: warm-up calls, then
 * {@code runs} x {@code n} calls back to back on one connection, median of the runs. The warm-up
 * is two rounds of {@code n} calls of every operation before anything is timed, instead of
 * python's 200 per operation, so that the JIT has compiled the whole path (steady state is what is
 * compared; cold start is a separate benchmark).
 * <pre>
 *   RemoteDriverBench serve DIR          jvirtd (vendor driver) with a running domain "test"
 *   RemoteDriverBench client URI N RUNS  the Java client against any server with domain "test"
 * </pre>
 */
public final class RemoteDriverBench {
    private RemoteDriverBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("serve")) {
            Path dir = Path.of(args[1]);
            Files.createDirectories(dir);
            Jvirtd jvirtd = new Jvirtd(dir, 0);
            // rpc_bench.py wants a running domain "test", as libvirt's test driver has
            Connect holder = Platform.client(Path.of("/nonexistent")).open(jvirtd.unixUri());
            holder.domainDefineXML(ApiSuite.vendorXml("test")).create();
            System.out.println("jvirtd ready: unix=" + jvirtd.unix.address() + " tcp=" + jvirtd.tcp.address());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        } else if (args.length == 4 && args[0].equals("client")) {
            client(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        } else {
            System.err.println("usage: RemoteDriverBench serve DIR | client URI N RUNS");
            System.exit(2);
        }
    }

    /** CPU time of this whole client process (all threads, JIT and GC included). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void client(String uri, int n, int runs) {
        try (Connect conn = Platform.client(Path.of("/nonexistent")).open(uri)) {
            Domain dom = conn.domainLookupByName("test");
            Map<String, Runnable> ops = new LinkedHashMap<>();
            ops.put("lookupByName", () -> conn.domainLookupByName("test"));
            ops.put("info", dom::getInfo);
            ops.put("listAllDomains", conn::listAllDomains);
            ops.put("XMLDesc", () -> dom.getXMLDesc());
            ops.put("getLibVersion(ping)", conn::getLibVersion);
            System.out.println("# uri=" + uri + " java-remote-driver n=" + n + " runs=" + runs);
            for (int round = 0; round < 2; round++) {
                for (Runnable fn : ops.values()) {
                    for (int i = 0; i < Math.max(200, n); i++) {
                        fn.run();
                    }
                }
            }
            for (Map.Entry<String, Runnable> op : ops.entrySet()) {
                Runnable fn = op.getValue();
                List<Double> rates = new ArrayList<>();
                long cpu0 = cpuNanos();
                for (int r = 0; r < runs; r++) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        fn.run();
                    }
                    rates.add(n / ((System.nanoTime() - t0) / 1e9));
                }
                double cpuPerCall = (cpuNanos() - cpu0) / 1e3 / ((double) runs * n);
                Collections.sort(rates);
                double median = rates.get(rates.size() / 2);
                System.out.printf("%-22s %10.0f calls/s  %8.1f us/call  (client CPU %.1f us/call)%n", op.getKey(),
                        median, 1e6 / median, cpuPerCall);
            }
        }
    }
}
