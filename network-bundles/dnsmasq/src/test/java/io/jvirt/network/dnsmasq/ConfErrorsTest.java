package io.jvirt.network.dnsmasq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.network.NetworkDef;

/** What the configuration refuses, with libvirt's errors, and the header a network name cannot break. */
class ConfErrorsTest {
    private static DnsmasqConfig of(String xml) {
        return DnsmasqConfig.of(NetworkDef.parse(xml, true), Path.of("/var/lib/libvirt/dnsmasq"), null);
    }

    @Test
    void oneDhcpAddressPerFamily() {
        VirtException e = assertThrows(VirtException.class, () -> of("<network><name>n</name><bridge name='b0'/>"
                + "<ip address='10.1.0.1' prefix='24'><dhcp><range start='10.1.0.2' end='10.1.0.3'/></dhcp></ip>"
                + "<ip address='10.2.0.1' prefix='24'><dhcp><range start='10.2.0.2' end='10.2.0.3'/></dhcp></ip>"
                + "</network>"));
        assertEquals(ErrorCode.CONFIG_UNSUPPORTED, e.code());
        assertEquals(ErrorDomain.NETWORK, e.domain());
        assertEquals("For IPv4, multiple DHCP definitions cannot be specified.", e.getMessage());
    }

    @Test
    void aPtrDomainNeedsWholeOctets() {
        VirtException e = assertThrows(VirtException.class, () -> of("<network><name>n</name><bridge name='b0'/>"
                + "<ip address='10.1.0.1' prefix='20' localPtr='yes'/></network>"));
        assertEquals(ErrorCode.CONFIG_UNSUPPORTED, e.code());
        assertEquals("PTR domain for IPv4 network with prefix 20 cannot be automatically created", e.getMessage());
        assertTrue(of("<network><name>n</name><bridge name='b0'/><ip address='10.1.0.1' prefix='16' localPtr='yes'/>"
                + "</network>").conf().contains("\nlocal=/1.10.in-addr.arpa/\n"));
    }

    @Test
    void aLineBreakCannotAddDirectives() {
        VirtException e = assertThrows(VirtException.class, () -> of("<network><name>a&#10;port=5353</name>"
                + "<bridge name='b0'/><ip address='10.1.0.1' prefix='24'/></network>"));
        assertEquals(ErrorCode.CONFIG_UNSUPPORTED, e.code());
        assertEquals("network 'a?port=5353': a line break in 'a?port=5353' cannot go into dnsmasq's configuration",
                e.getMessage());
        e = assertThrows(VirtException.class, () -> of("<network><name>n</name><bridge name='b0'/><dns>"
                + "<host ip='10.1.0.7'><hostname>x&#10;10.1.0.8 y</hostname></host></dns>"
                + "<ip address='10.1.0.1' prefix='24'/></network>"));
        assertTrue(e.getMessage().startsWith("network 'n': a line break in 'x?10.1.0.8 y'"), e.getMessage());
    }
}
