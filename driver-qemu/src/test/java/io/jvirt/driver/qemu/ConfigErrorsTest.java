package io.jvirt.driver.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.VirtException;

/** Bad XML and configurations the driver cannot run fail with libvirt's codes and change nothing. */
class ConfigErrorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "sound device|<sound model='ich6'/>|<sound>",
        "network interface|<interface type='network'><source network='default'/></interface>|<interface type='network'>",
        "bridge without source|<interface type='bridge'/>|<source bridge>",
        "spice graphics|<graphics type='spice'/>|<graphics type='spice'>",
        "qxl video|<video><model type='qxl'/></video>|<video><model type='qxl'>",
        "vmdk disk|<disk type='file'><driver name='qemu' type='vmdk'/><source file='/x.vmdk'/><target dev='vda' bus='virtio'/></disk>|type='vmdk'",
        "network disk|<disk type='network'><source protocol='nbd' name='x'><host name='h'/></source><target dev='vda'/></disk>|<disk type='network'>",
        "readonly ide disk|<disk type='file'><source file='/x.img'/><target dev='hda' bus='ide'/><readonly/></disk>|readonly ide",
        "missing emulator|<emulator>/nonexistent/qemu</emulator>|/nonexistent/qemu",
        "filesystem|<filesystem type='mount'><source dir='/tmp'/><target dir='t'/></filesystem>|<filesystem>",
    })
    void unsupportedDevicesAreRefusedBeforeAnythingStarts(String what, String device, String named) throws Exception {
        try (QemuFixture q = new QemuFixture()) {
            String xml = QemuFixture.diskless("bad").replace("</devices>", device + "</devices>");
            VirtException e = assertThrows(VirtException.class, () -> q.conn.domainDefineXML(xml));
            assertEquals(ErrorCode.CONFIG_UNSUPPORTED, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains(named), "message does not name " + named + ": " + e.getMessage());
            e = assertThrows(VirtException.class, () -> q.conn.domainCreateXML(xml));
            assertEquals(ErrorCode.CONFIG_UNSUPPORTED, e.code(), e.getMessage());
            assertEquals(List.of(), q.conn.listAllDomains());
            try (var files = Files.list(q.root.resolve("config"))) {
                assertEquals(0, files.count(), "a refused definition left a file");
            }
            try (var files = Files.list(q.root.resolve("run"))) {
                // the instance's own autostarted marker is no guest's
                assertEquals(0, files.filter(f -> !f.endsWith(io.jvirt.spi.OncePerBoot.MARKER)).count(),
                        "a refused guest left runtime files");
            }
        }
    }

    @Test
    void unsupportedTopLevelElementAndDomainType() throws Exception {
        try (QemuFixture q = new QemuFixture()) {
            VirtException e = assertThrows(VirtException.class, () -> q.conn.domainDefineXML(QemuFixture.diskless("n")
                    .replace("<vcpu>1</vcpu>", "<vcpu>1</vcpu><numatune><memory mode='strict' nodeset='0'/></numatune>")));
            assertEquals(ErrorCode.CONFIG_UNSUPPORTED, e.code());
            assertTrue(e.getMessage().contains("<numatune>"), e.getMessage());
            e = assertThrows(VirtException.class, () -> q.conn.domainDefineXML(QemuFixture.diskless("x")
                    .replace("type='" + QemuFixture.type() + "'", "type='xen'")));
            assertEquals(ErrorCode.CONFIG_UNSUPPORTED, e.code(), e.getMessage());
            e = assertThrows(VirtException.class, () -> q.conn.domainDefineXML(QemuFixture.diskless("m")
                    .replace("machine='pc'", "machine='no-such-machine'")));
            assertEquals(ErrorCode.CONFIG_UNSUPPORTED, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains("no-such-machine"), e.getMessage());
            assertEquals(List.of(), q.conn.listAllDomains());
        }
    }

    @Test
    void malformedXmlIsAnXmlDetailError() throws Exception {
        try (QemuFixture q = new QemuFixture()) {
            VirtException e = assertThrows(VirtException.class, () -> q.conn.domainDefineXML("<domain type='kvm'><name>x"));
            assertEquals(ErrorCode.XML_DETAIL, e.code(), e.getMessage());
            e = assertThrows(VirtException.class, () -> q.conn.domainCreateXML("not xml"));
            assertEquals(ErrorCode.XML_DETAIL, e.code(), e.getMessage());
            assertEquals(List.of(), q.conn.listAllDomains());
        }
    }

    @Test
    void embedNeedsAnAbsoluteRoot() throws Exception {
        try (QemuFixture q = new QemuFixture()) {
            var virt = new io.jvirt.registry.testing.InProcessVirt(null).add(q.driver, "qemu", "qemu");
            VirtException e = assertThrows(VirtException.class, () -> virt.open("qemu:///embed"));
            assertEquals(ErrorCode.INVALID_ARG, e.code(), e.getMessage());
            e = assertThrows(VirtException.class, () -> virt.open("qemu:///embed?root=relative"));
            assertEquals(ErrorCode.INVALID_ARG, e.code(), e.getMessage());
            e = assertThrows(VirtException.class, () -> virt.open("qemu:///nonsense"));
            assertEquals(ErrorCode.INVALID_ARG, e.code(), e.getMessage());
        }
    }

    /** Lifecycle actions and panic devices libvirt 9.0's QEMU driver refuses (messages observed on libvirtd). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "<on_crash>rename-restart</on_crash>|CONFIG_UNSUPPORTED|unsupported configuration: qemu driver doesn't support the 'rename-restart' action for 'on_reboot'/'on_poweroff'/'on_crash'",
        "<on_poweroff>rename-restart</on_poweroff>|CONFIG_UNSUPPORTED|unsupported configuration: qemu driver doesn't support the 'rename-restart' action for 'on_reboot'/'on_poweroff'/'on_crash'",
        "<on_poweroff>preserve</on_poweroff>|CONFIG_UNSUPPORTED|unsupported configuration: qemu driver doesn't support the 'preserve' action for 'on_reboot'/'on_poweroff'",
        "<on_reboot>preserve</on_reboot>|CONFIG_UNSUPPORTED|unsupported configuration: qemu driver doesn't support the 'preserve' action for 'on_reboot'/'on_poweroff'",
        "<on_poweroff>coredump-destroy</on_poweroff>|CONFIG_UNSUPPORTED|unsupported configuration: Lifecycle event 'poweroff' doesn't support 'coredump-destroy' action",
        "<on_reboot>coredump-restart</on_reboot>|CONFIG_UNSUPPORTED|unsupported configuration: Lifecycle event 'reboot' doesn't support 'coredump-restart' action",
        "<on_poweroff>restart</on_poweroff><on_reboot>destroy</on_reboot>|CONFIG_UNSUPPORTED|unsupported configuration: qemu driver doesn't support 'onReboot' set to 'destroy and 'onPoweroff' set to 'reboot'",
        "<on_crash>bogus</on_crash>|CONFIG_UNSUPPORTED|unsupported configuration: unknown on_crash action: bogus",
        "<devices><panic model='pvpanic'/></devices>|CONFIG_UNSUPPORTED|unsupported configuration: unknown panic model 'pvpanic'",
        "<devices><panic model='isa'/><panic model='isa'/></devices>|XML_ERROR|XML error: Multiple panic devices with model 'isa'",
        "<devices><panic model='s390'/></devices>|CONFIG_UNSUPPORTED|unsupported configuration: only S390 guests support panic device of model 's390'",
        "<devices><panic model='pseries'/></devices>|CONFIG_UNSUPPORTED|unsupported configuration: only pSeries guests support panic device of model 'pseries'",
        "<devices><panic model='isa'><address type='pci'/></panic></devices>|CONFIG_UNSUPPORTED|unsupported configuration: panic is supported only with ISA address type",
    })
    void lifecycleActionsAndPanicDevicesLibvirtRefuses(String xml, ErrorCode code, String message) throws Exception {
        try (QemuFixture q = new QemuFixture()) {
            String def = QemuFixture.diskless("bad");
            def = xml.startsWith("<devices>") ? def.replace("</devices>", xml.substring("<devices>".length()))
                    : def.replace("<devices>", xml + "<devices>");
            String d = def;
            VirtException e = assertThrows(VirtException.class, () -> q.conn.domainDefineXML(d));
            assertEquals(code, e.code(), e.getMessage());
            assertEquals(message, e.getMessage());
            assertEquals(List.of(), q.conn.listAllDomains());
        }
    }
}
