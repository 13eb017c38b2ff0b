package io.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.daemon.server.Limits;
import io.jvirt.daemon.server.Listener;
import io.jvirt.daemon.server.Server;
import io.jvirt.examples.vendor.VendorDriver;
import io.jvirt.registry.testing.InProcessVirt;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.DriverScope;
import io.jvirt.spi.HypervisorDriver;
import io.jvirt.spi.NetworkDriver;
import io.jvirt.spi.NetworkRef;
import io.jvirt.spi.OpenResult;
import io.jvirt.spi.StorageDriver;
import io.jvirt.spi.StoragePoolRef;
import io.jvirt.testsupport.Libvirtd;
import io.jvirt.testsupport.Virsh;

/**
 * libvirt's modular-daemon URIs through jvirtd: {@code virsh -c network+unix:///system?socket=...}
 * reaches the driver table's network driver (jvirt.driver.kind=network), which answers network
 * calls and NO_SUPPORT for the rest; real virsh prints the same against jvirtd and against a real
 * libvirtd 9.0 (whose network and storage drivers have no objects in a fresh state, as the stubs here).
 */
class SecondaryUriTest {
    static Path dir;
    static Server server;
    static String socket;
    static Libvirtd libvirtd;

    /** A secondary driver of one kind with no objects: its connections bring only that kind's driver. */
    static final class EmptyDriver implements ConnectDriver {
        private final String kind;

        EmptyDriver(String kind) {
            this.kind = kind;
        }

        @Override
        public OpenResult open(io.jvirt.api.ConnectUri uri, io.jvirt.api.ConnectAuth auth, int flags) {
            if (DriverScope.of(uri).isEmpty()) {
                return OpenResult.error(new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE,
                        "internal error: unexpected " + kind + " URI path '" + uri.path() + "', try " + kind + ":///system"));
            }
            return OpenResult.success(new Connection());
        }

        final class Connection implements HypervisorDriver, NetworkDriver, StorageDriver {
            @Override
            public Optional<NetworkDriver> networkDriver() {
                return kind.equals("network") ? Optional.of(this) : Optional.empty();
            }

            @Override
            public Optional<StorageDriver> storageDriver() {
                return kind.equals("storage") ? Optional.of(this) : Optional.empty();
            }

            @Override
            public List<NetworkRef> connectListAllNetworks(int flags) {
                return List.of();
            }

            @Override
            public List<StoragePoolRef> connectListAllStoragePools(int flags) {
                return List.of();
            }

            @Override
            public NetworkRef networkLookupByName(String name) {
                throw new VirtException(ErrorCode.NO_NETWORK, ErrorDomain.NETWORK,
                        "Network not found: no network with matching name '" + name + "'");
            }

            @Override
            public StoragePoolRef storagePoolLookupByName(String name) {
                throw new VirtException(ErrorCode.NO_STORAGE_POOL, ErrorDomain.STORAGE,
                        "Storage pool not found: no storage pool with matching name '" + name + "'");
            }

            @Override
            public int connectNetworkEventRegisterAny(NetworkRef network, int eventId, io.jvirt.spi.NetworkEventSink sink) {
                return 1;
            }

            @Override
            public void connectNetworkEventDeregisterAny(int callbackId) {
            }

            @Override
            public int connectStoragePoolEventRegisterAny(StoragePoolRef pool, int eventId,
                    io.jvirt.spi.StoragePoolEventSink sink) {
                return 1;
            }

            @Override
            public void connectStoragePoolEventDeregisterAny(int callbackId) {
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        Virsh.require();
        dir = Files.createTempDirectory("jvirtd-sec");
        server = new Server(new InProcessVirt("vendor:///default").add(new VendorDriver(), "vendor", "vendor")
                .add(new EmptyDriver("network"), "network", "network", "network")
                .add(new EmptyDriver("storage"), "storage", "storage", "storage"), Limits.defaults());
        Listener sock = Listener.unix(dir.resolve("libvirt-sock"), false, "rwx------");
        server.listen(sock);
        socket = sock.address();
        libvirtd = Libvirtd.shared();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Each command as virsh prints it against both daemons, on the kind's system URI. */
    @ParameterizedTest
    @ValueSource(strings = { "network", "storage" })
    void virshPrintsWhatItPrintsAgainstLibvirtd(String kind) throws Exception {
        String[][] commands = { { "list" }, { "list", "--all" }, { "net-list" }, { "net-list", "--all" },
                { "pool-list" }, { "pool-list", "--all" }, { "nwfilter-list" }, { "iface-list" }, { "hostname" },
                { "sysinfo" }, { "nodeinfo" }, { "version" }, { "dominfo", "x" }, { "net-info", "x" },
                { "pool-info", "x" }, { "net-event", "--event", "lifecycle", "--timeout", "1" },
                { "pool-event", "--event", "lifecycle", "--timeout", "1" },
                { "nodedev-event", "--event", "lifecycle", "--timeout", "1" }, { "event", "--all", "--timeout", "1" } };
        List<String> diffs = new ArrayList<>();
        for (String[] cmd : commands) {
            String ours = Virsh.merged(kind + "+unix:///system?socket=" + socket, cmd);
            String theirs = Virsh.merged(kind + "+unix:///system?socket=" + libvirtd.socket(), cmd);
            if (!ours.equals(theirs)) {
                diffs.add(String.join(" ", cmd) + "\n--- libvirtd:\n" + theirs + "--- jvirtd:\n" + ours);
            }
        }
        assertEquals("", String.join("\n", diffs));
    }

    @ParameterizedTest
    @ValueSource(strings = { "network", "storage" })
    void theUriIsTheOneOpened(String kind) throws Exception {
        String uri = kind + "+unix:///system?socket=" + socket;
        assertEquals(uri, Virsh.run(uri, "uri").out().trim());
    }
}
