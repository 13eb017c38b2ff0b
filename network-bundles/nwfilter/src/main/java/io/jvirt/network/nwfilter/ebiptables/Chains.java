package io.jvirt.network.nwfilter.ebiptables;

/**
 * The names of an interface's chains, as libvirt's ebiptables driver gives them. ebtables (nat
 * table): the root chains {@code libvirt-I-IF} (from the guest, hooked on PREROUTING {@code -i IF})
 * and {@code libvirt-O-IF} (to the guest, POSTROUTING {@code -o IF}), and sub chains
 * {@code I-IF-SUFFIX} per filter chain ({@code I-vnet0-ipv4}); iptables/ip6tables (filter table):
 * {@code FI-IF} (forwarded from the guest), {@code FO-IF} (forwarded to it) and {@code HI-IF} (from
 * the guest to the host), jumped to from libvirt's {@code libvirt-in}, {@code libvirt-out} and
 * {@code libvirt-host-in}. While rules are built they live in temporary chains whose second letter
 * is J instead of I and P instead of O; renaming them makes them live.
 */
final class Chains {
    static final char IN = 'I';
    static final char OUT = 'O';
    static final char IN_TEMP = 'J';
    static final char OUT_TEMP = 'P';

    static final String VIRT_IN = "libvirt-in";
    static final String VIRT_OUT = "libvirt-out";
    static final String VIRT_IN_POST = "libvirt-in-post";
    static final String HOST_IN = "libvirt-host-in";

    static final String EB_INCOMING = "PREROUTING";
    static final String EB_OUTGOING = "POSTROUTING";

    /** STP's destination, the bridge group address. */
    static final String MAC_BGA = "01:80:c2:00:00:00";

    private Chains() {
    }

    static String ebRoot(char prefix, String ifname) {
        return "libvirt-" + prefix + "-" + ifname;
    }

    static String ebSub(char prefix, String ifname, String suffix) {
        return prefix + "-" + ifname + "-" + suffix;
    }

    /** {@code FJ-vnet0} and the like: the first letter says F(orward) or H(ost), the second the direction. */
    static String ipt(char first, char second, String ifname) {
        return "" + first + second + "-" + ifname;
    }

    static char ebPrefix(boolean incoming, boolean temp) {
        return temp ? (incoming ? IN_TEMP : OUT_TEMP) : (incoming ? IN : OUT);
    }
}
