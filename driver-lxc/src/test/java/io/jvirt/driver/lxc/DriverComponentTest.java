package io.jvirt.driver.lxc;

import static io.jvirt.driver.lxc.LxcFixture.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.jvirt.api.Connect;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.driver.lxc.cgroup.Cgroups;
import io.jvirt.driver.lxc.util.AtomicFiles;
import io.jvirt.registry.testing.InProcessVirt;

/**
 * The bundle's DS component (as bnd generated it: a ConnectDriver and StateDriver named lxc, scheme
 * lxc, local only) and the URIs it opens through the registry's connections: {@code lxc:///system},
 * {@code lxc:///} as libvirt's alias for it, {@code lxc:///embed?root=DIR}; any other path fails
 * as libvirtd 9.0's LXC driver (measured: code 1, domain 17).
 */
class DriverComponentTest {

    @Test
    void componentDescription() throws Exception {
        Path xml = Path.of("target/classes/OSGI-INF/io.jvirt.driver.lxc.LxcDriver.xml");
        String c = Files.readString(xml);
        assertContains(c, "<provide interface=\"io.jvirt.spi.ConnectDriver\"/>");
        assertContains(c, "<provide interface=\"io.jvirt.spi.StateDriver\"/>");
        assertContains(c, "<property name=\"jvirt.driver.name\" type=\"String\" value=\"lxc\"/>");
        assertContains(c, "<property name=\"jvirt.uri.schemes\" type=\"String\" value=\"lxc\"/>");
        assertContains(c, "<property name=\"jvirt.driver.localOnly\" type=\"Boolean\" value=\"true\"/>");
        assertContains(c, "configuration-pid=\"io.jvirt.driver.lxc\"");
    }

    @Test
    void uris() throws Exception {
        Path root = Files.createTempDirectory(Path.of("/tmp"), "jlu");
        try {
            LxcDriver driver = new LxcDriver(root.resolve("system"), Cgroups.host());
            InProcessVirt virt = new InProcessVirt("lxc:///system").add(driver, "lxc", "lxc");
            try (Connect sys = virt.open("lxc:///system"); Connect alias = virt.open("lxc:///")) {
                assertEquals("LXC", sys.getType());
                sys.domainDefineXML("<domain type='lxc'><name>u1</name><memory>65536</memory>"
                        + "<os><type>exe</type><init>/bin/busybox</init></os></domain>");
                assertEquals("u1", alias.domainLookupByName("u1").getName(), "lxc:/// is lxc:///system");
                assertEquals("lxc:///", alias.getURI());
                assertEquals(true, Files.exists(root.resolve("system/config/u1.xml")));
            }
            try (Connect embed = virt.open("lxc:///embed?root=" + root.resolve("e"))) {
                assertEquals(0, embed.listAllDomains().size());
            }
            VirtException e = assertThrows(VirtException.class, () -> virt.open("lxc:///foo"));
            assertEquals(ErrorCode.INTERNAL_ERROR, e.code());
            assertEquals(ErrorDomain.LXC, e.domain());
            assertEquals("internal error: Unexpected LXC URI path '/foo', try lxc:///system", e.getMessage());
            VirtException wrongType = assertThrows(VirtException.class, () -> virt.open("lxc:///system")
                    .domainDefineXML("<domain type='kvm'><name>k</name><memory>65536</memory><os><type>exe</type>"
                            + "<init>/bin/sh</init></os></domain>"));
            assertEquals(ErrorDomain.CAPABILITIES, wrongType.domain());
            driver.deactivate();
        } finally {
            AtomicFiles.deleteTree(root);
        }
    }
}
