package io.jvirt.conf.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.jvirt.conf.oracle.Oracle;
import io.jvirt.testsupport.Shared;

/** The typed views and the setters drivers use, on libvirt's own example domain. */
class DomainViewsTest {
    static DomainDef fc5() {
        String xml = Oracle.read(Shared.conformance().resolve("libvirt-10.7.0/examples/xml/test/testdomfc5.xml"));
        return DomainDef.parse(xml, ParseContext.define(new TestDriverHook()));
    }

    @Test
    void views() {
        DomainDef d = fc5();
        assertEquals(new Views.OsType("hvm", "i686", null), d.osType());
        assertEquals(new Views.Vcpus(4, 4, "static", null), d.vcpus());
        assertEquals(2097152L, d.memoryKiB());
        List<Views.Disk> disks = d.disks();
        assertEquals("hda", disks.get(0).targetDev());
        assertEquals("ide", disks.get(0).targetBus());
        assertEquals(new Views.NetInterface("bridge", "00:16:3e:5d:c7:26", "xenbr0", "testnet0", null),
                d.interfaces().get(0));
        assertEquals(new Views.Graphics("vnc", 5904, false, null), d.graphics().get(0));
    }

    @Test
    void settersAndCopy() {
        DomainDef d = fc5();
        DomainDef live = d.copy();
        live.setVcpus(4, 2);
        live.setMemoryKiB(1024);
        live.setText("title", "a title");
        live.id(7);
        String out = live.format();
        assertTrue(out.startsWith("<domain type='test' id='7'>\n"), out);
        assertTrue(out.contains("<title>a title</title>"), out);
        assertTrue(out.contains("<memory unit='KiB'>1024</memory>\n  <currentMemory unit='KiB'>1024</currentMemory>"));
        assertTrue(out.contains("<vcpu placement='static' current='2'>4</vcpu>"), out);
        String persistent = d.format(FormatFlag.INACTIVE);
        assertFalse(persistent.contains("title"));
        assertTrue(persistent.contains("<vcpu placement='static'>4</vcpu>"));
        assertNull(d.title());
        assertThrows(IllegalArgumentException.class, () -> d.name("a/b"));
        assertThrows(IllegalArgumentException.class, () -> d.setCurrentMemoryKiB(d.memoryKiB() + 1));
    }
}
