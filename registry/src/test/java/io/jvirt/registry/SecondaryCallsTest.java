package io.jvirt.registry;

import static io.jvirt.registry.TestDrivers.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

import io.jvirt.api.Connect;
import io.jvirt.api.ConnectUri;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.NWFilterBinding;
import io.jvirt.api.NetworkPort;
import io.jvirt.api.NetworkPortCreateFlag;
import io.jvirt.api.StoragePool;
import io.jvirt.api.StorageVol;
import io.jvirt.api.StorageVolType;
import io.jvirt.api.TypedParameter;
import io.jvirt.api.VirtException;
import io.jvirt.api.VolInfo;
import io.jvirt.registry.connect.DriverAccess;
import io.jvirt.registry.connect.ManagedConnection;
import io.jvirt.registry.table.DriverEntry;
import io.jvirt.registry.table.DriverTable;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.DomainRef;
import io.jvirt.spi.DriverProperties;
import io.jvirt.spi.DriverScope;
import io.jvirt.spi.HypervisorDriver;
import io.jvirt.spi.NWFilterBindingRef;
import io.jvirt.spi.NWFilterDriver;
import io.jvirt.spi.NetworkDriver;
import io.jvirt.spi.NetworkPortRef;
import io.jvirt.spi.NetworkRef;
import io.jvirt.spi.OpenResult;
import io.jvirt.spi.SecondaryConnections;
import io.jvirt.spi.StorageDriver;
import io.jvirt.spi.StoragePoolRef;
import io.jvirt.spi.StorageVolRef;

/**
 * What a hypervisor driver asks the other drivers for when it starts a guest, through the API of
 * its {@link SecondaryConnections} (libvirt's {@code virGetConnectStorage()},
 * {@code virGetConnectNetwork()}, {@code virGetConnectNWFilter()} callers): a {@code <disk
 * type='volume'>}'s pool and volume (by pool and name, by path, by key; path, info, the pool's XML),
 * a network port (created, read, given parameters, deleted) and a filter binding. Small stub drivers
 * of each kind sit in the table as bundles register them; the calls reach them through the
 * registry's facades, with its errors.
 */
class SecondaryCallsTest {
    private static final AtomicLong IDS = new AtomicLong(9000);
    static final String POOL_XML = "<pool type='dir'>\n  <name>default</name>\n  <target>\n"
            + "    <path>/var/lib/images</path>\n  </target>\n</pool>\n";

    private final DriverTable<ConnectDriver> drivers = new DriverTable<>();
    private final DriverAccess access = new DriverAccess() {
        @Override
        public DriverTable<ConnectDriver> connectDrivers() {
            return drivers;
        }

        @Override
        public long hotSwapWaitMs() {
            return 1_000;
        }

        @Override
        public long libVersion() {
            return 9_000_000;
        }

        @Override
        public Optional<ManagedConnection> openSecondary(String kind, ConnectUri uri) {
            for (DriverEntry<ConnectDriver> e : drivers.snapshot()) {
                if (kind.equals(e.kind()) && e.schemes().contains(uri.scheme())) {
                    return Optional.of(new ManagedConnection(this, uri, null, 0, e,
                            e.service().open(uri, null, 0).connection(), true));
                }
            }
            return Optional.empty();
        }

        @Override
        public void closed(ManagedConnection connection) {
        }

        @Override
        public Optional<String> lastBundleOf(String driverName) {
            return Optional.of("bundle.of." + driverName);
        }
    };

    /** A secondary driver entry of {@code kind} whose every connection is {@code connection}. */
    static DriverEntry<ConnectDriver> secondary(String kind, HypervisorDriver connection) {
        Map<String, Object> props = new HashMap<>();
        props.put(Constants.SERVICE_ID, IDS.incrementAndGet());
        props.put(DriverProperties.NAME, kind);
        props.put(DriverProperties.KIND, kind);
        props.put(DriverProperties.URI_SCHEMES, kind);
        props.put(DriverProperties.LOCAL_ONLY, true);
        return new DriverEntry<>((uri, auth, flags) -> OpenResult.success(connection), props, null);
    }

    /** The storage driver of the scope: pool "default" holding one volume. */
    static final class Storage implements HypervisorDriver, StorageDriver {
        final StoragePoolRef pool = new StoragePoolRef("default", UUID.nameUUIDFromBytes("default".getBytes()));
        final StorageVolRef vol = new StorageVolRef("default", "guest.qcow2", "/var/lib/images/guest.qcow2");

        @Override
        public Optional<StorageDriver> storageDriver() {
            return Optional.of(this);
        }

        @Override
        public StoragePoolRef storagePoolLookupByName(String name) {
            if (!name.equals("default")) {
                throw new VirtException(ErrorCode.NO_STORAGE_POOL, ErrorDomain.STORAGE,
                        "Storage pool not found: no storage pool with matching name '" + name + "'");
            }
            return pool;
        }

        @Override
        public String storagePoolGetXMLDesc(StoragePoolRef p, int flags) {
            return POOL_XML;
        }

