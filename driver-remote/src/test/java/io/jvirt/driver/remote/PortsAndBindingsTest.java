package io.jvirt.driver.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jvirt.api.Connect;
import io.jvirt.api.NWFilter;
import io.jvirt.api.NWFilterBinding;
import io.jvirt.api.Network;
import io.jvirt.api.NetworkPort;
import io.jvirt.api.NetworkPortCreateFlag;
import io.jvirt.api.TypedParameter;
import io.jvirt.api.VirtException;
import io.jvirt.testsupport.Libvirtd;
import io.jvirt.testsupport.NetNs;

/**
 * Network ports and nwfilter bindings through the remote driver, against jvirtd (jvirt's test
 * driver, {@code test+unix:///default}) and against a real libvirtd 9.0 (its network and nwfilter
 * drivers, run in a network namespace made here, with a tap {@code eth1} in it as the device that
 * exists, like the test host's {@code eth1}): the same scenario prints the same transcript, values,
 * errors (code, domain, message) and all.
 */
class PortsAndBindingsTest {
    static final io.jvirt.registry.testing.InProcessVirt CLIENT = Platform.client(Path.of("/nonexistent"));
    static final String NET = "<network><name>pnet</name><uuid>9b1e2a4c-7f1a-4a6e-9d3b-1c2d3e4f5a6b</uuid>"
            + "<bridge name='pbr0'/><ip address='192.168.200.1' netmask='255.255.255.0'/></network>";
    static final String PORT = """
            <networkport>
              <uuid>5d744f21-ba4a-4d6e-bdb2-30a35ff3207d</uuid>
              <owner>
                <name>memtest</name>
                <uuid>d54df46f-1ab5-4a22-8618-4560ef5fac2c</uuid>
              </owner>
              <mac address='52:54:00:7b:35:93'/>
              <bandwidth><inbound average='1000' peak='4000' burst='1024'/><outbound average='128'/></bandwidth>
            </networkport>
            """;
    static final String BINDING = """
            <filterbinding>
              <owner>
                <name>memtest</name>
                <uuid>d54df46f-1ab5-4a22-8618-4560ef5fac2c</uuid>
              </owner>
              <portdev name='vnet0'/>
              <mac address='52:54:00:7b:35:93'/>
              <filterref filter='clean-traffic'>
                <parameter name='MAC' value='52:54:00:7b:35:93'/>
              </filterref>
            </filterbinding>
            """;

    static NetNs ns;
    static Libvirtd libvirtd;

    @BeforeAll
    static void start() throws Exception {
        JvirtdApiTest.jvirtd();
        ns = NetNs.create("ports");
        ns.exec("ip", "tuntap", "add", "dev", "eth1", "mode", "tap");
        ns.exec("ip", "link", "set", "eth1", "up");
        libvirtd = Libvirtd.startIn(ns);
    }

