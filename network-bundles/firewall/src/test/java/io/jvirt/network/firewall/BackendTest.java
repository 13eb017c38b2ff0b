package io.jvirt.network.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;

import org.junit.jupiter.api.Test;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.VirtException;

/** {@code firewall_backend} as libvirt's network driver reads it at start. */
class BackendTest {
    @Test
    void theConfiguredBackendOrTheFirstInstalledOne() {
        assertEquals(Backend.IPTABLES, Backend.select(null, "x", Set.of("iptables", "nft")::contains),
                "iptables first, as libvirt 9.0 has only it");
        assertEquals(Backend.NFTABLES, Backend.select(null, "x", Set.of("nft")::contains));
        assertEquals(Backend.NFTABLES, Backend.select("nftables", "x", Set.of("iptables", "nft")::contains));
        assertEquals(Backend.IPTABLES, Backend.select("iptables", "x", Set.of("iptables")::contains));
    }

    @Test
    void libvirtsErrors() {
        VirtException e = assertThrows(VirtException.class,
                () -> Backend.select("ipchains", "/etc/libvirt/network.conf", t -> true));
        assertEquals(ErrorCode.INTERNAL_ERROR, e.code());
        assertEquals("unrecognized 'firewall_backend = 'ipchains' set in network driver config file "
                + "/etc/libvirt/network.conf", e.getMessage());
        e = assertThrows(VirtException.class, () -> Backend.select("nftables", "x", Set.of("iptables")::contains));
        assertEquals("requested firewall_backend 'nftables' is not available", e.getMessage());
        e = assertThrows(VirtException.class, () -> Backend.select(null, "x", t -> false));
        assertEquals("could not find a usable firewall backend", e.getMessage());
    }
}
