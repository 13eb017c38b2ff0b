package io.jvirt.network.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.testsupport.NetNs;

/**
 * Transactions on the real tools in a network namespace: a command that fails rolls back what its
 * transaction (and one it inherits from) did, the tables end as they began, and the error names the
 * command and the tool's complaint as libvirt reports it.
 */
class RollbackNamespaceTest {
    @Test
    void iptablesFailureRollsBack() throws Exception {
        NetNs.requireRoot("iptables in a network namespace");
        NetNs.requireTools("ip", "iptables", "iptables-save", "ip6tables-save");
        try (NetNs ns = NetNs.create("rbi")) {
            CommandRunner run = CommandRunner.system(ns.launcher());
            NetworkRules.of(Backend.IPTABLES).globalChains(Layer.IPV4).apply(run);
            String before = Libvirt90FirewallTest.tables(ns);
            Firewall fw = Firewall.builder(Backend.IPTABLES)
                    .transaction(false, true)
                    .add(Layer.IPV4, "--table", "filter", "--insert", "LIBVIRT_INP", "--in-interface", "jv0", "--jump",
                            "ACCEPT")
                    .transaction(false, true).inheritRollback()
                    .add(Layer.IPV4, "--table", "filter", "--insert", "LIBVIRT_OUT", "--out-interface", "jv0", "--jump",
                            "ACCEPT")
                    .add(Layer.IPV4, "--table", "filter", "--insert", "NO_SUCH_CHAIN", "--jump", "ACCEPT")
                    .build();
            VirtException e = assertThrows(VirtException.class, () -> fw.apply(run));
            assertEquals(ErrorCode.INTERNAL_ERROR, e.code());
            assertEquals(ErrorDomain.FIREWALL, e.domain());
            assertTrue(e.getMessage().startsWith("Failed to apply firewall rules /usr/sbin/iptables -w --table filter "
                    + "--insert NO_SUCH_CHAIN --jump ACCEPT: "), e.getMessage());
            assertEquals(before, Libvirt90FirewallTest.tables(ns), "both transactions were rolled back");

            // without inheritance only the failed transaction goes
            Firewall two = Firewall.builder(Backend.IPTABLES)
                    .transaction(false, true)
                    .add(Layer.IPV4, "--table", "filter", "--insert", "LIBVIRT_INP", "--in-interface", "jv0", "--jump",
                            "ACCEPT")
                    .transaction(false, true)
                    .add(Layer.IPV4, "--table", "filter", "--insert", "NO_SUCH_CHAIN", "--jump", "ACCEPT")
                    .build();
            assertThrows(VirtException.class, () -> two.apply(run));
            assertTrue(Libvirt90FirewallTest.tables(ns).contains("-A LIBVIRT_INP -i jv0 -j ACCEPT"));
        }
    }

    @Test
    void nftFailureRollsBackByHandle() throws Exception {
        NetNs.requireRoot("nft in a network namespace");
        NetNs.requireTools("ip", "nft");
        try (NetNs ns = NetNs.create("rbn")) {
            ns.exec("ip", "link", "add", "jv0", "type", "bridge");
            CommandRunner run = CommandRunner.system(ns.launcher());
            NetworkRules.of(Backend.NFTABLES).globalChains(Layer.IPV4).apply(run);
            String before = ns.exec("nft", "list", "ruleset");
            Firewall fw = Firewall.builder(Backend.NFTABLES).transaction(false, true)
                    .add(Layer.IPV4, "insert", "rule", "ip", "libvirt_network", "guest_output", "iif", "jv0", "counter",
                            "reject")
                    .add(Layer.IPV4, "insert", "rule", "ip", "libvirt_network", "guest_input", "oif", "jv0", "counter",
                            "reject")
                    .add(Layer.IPV4, "insert", "rule", "ip", "libvirt_network", "guest_input", "oif", "no-such-dev",
                            "counter", "reject")
                    .build();
            VirtException e = assertThrows(VirtException.class, () -> fw.apply(run));
            assertTrue(e.getMessage().startsWith("Failed to apply firewall command '/usr/sbin/nft -ae insert rule ip "
                    + "libvirt_network guest_input oif no-such-dev counter reject': "), e.getMessage());
            assertEquals(before, ns.exec("nft", "list", "ruleset"));
        }
    }
}