    @AfterAll
    static void stop() throws Exception {
        if (libvirtd != null) {
            libvirtd.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    /** Each step's result or error, one line each. */
    static List<String> scenario(Connect c) {
        List<String> t = new ArrayList<>();
        Network net = c.networkDefineXML(NET);
        net.create();
        try {
            NetworkPort p = step(t, "create", () -> net.portCreateXML(PORT));
            step(t, "xml", p::getXMLDesc);
            step(t, "list", () -> net.listAllPorts().stream().map(NetworkPort::getUUIDString).toList());
            step(t, "lookup", () -> net.portLookupByUUID(p.getUUID()).getNetwork().getName());
            step(t, "params", p::getParameters);
            step(t, "set", () -> {
                p.setParameters(List.of(TypedParameter.ofUInt(NetworkPort.BANDWIDTH_IN_AVERAGE, 2000),
                        TypedParameter.ofUInt(NetworkPort.BANDWIDTH_OUT_PEAK, 800)));
                return p.getParameters();
            });
            step(t, "floor", () -> {
                p.setParameters(List.of(TypedParameter.ofUInt(NetworkPort.BANDWIDTH_IN_FLOOR, 10)));
                return "set";
            });
            step(t, "xml2", p::getXMLDesc);
            step(t, "dup", () -> net.portCreateXML(PORT));
            step(t, "reclaim-none", () -> net.portCreateXML(PORT.replace("5d7", "6d7"), NetworkPortCreateFlag.RECLAIM));
            step(t, "reclaim", () -> net.portCreateXML(PORT.replace("5d7", "7d7")
                    .replace("</networkport>", "<plug type='bridge' bridge='pbr0'/></networkport>"),
                    NetworkPortCreateFlag.RECLAIM).getXMLDesc());
            step(t, "bad", () -> net.portCreateXML(PORT.replace("<mac address='52:54:00:7b:35:93'/>", "")));
            step(t, "missing", () -> net.portLookupByUUID(UUID.fromString("00000000-0000-0000-0000-000000000001")));
            step(t, "netxml-head", () -> net.getXMLDesc().lines().findFirst().orElse(""));
            step(t, "delete", () -> {
                p.delete();
                return net.listAllPorts().size();
            });
            step(t, "delete-again", () -> {
                p.delete();
                return "deleted";
            });
        } finally {
            net.destroy();
        }
        step(t, "list-destroyed", net::listAllPorts);
        net.create();
        step(t, "list-restarted", net::listAllPorts);
        net.destroy();
        net.undefine();

        NWFilterBinding b = step(t, "bind", () -> c.nwfilterBindingCreateXML(BINDING));
        step(t, "bind-xml", b::getXMLDesc);
        step(t, "bind-names", () -> b.getPortDev() + " " + b.getFilterName());
        step(t, "bind-dup", () -> c.nwfilterBindingCreateXML(BINDING));
        // a filter no host has: libvirtd loads Debian's stock filters (clean-traffic among them) when
        // libvirt-daemon-config-nwfilter is installed, which libvirt-daemon recommends
        step(t, "bind-up-unknown", () -> c.nwfilterBindingCreateXML(
                BINDING.replace("vnet0", "eth1").replace("clean-traffic", "ports-no-such-filter")));
        NWFilter other = c.nwfilterDefineXML("<filter name='ports-other' chain='root'>"
                + "<rule action='accept' direction='inout'><all/></rule></filter>");
        NWFilterBinding up = step(t, "bind-up",
                () -> c.nwfilterBindingCreateXML(BINDING.replace("vnet0", "eth1").replace("clean-traffic", "ports-other")));
        step(t, "undefine-in-use", () -> {
            other.undefine();
            return "undefined";
        });
        // sorted: libvirtd lists in its hash table's order (virsh sorts by port device)
        step(t, "bind-list", () -> c.listAllNWFilterBindings().stream().map(x -> x.getPortDev() + " " + x.getFilterName())
                .sorted().toList());
        step(t, "bind-lookup", () -> c.nwfilterBindingLookupByPortDev("eth1").getFilterName());
        step(t, "bind-missing", () -> c.nwfilterBindingLookupByPortDev("nope"));
        step(t, "bind-bad", () -> c.nwfilterBindingCreateXML(BINDING.replace("vnet0", "")));
        step(t, "unbind", () -> {
            if (up != null) { // a failed bind-up is already in the transcript
                up.delete();
            }
            b.delete();
            other.undefine();
            return c.listAllNWFilterBindings().size();
        });
        step(t, "unbind-again", () -> {
            b.delete();
            return "deleted";
        });
        return t;
    }

    static <T> T step(List<String> t, String name, Supplier<T> call) {
        try {
            T r = call.get();
            t.add(name + ": " + r);
            return r;
        } catch (VirtException e) {
            t.add(name + ": error " + e.code() + " " + e.domain() + " " + e.getMessage());
            return null;
        }
    }

    @Test
    void jvirtdsTestDriverAnswersAsLibvirtdsNetworkAndNWFilterDrivers() throws Exception {
        List<String> theirs;
        try (Connect c = CLIENT.open(libvirtd.uri("qemu", "system"))) {
            theirs = scenario(c);
        }
        List<String> ours;
        try (Connect c = CLIENT.open(JvirtdApiTest.jvirtd.testUnixUri())) {
            ours = scenario(c);
        }
        assertTrue(theirs.get(0).startsWith("create: NetworkPort["), theirs.get(0));
        assertEquals(String.join("\n", theirs), String.join("\n", ours));
    }
}