        @Override
        public StorageVolRef storageVolLookupByName(StoragePoolRef p, String name) {
            if (!name.equals(vol.name())) {
                throw new VirtException(ErrorCode.NO_STORAGE_VOL, ErrorDomain.STORAGE,
                        "Storage volume not found: no storage vol with matching name '" + name + "'");
            }
            return vol;
        }

        @Override
        public StorageVolRef storageVolLookupByPath(String path) {
            return storageVolLookupByKey(path);
        }

        @Override
        public StorageVolRef storageVolLookupByKey(String key) {
            if (!key.equals(vol.key())) {
                throw new VirtException(ErrorCode.NO_STORAGE_VOL, ErrorDomain.STORAGE,
                        "Storage volume not found: no storage vol with matching key " + key);
            }
            return vol;
        }

        @Override
        public String storageVolGetPath(StorageVolRef v) {
            return v.key();
        }

        @Override
        public VolInfo storageVolGetInfo(StorageVolRef v) {
            return new VolInfo(StorageVolType.FILE, 1L << 30, 1L << 20);
        }
    }

    /** The network driver of the scope: network "default" whose ports it plugs into virbr0. */
    static final class Networks implements HypervisorDriver, NetworkDriver {
        final NetworkRef net = new NetworkRef("default", UUID.nameUUIDFromBytes("net".getBytes()));
        final Map<UUID, String> ports = new ConcurrentHashMap<>();
        final Map<UUID, List<TypedParameter>> params = new ConcurrentHashMap<>();

        @Override
        public Optional<NetworkDriver> networkDriver() {
            return Optional.of(this);
        }

        @Override
        public NetworkRef networkLookupByName(String name) {
            return net;
        }

        @Override
        public NetworkPortRef networkPortCreateXML(NetworkRef n, String xml, int flags) {
            UUID uuid = UUID.fromString(xml.replaceAll("(?s).*<uuid>([^<]+)</uuid>.*", "$1"));
            ports.put(uuid, xml.replace("</networkport>", (flags & 1) != 0 ? "</networkport>"
                    : "<plug type='network' bridge='virbr0'/></networkport>"));
            return new NetworkPortRef(n, uuid);
        }

        @Override
        public String networkPortGetXMLDesc(NetworkPortRef port, int flags) {
            String xml = ports.get(port.uuid());
            if (xml == null) {
                throw new VirtException(ErrorCode.NO_NETWORK_PORT, ErrorDomain.NETWORK,
                        "network port not found: Network port with UUID " + port.uuid() + " does not exist");
            }
            return xml;
        }

        @Override
        public void networkPortSetParameters(NetworkPortRef port, List<TypedParameter> p, int flags) {
            params.put(port.uuid(), p);
        }

        @Override
        public List<TypedParameter> networkPortGetParameters(NetworkPortRef port, int flags) {
            return params.getOrDefault(port.uuid(), List.of());
        }

        @Override
        public void networkPortDelete(NetworkPortRef port, int flags) {
            ports.remove(port.uuid());
        }

        @Override
        public List<NetworkPortRef> networkListAllPorts(NetworkRef n, int flags) {
            return ports.keySet().stream().sorted().map(u -> new NetworkPortRef(n, u)).toList();
        }
    }

    /** The nwfilter driver of the scope: bindings by port device. */
    static final class Filters implements HypervisorDriver, NWFilterDriver {
        final Map<String, String> bindings = new ConcurrentHashMap<>();

        @Override
        public Optional<NWFilterDriver> nwfilterDriver() {
            return Optional.of(this);
        }

        @Override
        public NWFilterBindingRef nwfilterBindingCreateXML(String xml, int flags) {
            String dev = xml.replaceAll("(?s).*<portdev name='([^']+)'/>.*", "$1");
            bindings.put(dev, xml);
            return new NWFilterBindingRef(dev, xml.replaceAll("(?s).*<filterref filter='([^']+)'.*", "$1"));
        }

        @Override
        public List<NWFilterBindingRef> connectListAllNWFilterBindings(int flags) {
            return bindings.keySet().stream().sorted().map(d -> new NWFilterBindingRef(d, "clean-traffic")).toList();
        }

        @Override
        public void nwfilterBindingDelete(NWFilterBindingRef b) {
            bindings.remove(b.portDev());
        }
    }

    /**
     * A hypervisor driver that starts a guest as libvirt's QEMU driver prepares one: its volume disk,
     * its network interface's port, the interface's filter binding; {@code log} says what it got.
     */
    static final class Hypervisor implements HypervisorDriver {
        final AtomicReference<SecondaryConnections> secondaries = new AtomicReference<>();
        final List<String> log = new ArrayList<>();

        @Override
        public void connectSetSecondaries(SecondaryConnections s) {
            secondaries.set(s);
        }

