package io.jvirt.conf.capabilities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.VirtException;

/**
 * The formatting idioms of libvirt's capabilities documents that the documents of this machine's
 * libvirt do not all show: resctrl caches and memory bandwidth, HMAT interconnects, memory side
 * caches, guest feature toggles, and elements left out or written empty. Each model is also parsed
 * back from its text.
 */
class CapabilitiesFormatTest {

    /** Formats {@code caps}, then parses the text and formats it again. */
    private static Capabilities roundTrip(Capabilities caps, String expected) {
        assertEquals(expected, caps.format());
        Capabilities parsed = Capabilities.parse(expected);
        assertEquals(expected, parsed.format());
        return parsed;
    }

    @Test
    void hostWithNothingKnownIsLeftOut() {
        roundTrip(new Capabilities(new Host(null, null, null, false, null, null, null, null, null, null), List.of()),
                "<capabilities>\n\n</capabilities>\n");
    }

    @Test
    void richHost() {
        CpuDef cpu = new CpuDef("Skylake-Client-IBRS", null, null, "Intel", 226L, new CpuDef.Signature(6, 94, 3),
                new CpuDef.Counter(2592000000L, Boolean.TRUE), new CpuDef.Topology(1, 1, 4, 2), null,
                new CpuDef.MaxPhysAddr("emulate", 39, null), List.of(CpuDef.Feature.host("ds"),
                        CpuDef.Feature.host("vmx")));
        NumaCell cell0 = new NumaCell(0, 8388608, List.of(new NumaCell.Pages(4, 2097152)),
                List.of(new NumaCell.Distance(0, 10), new NumaCell.Distance(1, 21)),
                List.of(new NumaCell.MemoryCache(1, "direct", "writeback", 10240, 64)),
                List.of(new NumaCell.Cpu(0, 0, 0, 0, CpuSet.of(0, 4)), NumaCell.Cpu.idOnly(1)));
        NumaCell cell1 = new NumaCell(1, 0, List.of(), List.of(), List.of(), List.of());
        Host host = new Host(UUID.fromString("4f3a7f1c-98e1-4b33-8a16-5ee0a8c3d9a2"),
                new HostCpu(Arch.X86_64, List.of("svm"), cpu, List.of(4L, 2048L)),
                Set.of(PowerTarget.SUSPEND_HYBRID, PowerTarget.SUSPEND_MEM), true,
                new Migration(true, List.of("tcp", "rdma")), "vnet",
                new NumaTopology(List.of(cell0, cell1), List.of(
                        new NumaTopology.Interconnect(false, 0, 0, 0, "read", 6),
                        new NumaTopology.Interconnect(true, 0, 1, 1, "write", 104448))),
                new HostCache(List.of(
                        new HostCache.Bank(0, 3, "both", 15L << 20, CpuSet.range(0, 7), List.of(
                                new HostCache.Control(768 << 10, 1536 << 10, "both", 4),
                                new HostCache.Control(1 << 20, 512 << 10, "code", 8))),
                        new HostCache.Bank(1, 2, "data", 256L << 10, CpuSet.of(0, 1, 2, 5), List.of())),
                        new ResctrlMonitor(3, 270336, 176, List.of("llc_occupancy"))),
                new MemoryBandwidth(List.of(new MemoryBandwidth.Node(0, CpuSet.of(0, 1, 2, 3), 10, 10, 4)),
                        new ResctrlMonitor(null, null, 176, List.of("mbm_total_bytes", "mbm_local_bytes"))),
                List.of(new SecModel("selinux", "0", List.of(
                        new SecModel.BaseLabel("kvm", "system_u:system_r:svirt_t:s0"))),
                        new SecModel("dac", "0", List.of())));
        Capabilities caps = new Capabilities(host, List.of());
        Capabilities parsed = roundTrip(caps, """
                <capabilities>

                  <host>
                    <uuid>4f3a7f1c-98e1-4b33-8a16-5ee0a8c3d9a2</uuid>
                    <cpu>
                      <arch>x86_64</arch>
                      <features>
                        <svm/>
                      </features>
                      <model>Skylake-Client-IBRS</model>
                      <vendor>Intel</vendor>
                      <microcode version='226'/>
                      <signature family='6' model='94' stepping='3'/>
                      <counter name='tsc' frequency='2592000000' scaling='yes'/>
                      <topology sockets='1' dies='1' cores='4' threads='2'/>
                      <maxphysaddr mode='emulate' bits='39'/>
                      <feature name='ds'/>
                      <feature name='vmx'/>
                      <pages unit='KiB' size='4'/>
                      <pages unit='KiB' size='2048'/>
                    </cpu>
                    <power_management>
                      <suspend_mem/>
                      <suspend_hybrid/>
                    </power_management>
                    <iommu support='yes'/>
                    <migration_features>
                      <live/>
                      <uri_transports>
                        <uri_transport>tcp</uri_transport>
                        <uri_transport>rdma</uri_transport>
                      </uri_transports>
                    </migration_features>
                    <netprefix>vnet</netprefix>
                    <topology>
                      <cells num='2'>
                        <cell id='0'>
                          <memory unit='KiB'>8388608</memory>
                          <pages unit='KiB' size='4'>2097152</pages>
                          <distances>
                            <sibling id='0' value='10'/>
                            <sibling id='1' value='21'/>
                          </distances>
                          <cache level='1' associativity='direct' policy='writeback'>
                            <size value='10240' unit='KiB'/>
                            <line value='64' unit='B'/>
                          </cache>
                          <cpus num='2'>
                            <cpu id='0' socket_id='0' die_id='0' core_id='0' siblings='0,4'/>
                            <cpu id='1'/>
                          </cpus>
                        </cell>
                        <cell id='1'>
                          <cpus num='0'/>
                        </cell>
                      </cells>
                      <interconnects>
                        <latency initiator='0' target='0' type='read' value='6'/>
                        <bandwidth initiator='0' target='1' cache='1' type='write' value='104448' unit='KiB'/>
                      </interconnects>
                    </topology>
                    <cache>
                      <bank id='0' level='3' type='both' size='15' unit='MiB' cpus='0-7'>
                        <control granularity='768' min='1536' unit='KiB' type='both' maxAllocs='4'/>
                        <control granularity='1024' min='512' unit='KiB' type='code' maxAllocs='8'/>
                      </bank>
                      <bank id='1' level='2' type='data' size='256' unit='KiB' cpus='0-2,5'/>
                      <monitor level='3' reuseThreshold='270336' maxMonitors='176'>
                        <feature name='llc_occupancy'/>
                      </monitor>
                    </cache>
                    <memory_bandwidth>
                      <node id='0' cpus='0-3'>
                        <control granularity='10' min='10' maxAllocs='4'/>
                      </node>
                      <monitor maxMonitors='176'>
                        <feature name='mbm_total_bytes'/>
                        <feature name='mbm_local_bytes'/>
                      </monitor>
                    </memory_bandwidth>
                    <secmodel>
                      <model>selinux</model>
                      <doi>0</doi>
                      <baselabel type='kvm'>system_u:system_r:svirt_t:s0</baselabel>
                    </secmodel>
                    <secmodel>
                      <model>dac</model>
                      <doi>0</doi>
                    </secmodel>
                  </host>

                </capabilities>
                """);
        assertEquals(caps, parsed);
    }

