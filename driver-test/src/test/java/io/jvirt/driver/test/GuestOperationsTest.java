package io.jvirt.driver.test;

import static io.jvirt.driver.test.Expect.error;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jvirt.api.Virt;
import io.jvirt.registry.testing.InProcessVirt;
import io.jvirt.api.Connect;
import io.jvirt.api.Domain;
import io.jvirt.api.DomainCoreDumpFlag;
import io.jvirt.api.DomainEvent;
import io.jvirt.api.DomainEventId;
import io.jvirt.api.DomainLifecycleAction;
import io.jvirt.api.DomainLifecycleType;
import io.jvirt.api.DomainMetadataType;
import io.jvirt.api.DomainState;
import io.jvirt.api.DomainStateReason;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.SecurityLabel;
import io.jvirt.api.SecurityModel;

/**
 * The test driver's canned guest and host answers and the operations around them, as libvirt-python
 * shows them against {@code test:///default} on this machine.
 */
class GuestOperationsTest {
    private final Virt virt = new InProcessVirt("test:///default").add(new TestDriver(), "test", "test");
    private Connect conn;
    private Domain test;
    private final List<String> events = new ArrayList<>();

    @BeforeEach
    void open() {
        conn = virt.open("test:///default");
        test = conn.domainLookupByName("test");
        conn.domainEventRegisterAny(null, DomainEventId.LIFECYCLE, (d, e) -> {
            DomainEvent.Lifecycle l = (DomainEvent.Lifecycle) e;
            events.add(d.getName() + " " + l.type() + " " + l.type().detailName(l.detail()));
        });
    }

    @AfterEach
    void close() {
        conn.close();
    }

    @Test
    void hostAnswers() {
        assertEquals(new SecurityModel("testSecurity", ""), conn.nodeGetSecurityModel());
        assertEquals(3145728, conn.nodeGetFreeMemory()); // freecell: Total: 3072 KiB
        assertEquals(List.of(2097152L, 4194304L), conn.nodeGetCellsFreeMemory(0, 5));
        assertEquals(List.of(4194304L), conn.nodeGetCellsFreeMemory(1, 5));
        error(ErrorCode.INVALID_ARG, ErrorDomain.TEST, "invalid argument: Range exceeds available cells",
                () -> conn.nodeGetCellsFreeMemory(2, 5));
        assertEquals(3, conn.nodeGetCPUMap().onlineCount()); // nodecpumap: y-y-y---
        assertEquals(8, conn.nodeGetCPUMap().cpus());
        assertTrue(conn.getSysinfo().contains("<entry name='vendor'>LENOVO</entry>"));
        assertEquals(32, conn.getMaxVcpus(null));
    }

    @Test
    void securityLabelOnlyWhileRunning() {
        assertEquals(new SecurityLabel("libvirt-test", true), test.getSecurityLabel());
        test.destroy();
        assertEquals(new SecurityLabel("", false), test.getSecurityLabel());
    }

    @Test
    void guestAgentAnswers() {
        assertEquals("testhost", test.getHostname());
        assertEquals(627319920, test.getTime().seconds());
        assertEquals(2, test.fsFreeze(List.of()));
        assertEquals(0, test.fsFreeze(List.of()));
        assertEquals(2, test.fsThaw(List.of()));
        error(ErrorCode.OPERATION_INVALID, ErrorDomain.TEST, "Requested operation is not valid: mount point not found: /x",
                () -> test.fsFreeze(List.of("/x")));
        error(ErrorCode.INVALID_ARG, ErrorDomain.TEST, "invalid argument: only sending a signal to pid 1 is supported",
                () -> test.sendProcessSignal(2, 15));
        test.sendProcessSignal(1, 15);
        test.reset();
        test.injectNMI();
        assertEquals(0, test.getControlInfo().state());
        test.destroy();
        for (org.junit.jupiter.api.function.Executable call : List.<org.junit.jupiter.api.function.Executable>of(
                test::reset, test::injectNMI, test::getTime, test::getHostname, test::getControlInfo,
                () -> test.fsFreeze(List.of()), () -> test.setUserPassword("root", "x", false))) {
            error(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN, "Requested operation is not valid: domain is not running",
                    call);
        }
    }

    @Test
    void metadataDescriptionAndTitle() {
        error(ErrorCode.NO_DOMAIN_METADATA, ErrorDomain.DOMAIN,
                "metadata not found: Requested metadata element is not present",
                () -> test.getMetadata(DomainMetadataType.DESCRIPTION, null));
        test.setMetadata(DomainMetadataType.DESCRIPTION, "hello world", null, null);
        test.setMetadata(DomainMetadataType.TITLE, "T1", null, null);
        assertEquals("hello world", test.getMetadata(DomainMetadataType.DESCRIPTION, null));
        String xml = test.getXMLDesc();
        assertTrue(xml.contains("  <title>T1</title>\n  <description>hello world</description>\n"), xml);
        test.setMetadata(DomainMetadataType.DESCRIPTION, null, null, null);
        error(ErrorCode.NO_DOMAIN_METADATA, ErrorDomain.DOMAIN, null,
                () -> test.getMetadata(DomainMetadataType.DESCRIPTION, null));
    }