        @Override
        public DomainRef domainCreateXML(String xml, int flags) {
            Connect storage = secondaries.get().open("storage");
            StoragePool pool = storage.storagePoolLookupByName("default");
            StorageVol vol = pool.storageVolLookupByName("guest.qcow2");
            log.add("pool xml: " + pool.getXMLDesc().contains("<path>/var/lib/images</path>"));
            log.add("path: " + vol.getPath());
            log.add("info: " + vol.getInfo());
            log.add("by path: " + storage.storageVolLookupByPath(vol.getPath()).getName());
            log.add("by key: " + storage.storageVolLookupByKey(vol.getKey()).getPoolName());
            Connect network = secondaries.get().open("network");
            NetworkPort port = network.networkLookupByName("default").portCreateXML("<networkport><uuid>"
                    + "5d744f21-ba4a-4d6e-bdb2-30a35ff3207d</uuid></networkport>");
            log.add("port: " + port.getXMLDesc());
            port.setParameters(List.of(TypedParameter.ofUInt(NetworkPort.BANDWIDTH_IN_AVERAGE, 1000)));
            log.add("params: " + port.getParameters());
            log.add("port network: " + port.getNetwork().getName());
            NWFilterBinding b = secondaries.get().open("nwfilter").nwfilterBindingCreateXML(
                    "<filterbinding><portdev name='vnet0'/><filterref filter='clean-traffic'/></filterbinding>");
            log.add("binding: " + b.getPortDev() + " " + b.getFilterName());
            return new DomainRef("guest", UUID.nameUUIDFromBytes("guest".getBytes()), 1);
        }

        /** What a guest's shutdown gives back. */
        @Override
        public void domainDestroyFlags(DomainRef dom, int flags) {
            Connect network = secondaries.get().open("network");
            network.networkLookupByName("default").port(UUID.fromString("5d744f21-ba4a-4d6e-bdb2-30a35ff3207d")).delete();
            secondaries.get().open("nwfilter").nwfilterBinding("vnet0", "clean-traffic").delete();
            // a port reattached after a restart: the plug is the one the guest has
            network.networkLookupByName("default").portCreateXML("<networkport><uuid>6d744f21-ba4a-4d6e-bdb2-30a35ff3207d"
                    + "</uuid><plug type='network' bridge='virbr0'/></networkport>", NetworkPortCreateFlag.RECLAIM);
        }
    }

    @Test
    void aHypervisorDriverGetsVolumesPortsAndBindingsFromItsScopesDrivers() {
        Storage storage = new Storage();
        Networks networks = new Networks();
        Filters filters = new Filters();
        drivers.add(secondary("storage", storage));
        drivers.add(secondary("network", networks));
        drivers.add(secondary("nwfilter", filters));
        Hypervisor hv = new Hypervisor();
        DriverEntry<ConnectDriver> x = entry("hv", "hv", 0, true, false, uri -> OpenResult.success(hv));
        drivers.add(x);
        ConnectUri uri = ConnectUri.parse("hv:///system");
        ManagedConnection app = new ManagedConnection(access, uri, null, 0, x, x.service().open(uri, null, 0).connection());
        assertEquals(DriverScope.SYSTEM, hv.secondaries.get().scope());

        app.domainCreateXML("<domain/>");
        assertEquals(List.of("pool xml: true", "path: /var/lib/images/guest.qcow2",
                "info: VolInfo[type=FILE, capacity=1073741824, allocation=1048576]", "by path: guest.qcow2",
                "by key: default",
                "port: <networkport><uuid>5d744f21-ba4a-4d6e-bdb2-30a35ff3207d</uuid>"
                        + "<plug type='network' bridge='virbr0'/></networkport>",
                "params: [TypedParameter[field=inbound.average, type=UINT, value=1000]]", "port network: default",
                "binding: vnet0 clean-traffic"), hv.log);
        // the application sees the same objects through its own connection
        assertEquals(List.of("5d744f21-ba4a-4d6e-bdb2-30a35ff3207d"), app.networkLookupByName("default").listAllPorts()
                .stream().map(NetworkPort::getUUIDString).toList());
        assertEquals(List.of("vnet0"), app.listAllNWFilterBindings().stream().map(NWFilterBinding::getPortDev).toList());

        app.domain("guest", UUID.nameUUIDFromBytes("guest".getBytes()), 1).destroy();
        assertEquals(List.of("6d744f21-ba4a-4d6e-bdb2-30a35ff3207d"), networks.networkListAllPorts(networks.net, 0)
                .stream().map(p -> p.uuid().toString()).toList(), "deleted, and a reclaimed one kept its plug");
        assertEquals(Map.of(), filters.bindings);

        // errors of the other drivers reach the hypervisor driver as they are
        Connect s = hv.secondaries.get().open("storage");
        VirtException e = assertThrows(VirtException.class,
                () -> s.storagePoolLookupByName("default").storageVolLookupByName("nope"));
        assertEquals(ErrorCode.NO_STORAGE_VOL, e.code());
        assertEquals(ErrorDomain.STORAGE, e.domain());
        e = assertThrows(VirtException.class, () -> s.storageVolLookupByPath("/elsewhere"));
        assertEquals("Storage volume not found: no storage vol with matching key /elsewhere", e.getMessage());
        app.close();
    }
}
