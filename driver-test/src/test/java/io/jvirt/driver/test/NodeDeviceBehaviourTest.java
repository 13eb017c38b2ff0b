package io.jvirt.driver.test;

import static io.jvirt.driver.test.Expect.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.jvirt.api.Virt;
import io.jvirt.registry.testing.InProcessVirt;
import io.jvirt.api.Connect;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.NodeDevice;

/** Node devices of test:///default, as {@code virsh -c test:///default nodedev-*} shows them. */
class NodeDeviceBehaviourTest {
    static final String VHBA = "<device><parent>scsi_host1</parent><capability type='scsi_host'>"
            + "<capability type='fc_host'><wwnn>2000000012345678</wwnn><wwpn>1000000012345678</wwpn>"
            + "</capability></capability></device>";

    private final Virt virt = new InProcessVirt("test:///default").add(new TestDriver(), "test", "test");

    @Test
    void devicesAndVhbaCreation() {
        try (Connect conn = virt.open("test:///default")) {
            assertEquals(List.of("computer", "scsi_host1", "scsi_host2", "scsi_host11"),
                    conn.listAllNodeDevices(0).stream().map(NodeDevice::getName).toList());
            // virsh nodedev-list always passes ACTIVE, which libvirt 9.0's test driver refuses
            error(ErrorCode.INVALID_ARG, ErrorDomain.TEST,
                    "unsupported flags (0x80000000) in function testConnectListAllNodeDevices",
                    () -> conn.listAllNodeDevices(0x80000000));
            assertNull(conn.nodeDevice("computer").getParent());
            assertEquals("scsi_host1", conn.nodeDevice("scsi_host11").getParent());
            List<String> events = new java.util.ArrayList<>();
            int id = conn.nodeDeviceEventRegisterAny(null, (dev, event, detail) -> events.add(dev.getName() + " " + event));
            NodeDevice vhba = conn.nodeDeviceCreateXML(VHBA);
            assertEquals("scsi_host12", vhba.getName());
            String xml = vhba.getXMLDesc();
            assertTrue(xml.contains("<host>11</host>") && xml.contains("<wwnn>2000000012345678</wwnn>"), xml);
            assertEquals("scsi_host12", conn.nodeDeviceCreateXML(VHBA).getName()); // again the same name
            vhba.destroy();
            assertEquals(List.of("scsi_host12 0", "scsi_host12 0", "scsi_host12 1"), events); // CREATED, DELETED
            conn.nodeDeviceEventDeregisterAny(id);
            error(ErrorCode.NO_NODE_DEVICE, ErrorDomain.TEST,
                    "Node device not found: no node device with matching name 'scsi_host12'", vhba::destroy);
        }
    }
}
