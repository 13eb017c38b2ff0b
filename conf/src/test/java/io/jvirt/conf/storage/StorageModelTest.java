package io.jvirt.conf.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/** The model's API beyond the corpora: other pool kinds, parse flags, namespaces, source lists. */
class StorageModelTest {
    @Test
    void sourceListAsFindStoragePoolSourcesPrintsIt() {
        // virsh -c test:///default find-storage-pool-sources logical
        String expected = """
                <sources>
                  <source>
                    <device path='/dev/sda20'/>
                    <name>testvg1</name>
                    <format type='lvm2'/>
                  </source>
                  <source>
                    <device path='/dev/sda21'/>
                    <name>testvg2</name>
                    <format type='lvm2'/>
                  </source>
                </sources>
                """;
        List<PoolSource> sources = List.of(
                PoolSource.parse("<source><device path='/dev/sda20'/><name>testvg1</name></source>",
                        StoragePoolType.LOGICAL),
                PoolSource.parse("<source><device path='/dev/sda21'/><name>testvg2</name></source>",
                        StoragePoolType.LOGICAL));
        assertEquals(expected, PoolSource.formatSources(StoragePoolType.LOGICAL, sources));
        assertEquals("<sources>\n</sources>\n", PoolSource.formatSources(StoragePoolType.NETFS, List.of()));
    }

    @Test
    void sourceSpecificationErrorsAsLibvirtReportsThem() {
        // virsh -c test:///default find-storage-pool-sources netfs SPEC.xml
        VirtException e = assertThrows(VirtException.class,
                () -> PoolSource.parse("<sourcex/>", StoragePoolType.NETFS));
        assertEquals("XML error: expecting root element of 'source', not 'sourcex'", e.getMessage());
        e = assertThrows(VirtException.class, () -> PoolSource.parse("<source><host/></source>", StoragePoolType.NETFS));
        assertEquals("XML error: missing storage pool host name", e.getMessage());
        e = assertThrows(VirtException.class,
                () -> PoolSource.parse("<source><host name='h'/><format type='bad'/></source>", StoragePoolType.NETFS));
        assertEquals("unsupported configuration: unknown pool format type bad", e.getMessage());
        assertEquals(ErrorCode.CONFIG_UNSUPPORTED, e.code());
        assertEquals(ErrorDomain.STORAGE, e.domain());
        PoolSource s = PoolSource.parse("<source><host name='h'/></source>", StoragePoolType.NETFS);
        assertEquals("h", s.hosts().get(0).name());
        assertEquals(NetfsPoolFormat.AUTO, s.format());
    }

    @Test
    void volumeFormatsFollowThePoolType() {
        String xml = "<volume><name>v</name><capacity>1</capacity><target><format type='linux-swap'/></target></volume>";
        StorageVolDef disk = StorageVolDef.parse(xml, StoragePoolType.DISK, Set.of());
        assertEquals(DiskVolumeFormat.LINUX_SWAP, disk.target().format());
        assertTrue(disk.format().contains("<format type='linux-swap'/>"));
        // logical volumes have no format: neither read nor written
        StorageVolDef lv = StorageVolDef.parse(xml, StoragePoolType.LOGICAL, Set.of());
        assertNull(lv.target().format());
        assertFalse(lv.format().contains("<format"));
        VirtException e = assertThrows(VirtException.class, () -> StorageVolDef.parse(xml, StoragePoolType.DIR, Set.of()));
        assertEquals("unsupported configuration: unknown volume format type linux-swap", e.getMessage());
        StorageVolDef none = StorageVolDef.parse("<volume><name>v</name><capacity>1</capacity></volume>",
                StoragePoolType.DISK, Set.of());
        assertEquals(DiskVolumeFormat.NONE, none.target().format());
    }

    @Test
    void capacityFlags() {
        String noCapacity = "<volume><name>v</name></volume>";
        String backed = "<volume><name>v</name><backingStore><path>/b</path></backingStore></volume>";
        assertThrows(VirtException.class, () -> StorageVolDef.parse(noCapacity, StoragePoolType.DIR, Set.of()));
        assertEquals(0, StorageVolDef.parse(noCapacity, StoragePoolType.DIR,
                Set.of(StorageVolDef.ParseFlag.NO_CAPACITY)).capacity());
        assertThrows(VirtException.class, () -> StorageVolDef.parse(noCapacity, StoragePoolType.DIR,
                Set.of(StorageVolDef.ParseFlag.OPT_CAPACITY)));
        StorageVolDef v = StorageVolDef.parse(backed, StoragePoolType.DIR, Set.of(StorageVolDef.ParseFlag.OPT_CAPACITY));
        assertEquals("/b", v.backingStore().path());
        assertEquals(FileFormat.RAW, v.backingStore().format());
    }

