package io.jvirt.driver.qemu;

import static io.jvirt.driver.qemu.QemuFixture.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.jvirt.api.Domain;
import io.jvirt.api.DomainCreateFlag;
import io.jvirt.api.DomainXMLFlag;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.VirtException;

/**
 * A definition with {@code <vcpus>} (what {@code virsh dumpxml} gives after a vCPU hotplug), as libvirt
 * 9.0's QEMU driver takes it (observed on a real libvirtd): QEMU boots the vCPUs that are not
 * hotpluggable, the driver plugs the other enabled ones into the paused QEMU before the guest runs,
 * {@code current} is the enabled count. Plugging into a paused QEMU needs no guest kernel.
 */
class VcpuStatesDefinitionTest {

    private static String withVcpus(String name, String vcpu) {
        return QemuFixture.diskless(name).replace("<vcpu>1</vcpu>", vcpu);
    }

    private static int qemuCpus(QemuFixture q, Domain d) {
        var instance = q.driver.instance(q.root);
        return instance.monitorCommand(instance.lookupByName(d.getName()), "query-cpus-fast").size();
    }

    /** QEMU's command line as the kernel has it, arguments joined by spaces. */
    private static String cmdline(QemuFixture q, String name) throws Exception {
        return Files.readString(Path.of("/proc/" + q.driverPid(name) + "/cmdline")).replace('\0', ' ');
    }

