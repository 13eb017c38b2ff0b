package io.jvirt.network.dnsmasq;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.jvirt.conf.network.NetworkDef;
import io.jvirt.network.dnsmasq.process.Supervisor;

/**
 * The dnsmasq processes of one network driver instance. dnsmasq daemonizes, so it outlives the
 * driver and the JVM; a successor instance with the same layout finds it again ({@link #find}) by
 * its recorded pid and start time (and its configuration file on its command line).
 */
@ProviderType
public interface Dnsmasq {
    /**
     * How dnsmasq is started.
     *
     * @param binary   dnsmasq's path
     * @param launcher what the command line is prefixed with (empty: run directly; tests use
     *                 {@code ip netns exec NS} to serve a namespace)
     * @param stopWait how long a stop waits after SIGTERM before SIGKILL
     */
    record Options(Path binary, List<String> launcher, Duration stopWait) {
        public Options {
            launcher = List.copyOf(launcher);
        }

        /** Debian's {@code /usr/sbin/dnsmasq} (dnsmasq-base), run directly, 10 s to stop. */
        public static Options defaults() {
            return new Options(Path.of("/usr/sbin/dnsmasq"), List.of(), Duration.ofSeconds(10));
        }

        public Options withLauncher(List<String> l) {
            return new Options(binary, l, stopWait);
        }
    }

    static Dnsmasq open(DnsmasqLayout layout, Options options) {
        return new Supervisor(layout, options);
    }

    static Dnsmasq open(DnsmasqLayout layout) {
        return open(layout, Options.defaults());
    }

    DnsmasqLayout layout();

    /**
     * Writes the network's files ({@link DnsmasqConfig} with a pid file) and starts dnsmasq, which is
     * serving when this returns; a dnsmasq already running for the network is stopped first.
     *
     * @return the process, or empty when the network needs none ({@link DnsmasqConfig#needed})
     * @throws io.jvirt.api.VirtException dnsmasq's refusal as libvirt reports it ({@code Child process
     *                                    (...) unexpected exit status N: ...}), or a file that cannot be written
     */
    Optional<DnsmasqProcess> start(NetworkDef def);

    /** The network's dnsmasq if it runs: the recorded process, alive, with the same start time. */
    Optional<DnsmasqProcess> find(String network);

    /**
     * Rewrites the hosts files and sends SIGHUP, so dnsmasq re-reads them (static DHCP hosts and DNS
     * hosts change without a restart); starts dnsmasq when none runs, as libvirt does.
     */
    Optional<DnsmasqProcess> refresh(NetworkDef def);

    /** Stops the network's dnsmasq (SIGTERM, then SIGKILL), if one runs, and forgets it. */
    void stop(String network);

    /** Deletes the network's files (libvirt does so on undefine): configuration, hosts, leases, pid. */
    void removeFiles(NetworkDef def);

    /** The leases the lease helper recorded for a bridge, expired ones included. */
    List<Lease> leases(String bridge);
}
