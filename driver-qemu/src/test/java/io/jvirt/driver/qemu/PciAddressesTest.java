package io.jvirt.driver.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.jvirt.api.Domain;
import io.jvirt.api.DomainModificationFlag;
import io.jvirt.api.DomainXMLFlag;
import io.jvirt.api.VirtException;

/**
 * The guest sees what the XML says: every device with a PCI address in the live XML is, by its alias
 * (its QEMU id), at that bus/slot/function in QMP's {@code query-pci} (a device behind a root port or
 * bridge is found under the bridge whose id is {@code pci.N}, N being the XML's bus). Hot-plugged
 * devices take the next free slot, and a persistent attach records one in the inactive XML.
 */
class PciAddressesTest {
    private static final Pattern DEVICE = Pattern.compile(
            "<alias name='([^']+)'/>\\s*<address type='pci' domain='0x0000' bus='0x(\\w+)' slot='0x(\\w+)' function='0x(\\w+)'");

    /** alias → "bus:slot.function" for every PCI device of a live XML. */
    static Map<String, String> fromXml(String xml) {
        Map<String, String> m = new TreeMap<>();
        Matcher x = DEVICE.matcher(xml);
        while (x.find()) {
            m.put(x.group(1), Integer.parseInt(x.group(2), 16) + ":" + Integer.parseInt(x.group(3), 16) + "."
                    + Integer.parseInt(x.group(4), 16));
        }
        return m;
    }

    /** qdev id → "bus:slot.function" from query-pci, buses named by their bridge's id ({@code pci.N}). */
    static Map<String, String> fromQmp(JsonNode buses) {
        Map<String, String> m = new TreeMap<>();
        for (JsonNode b : buses) {
            walk(b.path("devices"), 0, m);
        }
        return m;
    }

    private static void walk(JsonNode devices, int bus, Map<String, String> m) {
        for (JsonNode d : devices) {
            String id = d.path("qdev_id").asText();
            if (!id.isEmpty()) {
                m.put(id, bus + ":" + d.path("slot").asInt() + "." + d.path("function").asInt());
            }
            JsonNode bridge = d.path("pci_bridge");
            if (!bridge.isMissingNode() && id.startsWith("pci.")) {
                walk(bridge.path("devices"), Integer.parseInt(id.substring(4)), m);
            }
        }
    }

    private static void assertGuestMatchesXml(QemuFixture q, Domain d) throws InterruptedException {
        String xml = d.getXMLDesc();
        Map<String, String> expected = fromXml(xml);
        // the chipset's own IDE/SATA controller is no -device: QEMU gives it no id
        expected.remove("ide");
        assertFalse(expected.isEmpty(), xml);
        var instance = q.driver.instance(q.root);
        // query-pci nests a bridge's devices by the bus number the firmware gives it: wait for the
        // firmware to number them (this is no timing assertion: the loop ends when they appear)
        Map<String, String> actual = Map.of();
        for (int i = 0; i < 200 && !actual.keySet().containsAll(expected.keySet()); i++) {
            if (i > 0) {
                Thread.sleep(50);
            }
            actual = fromQmp(instance.monitorCommand(instance.lookupByName(d.getName()), "query-pci"));
        }
        for (var e : expected.entrySet()) {
            assertEquals(e.getValue(), actual.get(e.getKey()), "where QEMU put " + e.getKey() + " (query-pci: " + actual
                    + ")\n" + xml);
        }
    }

    @Test
    void guestsSeeTheAddressesOfTheXml() throws Exception {
        try (QemuFixture q = new QemuFixture()) {
            for (String name : new String[] {"q35-misc", "q35-addresses", "pc-addresses", "pc-net", "pc-chardev"}) {
                Domain d = q.conn.domainDefineXML(LibvirtXmlParityTest.corpusXml(name, q.root));
                d.create();
                assertGuestMatchesXml(q, d);
                d.destroy();
            }
        }
    }

    @Test
    void hotPlugTakesTheNextFreeSlotAndConfigAttachRecordsOne() throws Exception {
        try (QemuFixture q = new QemuFixture()) {
            Domain d = q.conn.domainDefineXML(LibvirtXmlParityTest.corpusXml("q35-minimal", q.root));
            String inactive = d.getXMLDesc(DomainXMLFlag.INACTIVE);
            d.create();
            // q35: the spare pcie-root-port libvirt leaves at define (bus 3) takes the hot-plugged NIC
            d.attachDevice("<interface type='user'><mac address='52:54:00:aa:00:01'/><model type='virtio'/></interface>",
                    DomainModificationFlag.LIVE);
            String live = d.getXMLDesc();
            assertTrue(live.contains("<alias name='net0'/>\n      <address type='pci' domain='0x0000' bus='0x03' "
                    + "slot='0x00' function='0x0'/>"), live);
            assertGuestMatchesXml(q, d);
            assertEquals(inactive, d.getXMLDesc(DomainXMLFlag.INACTIVE), "a live attach leaves the definition alone");
            // no root port is free any more, and a running guest cannot get a new one
            VirtException e = assertThrows(VirtException.class, () -> d.attachDevice(
                    "<interface type='user'><mac address='52:54:00:aa:00:02'/><model type='virtio'/></interface>",
                    DomainModificationFlag.LIVE));
            assertTrue(e.getMessage().contains("No more available PCI slots"), e.getMessage());
            // the definition may grow: a persistent attach gets the free port, and the next one a new port
            d.attachDevice("<interface type='user'><mac address='52:54:00:aa:00:03'/><model type='virtio'/></interface>",
                    DomainModificationFlag.CONFIG);
            d.attachDevice("<interface type='user'><mac address='52:54:00:aa:00:04'/><model type='virtio'/></interface>",
                    DomainModificationFlag.CONFIG);
            String config = d.getXMLDesc(DomainXMLFlag.INACTIVE);
            assertTrue(config.contains("<mac address='52:54:00:aa:00:03'/>\n      <model type='virtio'/>\n      "
                    + "<address type='pci' domain='0x0000' bus='0x03' slot='0x00' function='0x0'/>"), config);
            assertTrue(config.contains("<controller type='pci' index='4' model='pcie-root-port'>"), config);
            assertTrue(config.contains("<mac address='52:54:00:aa:00:04'/>\n      <model type='virtio'/>\n      "
                    + "<address type='pci' domain='0x0000' bus='0x04' slot='0x00' function='0x0'/>"), config);
            d.destroy();
            d.create();
            assertGuestMatchesXml(q, d);
            d.destroy();

            // pc: the next free slot of pci.0 (i440fx hot-plugs through ACPI)
            Domain pc = q.conn.domainDefineXML(LibvirtXmlParityTest.corpusXml("pc-misc", q.root)
                    .replace("</os>", "</os><features><acpi/></features>"));
            pc.create();
            pc.attachDevice("<interface type='user'><mac address='52:54:00:aa:00:05'/><model type='e1000'/></interface>",
                    DomainModificationFlag.LIVE);
            String pcLive = pc.getXMLDesc();
            assertTrue(pcLive.contains("<alias name='net0'/>\n      <address type='pci' domain='0x0000' bus='0x00' "
                    + "slot='0x05' function='0x0'/>"), pcLive);
            assertGuestMatchesXml(q, pc);
            pc.destroy();
        }
    }
}