    @Test
    void lifecycleActionChangesTheXml() {
        test.setLifecycleAction(DomainLifecycleType.POWEROFF, DomainLifecycleAction.RESTART);
        assertTrue(test.getXMLDesc().contains("<on_poweroff>restart</on_poweroff>"));
    }

    @Test
    void renameOnlyWhileInactive() {
        error(ErrorCode.OPERATION_INVALID, ErrorDomain.TEST, "Requested operation is not valid: cannot rename active domain",
                () -> test.rename("t2"));
        Domain d = conn.domainDefineXML(DomainBehaviourTest.D1);
        error(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN,
                "Requested operation is not valid: domain with name 'test' already exists", () -> d.rename("test"));
        events.clear();
        d.rename("d2");
        assertEquals("d2", d.getName());
        assertEquals(List.of("d1 UNDEFINED renamed", "d2 DEFINED renamed"), events);
        assertEquals(d.getUUID(), conn.domainLookupByName("d2").getUUID());
        error(ErrorCode.NO_DOMAIN, ErrorDomain.TEST, "Domain not found", () -> conn.domainLookupByName("d1"));
    }

    @Test
    void coreDumpWritesAFileAndCrashStops(@TempDir Path dir) throws Exception {
        Path core = dir.resolve("test.core");
        test.coreDump(core.toString());
        assertArrayEquals("TestGuestMagic\0".getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(core));
        events.clear();
        test.coreDump(core.toString(), DomainCoreDumpFlag.CRASH);
        assertEquals(new DomainStateReason(DomainState.SHUTOFF, 3), test.getState()); // shut off (crashed)
        assertEquals(List.of("test STOPPED crashed"), events);
        error(ErrorCode.INVALID_ARG, ErrorDomain.TEST, "unsupported flags (0x10) in function testDomainCoreDumpWithFormat",
                () -> test.coreDump(core.toString(), DomainCoreDumpFlag.MEMORY_ONLY));
    }

    @Test
    void statisticsAndPinning() {
        // virsh -c test:///default 'vcpuinfo test; vcpupin test; domblkinfo test vda; dommemstat test; domblkerror test'
        var vcpus = test.getVcpus(8);
        assertEquals(2, vcpus.size());
        assertEquals(15, vcpus.get(0).cpu()); // the last of nodeinfo's 16 CPUs
        assertEquals(8, vcpus.get(0).affinity().cardinality());
        assertEquals(2, test.getVcpuPinInfo(8).size());
        assertEquals(8, test.getEmulatorPinInfo(8).cardinality());
        assertEquals(new io.jvirt.api.BlockInfo(1099506450432L, 1099511627776L, 1099511627776L),
                test.getBlockInfo("vda"));
        assertEquals(test.getBlockInfo("vda"), test.getBlockInfo("/guest/diskimage1"));
        error(ErrorCode.INVALID_ARG, ErrorDomain.TEST, "invalid argument: invalid path nope not assigned to domain",
                () -> test.getBlockInfo("nope"));
        assertEquals(new io.jvirt.api.MemoryStat(6, 2097152), test.memoryStats(16).get(0)); // actual
        assertEquals(13, test.memoryStats(16).size());
        assertEquals(List.of(new io.jvirt.api.DiskError("vda", 1)), test.getDiskErrors());
        test.destroy();
        error(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN, "Requested operation is not valid: domain is not running",
                () -> test.memoryStats(16));
        assertEquals(2, test.getVcpuPinInfo(8).size()); // from the persistent definition
    }

    @Test
    void saveImages(@TempDir Path dir) throws Exception {
        String image = dir.resolve("test.save").toString();
        test.save(image);
        String xml = conn.domainSaveImageGetXMLDesc(image);
        assertTrue(xml.startsWith("<domain type='test'>\n  <name>test</name>\n"), xml);
        conn.domainSaveImageDefineXML(image, xml.replace("<on_crash>destroy</on_crash>", "<on_crash>restart</on_crash>"));
        assertTrue(conn.domainSaveImageGetXMLDesc(image).contains("<on_crash>restart</on_crash>"));
        conn.domainRestore(image);
        assertTrue(test.getXMLDesc().contains("<on_crash>restart</on_crash>"));
    }