    @Test
    void enabledHotpluggableVcpusArePluggedBeforeTheGuestRuns() throws Exception {
        try (QemuFixture q = new QemuFixture()) {
            // ids 1 missing (disabled), current='4' overruled by the three enabled ones, orders kept
            Domain d = q.conn.domainDefineXML(withVcpus("states", "<vcpu current='4'>4</vcpu><vcpus>"
                    + "<vcpu id='0' enabled='yes' hotpluggable='no' order='1'/>"
                    + "<vcpu id='3' enabled='yes' hotpluggable='yes' order='2'/>"
                    + "<vcpu id='2' enabled='yes' hotpluggable='yes' order='3'/></vcpus>"));
            String inactive = "<vcpu placement='static' current='3'>4</vcpu>\n  <vcpus>\n"
                    + "    <vcpu id='0' enabled='yes' hotpluggable='no' order='1'/>\n"
                    + "    <vcpu id='1' enabled='no' hotpluggable='yes'/>\n"
                    + "    <vcpu id='2' enabled='yes' hotpluggable='yes' order='3'/>\n"
                    + "    <vcpu id='3' enabled='yes' hotpluggable='yes' order='2'/>\n  </vcpus>\n";
            assertContains(d.getXMLDesc(DomainXMLFlag.INACTIVE), inactive);
            d.create();
            assertEquals(3, qemuCpus(q, d));
            assertEquals(3, d.getInfo().nrVirtCpu());
            // the live order is QEMU's: boot vCPU first, then as plugged (vcpu3, then vcpu2)
            assertContains(d.getXMLDesc(), "<vcpu placement='static' current='3'>4</vcpu>\n  <vcpus>\n"
                    + "    <vcpu id='0' enabled='yes' hotpluggable='no' order='1'/>\n"
                    + "    <vcpu id='1' enabled='no' hotpluggable='yes'/>\n"
                    + "    <vcpu id='2' enabled='yes' hotpluggable='yes' order='3'/>\n"
                    + "    <vcpu id='3' enabled='yes' hotpluggable='yes' order='2'/>\n  </vcpus>\n");
            assertContains(d.getXMLDesc(DomainXMLFlag.INACTIVE), inactive);
            assertContains(cmdline(q, "states"), "-smp 1,maxcpus=4,");
            d.destroy();

            // without orders: the live XML numbers the enabled ones by id; two boot vCPUs, one plugged
            Domain e = q.conn.domainDefineXML(withVcpus("plain", "<vcpu>4</vcpu><vcpus>"
                    + "<vcpu id='0' enabled='yes'/><vcpu id='1' enabled='yes'/>"
                    + "<vcpu id='2' enabled='yes' hotpluggable='yes'/></vcpus>"));
            e.create(DomainCreateFlag.START_PAUSED);
            assertEquals(3, qemuCpus(q, e));
            assertContains(cmdline(q, "plain"), "-smp 2,maxcpus=4,");
            assertContains(e.getXMLDesc(), "<vcpus>\n"
                    + "    <vcpu id='0' enabled='yes' hotpluggable='no' order='1'/>\n"
                    + "    <vcpu id='1' enabled='yes' hotpluggable='no' order='2'/>\n"
                    + "    <vcpu id='2' enabled='yes' hotpluggable='yes' order='3'/>\n"
                    + "    <vcpu id='3' enabled='no' hotpluggable='yes'/>\n  </vcpus>\n");
            e.destroy();

            // an empty <vcpus/> says nothing
            Domain f = q.conn.domainDefineXML(withVcpus("empty", "<vcpu>2</vcpu><vcpus/>"));
            assertEquals(List.of(), List.of(f.getXMLDesc(DomainXMLFlag.INACTIVE).split("\n")).stream()
                    .filter(l -> l.contains("vcpus")).toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "vcpu0 hotpluggable|<vcpu id='0' enabled='yes' hotpluggable='yes'/>|CONFIG_UNSUPPORTED|unsupported configuration: vcpu0 can't be hotpluggable",
        "vcpu0 offline|<vcpu id='0' enabled='no' hotpluggable='no'/>|CONFIG_UNSUPPORTED|unsupported configuration: vcpu 0 can't be offline",
        "vcpu0 not first|<vcpu id='0' enabled='yes' order='2'/><vcpu id='1' enabled='yes' hotpluggable='yes' order='1'/>|CONFIG_UNSUPPORTED|unsupported configuration: vcpu0 must be enabled first",
        "boot vcpu after a hotpluggable one|<vcpu id='0' enabled='yes' hotpluggable='no'/><vcpu id='1' enabled='yes' hotpluggable='yes'/><vcpu id='2' enabled='yes' hotpluggable='no'/>|CONFIG_UNSUPPORTED|unsupported configuration: online non-hotpluggable vcpus need to be ordered prior to hotplugable vcpus",
        "boot vcpus out of order|<vcpu id='0' enabled='yes' hotpluggable='no' order='1'/><vcpu id='1' enabled='yes' hotpluggable='no' order='3'/><vcpu id='2' enabled='yes' hotpluggable='no' order='2'/>|CONFIG_UNSUPPORTED|unsupported configuration: online non-hotpluggable vcpus must be ordered in ascending order",
        "some orders|<vcpu id='0' enabled='yes' hotpluggable='no'/><vcpu id='1' enabled='yes' hotpluggable='yes' order='3'/>|CONFIG_UNSUPPORTED|unsupported configuration: all vcpus must have either set or unset order",
        "offline boot vcpu|<vcpu id='0' enabled='yes' hotpluggable='no'/><vcpu id='1' enabled='no' hotpluggable='no'/>|CONFIG_UNSUPPORTED|unsupported configuration: vcpu '1' is both offline and not hotpluggable",
        "id out of range|<vcpu id='0' enabled='yes'/><vcpu id='7' enabled='no'/>|XML_ERROR|XML error: vcpu id '7' is out of range of maximum vcpu count",
        "missing id|<vcpu enabled='yes' hotpluggable='no'/>|XML_ERROR|XML error: Missing required attribute 'id' in element 'vcpu'",
        "missing enabled|<vcpu id='0' hotpluggable='no'/>|XML_ERROR|XML error: Missing required attribute 'enabled' in element 'vcpu'",
        "bad enabled|<vcpu id='0' enabled='maybe'/>|XML_ERROR|XML error: Invalid value for attribute 'enabled' in element 'vcpu': 'maybe'.",
        "bad order|<vcpu id='0' enabled='yes' order='x'/>|XML_ERROR|XML error: Invalid value for attribute 'order' in element 'vcpu': 'x'. Expected non-negative integer value",
    })
    void refusedDefinitions(String what, String vcpus, ErrorCode code, String message) throws Exception {
        try (QemuFixture q = new QemuFixture()) {
            String xml = withVcpus("bad", "<vcpu>4</vcpu><vcpus>" + vcpus + "</vcpus>");
            VirtException e = assertThrows(VirtException.class, () -> q.conn.domainDefineXML(xml));
            assertEquals(code, e.code(), e.getMessage());
            assertEquals(message, e.getMessage());
            assertEquals(List.of(), q.conn.listAllDomains());
        }
    }

    @Test
    void startRefusesWhatOnlyTheDefaultsReveal() throws Exception {
        try (QemuFixture q = new QemuFixture()) {
            // defined (hotpluggable unset when libvirt's QEMU rules look), but vcpu2 boots after the hotpluggable vcpu1
            Domain d = q.conn.domainDefineXML(withVcpus("late", "<vcpu>4</vcpu><vcpus><vcpu id='0' enabled='yes'/>"
                    + "<vcpu id='1' enabled='no'/><vcpu id='2' enabled='yes'/></vcpus>"));
            VirtException e = assertThrows(VirtException.class, d::create);
            assertEquals(ErrorCode.CONFIG_UNSUPPORTED, e.code());
            assertEquals("unsupported configuration: online non-hotpluggable vcpus need to be ordered prior to"
                    + " hotplugable vcpus", e.getMessage());
            assertEquals(false, d.isActive());
            Domain dup = q.conn.domainDefineXML(withVcpus("dup", "<vcpu>4</vcpu><vcpus>"
                    + "<vcpu id='0' enabled='yes' hotpluggable='no' order='1'/>"
                    + "<vcpu id='1' enabled='yes' hotpluggable='yes' order='1'/></vcpus>"));
            e = assertThrows(VirtException.class, dup::create);
            assertEquals(ErrorCode.CONFIG_UNSUPPORTED, e.code());
            assertEquals("unsupported configuration: duplicate vcpu order '1'", e.getMessage());
            assertEquals(false, dup.isActive());
        }
    }
}