    @Test
    void rbdOptionsAreKeptWhenTheRbdBackendIsThere() {
        String xml = """
                <pool type='rbd' xmlns:r='http://libvirt.org/schemas/storagepool/rbd/1.0'>
                  <name>ceph</name>
                  <uuid>47c1faee-0207-e741-f5ae-d9b019b98fe2</uuid>
                  <source><name>rbd</name><host name='mon' port='6789'/></source>
                  <r:config_opts><r:option name='a' value='1'/><r:option name='b&amp;' value='2'/></r:config_opts>
                </pool>
                """;
        // the reference daemon has no rbd backend: the options are dropped
        assertTrue(StoragePoolDef.parse(xml).rbdOptions().isEmpty());
        StoragePoolDef def = StoragePoolDef.parse(xml, EnumSet.allOf(StoragePoolDef.PoolNamespace.class));
        assertEquals(List.of(new StoragePoolDef.RbdOption("a", "1"), new StoragePoolDef.RbdOption("b&", "2")),
                def.rbdOptions());
        assertEquals("""
                <pool type='rbd' xmlns:rbd='http://libvirt.org/schemas/storagepool/rbd/1.0'>
                  <name>ceph</name>
                  <uuid>47c1faee-0207-e741-f5ae-d9b019b98fe2</uuid>
                  <capacity unit='bytes'>0</capacity>
                  <allocation unit='bytes'>0</allocation>
                  <available unit='bytes'>0</available>
                  <source>
                    <host name='mon' port='6789'/>
                    <name>rbd</name>
                  </source>
                  <rbd:config_opts>
                    <rbd:option name='a' value='1'/>
                    <rbd:option name='b&amp;' value='2'/>
                  </rbd:config_opts>
                </pool>
                """, def.format());
        VirtException e = assertThrows(VirtException.class, () -> StoragePoolDef.parse(
                xml.replace("value='1'", "value=''"), EnumSet.of(StoragePoolDef.PoolNamespace.RBD)));
        assertEquals("XML error: empty rbd option value specified for name 'a'", e.getMessage());
    }

    @Test
    void driverStateIsCarriedNotInvented() {
        StoragePoolDef pool = StoragePoolDef.parse("<pool type='dir'><name>p</name><target><path>/p</path></target>"
                + "<capacity>5</capacity><allocation>5</allocation></pool>");
        assertEquals(0, pool.capacity());
        assertEquals(0, pool.allocation());
        pool = pool.withSizes(10, 4, 6);
        assertTrue(pool.format().contains("<available unit='bytes'>6</available>"));
        StorageVolDef vol = StorageVolDef.parse("<volume><name>v</name><capacity>8</capacity><physical>3</physical>"
                + "<target><timestamps><atime>1</atime></timestamps></target></volume>", pool);
        assertNull(vol.key());
        assertNull(vol.target().path());
        assertNull(vol.target().timestamps());
        assertEquals(0, vol.physical());
        vol = vol.withKey("/p/v").withPath("/p/v").withPhysical(3)
                .withTarget(vol.target().withPath("/p/v").withTimestamps(new VolTarget.Timestamps(
                        new VolTarget.Time(1, 5), new VolTarget.Time(2, 0), null, null)))
                .withSourceExtents(List.of(new StorageVolDef.SourceExtent("/dev/sda", 0, 10),
                        new StorageVolDef.SourceExtent("/dev/sda", 20, 30)));
        assertEquals("""
                <volume type='file'>
                  <name>v</name>
                  <key>/p/v</key>
                  <source>
                    <device path='/dev/sda'>
                      <extent start='0' end='10'/>
                      <extent start='20' end='30'/>
                    </device>
                  </source>
                  <capacity unit='bytes'>8</capacity>
                  <allocation unit='bytes'>8</allocation>
                  <physical unit='bytes'>3</physical>
                  <target>
                    <path>/p/v</path>
                    <format type='raw'/>
                    <timestamps>
                      <atime>1.000000005</atime>
                      <mtime>2</mtime>
                    </timestamps>
                  </target>
                </volume>
                """, vol.format());
    }
}