    @Test
    void agentAddressesFileSystemsCpuModelsAndPoolSources() {
        var addrs = test.interfaceAddresses(0); // virsh domifaddr test
        assertEquals("testnet0", addrs.get(0).name());
        assertEquals("192.168.122.3", addrs.get(0).addrs().get(0).addr());
        assertEquals(List.of("/", "/boot"), test.getFSInfo().stream().map(io.jvirt.api.DomainFSInfo::mountpoint).toList());
        assertEquals(58, conn.getCPUModelNames("x86_64").size()); // virsh cpu-models x86_64
        assertEquals(List.of(), conn.getCPUModelNames("aarch64"));
        error(ErrorCode.INVALID_ARG, ErrorDomain.TEST, "invalid argument: cannot find architecture foo",
                () -> conn.getCPUModelNames("foo"));
        assertTrue(conn.findStoragePoolSources("logical", null).contains("<name>testvg1</name>"));
        error(ErrorCode.INVALID_ARG, ErrorDomain.TEST, "invalid argument: hostname must be specified for netfs sources",
                () -> conn.findStoragePoolSources("netfs", null));
        error(ErrorCode.NO_SUPPORT, ErrorDomain.TEST, "this function is not supported by the connection driver: "
                + "pool type 'fs' does not support source discovery", () -> conn.findStoragePoolSources("fs", null));
    }

    @Test
    void metadataElements() {
        // virsh metadata test http://example.org/ns --key ex --set '<item a="1"><sub>t</sub></item>'
        test.setMetadata(DomainMetadataType.ELEMENT, "<item a=\"1\"><sub>t</sub></item>", "ex", "http://example.org/ns");
        assertEquals("<item a=\"1\">\n  <sub>t</sub>\n</item>",
                test.getMetadata(DomainMetadataType.ELEMENT, "http://example.org/ns"));
        assertTrue(test.getXMLDesc().contains("  <metadata>\n    <ex:item xmlns:ex=\"http://example.org/ns\" a=\"1\">\n"
                + "      <ex:sub>t</ex:sub>\n    </ex:item>\n  </metadata>\n"), test.getXMLDesc());
        test.setMetadata(DomainMetadataType.ELEMENT, null, null, "http://example.org/ns");
        error(ErrorCode.NO_DOMAIN_METADATA, ErrorDomain.DOMAIN, null,
                () -> test.getMetadata(DomainMetadataType.ELEMENT, "http://example.org/ns"));
    }

    @Test
    void clockDerivedStatistics() {
        long before = java.time.Instant.now().getEpochSecond();
        io.jvirt.api.BlockStats b = test.blockStats("vda");
        // virsh domblkstat test vda: requests are the microsecond clock / 10, bytes / 20, errors the seconds / 2
        assertEquals(b.rdReq() / 2, b.rdBytes(), 1);
        assertTrue(b.errs() >= before / 2 && b.errs() <= before / 2 + 1);
        io.jvirt.api.InterfaceStats i = test.interfaceStats("testnet0");
        assertEquals(i.rxBytes() / 10, i.rxPackets(), 1);
        error(ErrorCode.INVALID_ARG, ErrorDomain.TEST, "invalid argument: 'nope' is not a known interface",
                () -> test.interfaceStats("nope"));
        error(ErrorCode.INVALID_ARG, ErrorDomain.TEST, "invalid argument: invalid path: nope", () -> test.blockStats("nope"));
        assertEquals(java.util.List.of("user", "kernel", "idle", "iowait"), java.util.List.copyOf(conn.nodeGetCPUStats(-1).keySet()));
    }

    @Test
    void cpuStatistics() {
        // virsh cpu-stats test: the real host's CPUs, fixed times one nanosecond apart, totals that add up
        int cpus = Runtime.getRuntime().availableProcessors();
        assertEquals(cpus, test.getCPUStatsCount());
        var perCpu = test.getCPUStats(0, cpus);
        assertEquals(cpus, perCpu.size());
        assertEquals(24386308517L, perCpu.get(0).get(0).value());
        long total = (Long) test.getCPUStats(-1, 1).get(0).get(0).value();
        assertEquals(perCpu.stream().mapToLong(l -> (Long) l.get(0).value()).sum(), total);
    }

    @Test
    void domainStatsHaveTheStateGroupOnly() {
        // virsh domstats: Domain: 'test' / state.state=1 / state.reason=0
        var all = conn.getAllDomainStats(List.of(), 0, 0);
        assertEquals(1, all.size());
        assertEquals(List.of(io.jvirt.api.TypedParameter.ofInt("state.state", 1),
                io.jvirt.api.TypedParameter.ofInt("state.reason", 0)), all.get(0).params());
        assertEquals(List.of(), conn.getAllDomainStats(List.of(test), 4 /* balloon */, 0).get(0).params());
        error(ErrorCode.ARGUMENT_UNSUPPORTED, ErrorDomain.TEST,
                "argument unsupported: Stats types bits 0x4 are not supported by this daemon",
                () -> conn.getAllDomainStats(List.of(), 4, 1 << 31));
    }
}