    @Test
    void guestsWithMachinesDomainsAndToggles() {
        Guest.Machine alias = new Guest.Machine("pc", "pc-i440fx-7.2", 255, false);
        Guest.Machine old = new Guest.Machine("pc-1.0", null, 0, true);
        Guest guest = new Guest(OsType.HVM, Arch.X86_64, "/usr/bin/qemu-system-x86_64", null, List.of(alias, old),
                List.of(Guest.Domain.of(VirtType.QEMU),
                        new Guest.Domain(VirtType.KVM, "/usr/bin/qemu-kvm", null, List.of(old))),
                List.of(GuestFeature.withToggle(GuestFeature.Type.DISKSNAPSHOT, true, false),
                        GuestFeature.of(GuestFeature.Type.CPUSELECTION),
                        GuestFeature.withToggle(GuestFeature.Type.ACPI, true, true)));
        Guest bare = new Guest(OsType.EXE, Arch.AARCH64, null, null, List.of(), List.of(Guest.Domain.of(VirtType.LXC)),
                List.of());
        roundTrip(new Capabilities(null, List.of(guest, bare)), """
                <capabilities>

                  <guest>
                    <os_type>hvm</os_type>
                    <arch name='x86_64'>
                      <wordsize>64</wordsize>
                      <emulator>/usr/bin/qemu-system-x86_64</emulator>
                      <machine canonical='pc-i440fx-7.2' maxCpus='255'>pc</machine>
                      <machine deprecated='yes'>pc-1.0</machine>
                      <domain type='qemu'/>
                      <domain type='kvm'>
                        <emulator>/usr/bin/qemu-kvm</emulator>
                        <machine>pc-1.0</machine>
                      </domain>
                    </arch>
                    <features>
                      <acpi default='on' toggle='yes'/>
                      <cpuselection/>
                      <disksnapshot default='on' toggle='no'/>
                    </features>
                  </guest>

                  <guest>
                    <os_type>exe</os_type>
                    <arch name='aarch64'>
                      <wordsize>64</wordsize>
                      <domain type='lxc'/>
                    </arch>
                  </guest>

                </capabilities>
                """);
    }

    @Test
    void rejectsBrokenDocumentsWithXmlErrors() {
        for (String xml : List.of("<capabilities><guest><os_type>hvm</os_type></guest></capabilities>",
                "<capabilities><host><uuid>nope</uuid></host></capabilities>",
                "<capabilities><guest><os_type>hvm</os_type><arch name='z80'/></guest></capabilities>",
                "<!DOCTYPE x [<!ENTITY e 'x'>]><capabilities/>", "<domain/>")) {
            VirtException e = assertThrows(VirtException.class, () -> Capabilities.parse(xml), xml);
            assertEquals(ErrorCode.XML_ERROR, e.code(), xml);
        }
        for (String xml : List.of("<domainCapabilities><domain>kvm</domain><arch>x86_64</arch>"
                + "<vcpu max='99999999999'/></domainCapabilities>", "<domainCapabilities/>")) {
            VirtException e = assertThrows(VirtException.class, () -> DomainCapabilities.parse(xml), xml);
            assertEquals(ErrorCode.XML_ERROR, e.code(), xml);
        }
    }

    @Test
    void cpuSets() {
        assertEquals("0-3,8,10-11", CpuSet.parse("0,1,2,3,8,10-11").format());
        assertEquals("0-2,4-7", CpuSet.parse("0-7,^3").format());
        assertEquals("", CpuSet.parse("").format());
        assertTrue(CpuSet.of().ids().isEmpty());
    }
}
