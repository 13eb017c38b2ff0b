package io.jvirt.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.jvirt.conf.network.NetworkDef;

/**
 * Parse and format of libvirt XML (issue 3): the network with 1,000 DHCP hosts here; the default
 * test domain in {@link DomainBench}. The libvirt reference (its own C parser and formatter, same
 * documents) is measured by bench/conf-reference.py in the same run by bench/conf.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConfBench {
    private String network;
    private NetworkDef parsedNetwork;

    /** A NAT network with {@code hosts} static DHCP hosts, as the benchmark and its reference use it. */
    public static String bigNetwork(int hosts) {
        StringBuilder sb = new StringBuilder("<network>\n  <name>big</name>\n"
                + "  <uuid>0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9</uuid>\n  <forward mode='nat'/>\n"
                + "  <bridge name='virbr9' stp='on' delay='0'/>\n"
                + "  <ip address='10.8.0.1' netmask='255.255.0.0'>\n    <dhcp>\n"
                + "      <range start='10.8.100.1' end='10.8.200.254'/>\n");
        for (int i = 0; i < hosts; i++) {
            sb.append(String.format("      <host mac='52:54:00:%02x:%02x:%02x' name='h%d' ip='10.8.%d.%d'/>%n",
                    (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff, i, 1 + i / 250, 1 + i % 250));
        }
        return sb.append("    </dhcp>\n  </ip>\n</network>\n").toString();
    }

    @Setup
    public void setup() {
        network = bigNetwork(1000);
        parsedNetwork = NetworkDef.parse(network);
    }

    @Benchmark
    public NetworkDef parseNetwork1000Hosts() {
        return NetworkDef.parse(network);
    }

    @Benchmark
    public String formatNetwork1000Hosts() {
        return parsedNetwork.format();
    }
}
