package io.jvirt.network.nwfilter.learn;

/**
 * What the learners read of an Ethernet frame: MAC addresses, the IPv4 header (also behind one VLAN
 * tag), UDP ports and the fixed part of a BOOTP/DHCP message. Offsets are into the frame; every
 * read is bounds-checked, so a short or malformed frame is just not what a learner looks for.
 */
final class Frames {
    static final int ETHERTYPE_IP = 0x0800;
    static final int ETHERTYPE_VLAN = 0x8100;
    /** The fixed part of a DHCP message up to and including the magic cookie. */
    static final int DHCP_FIXED = 240;

    private Frames() {
    }

    static int u8(byte[] f, int at) {
        return f[at] & 0xFF;
    }

    static int u16(byte[] f, int at) {
        return (f[at] & 0xFF) << 8 | (f[at + 1] & 0xFF);
    }

    static long u32(byte[] f, int at) {
        return (long) u16(f, at) << 16 | u16(f, at + 2);
    }

    static boolean macEquals(byte[] f, int at, byte[] mac) {
        if (f.length < at + 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (f[at + i] != mac[i]) {
                return false;
            }
        }
        return true;
    }

    static boolean broadcast(byte[] f, int at) {
        for (int i = 0; i < 6; i++) {
            if (f[at + i] != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the IPv4 header starts: after the Ethernet header, or after one VLAN tag whose inner type
     * is IPv4; -1 for anything else (libvirt's learner looks at IPv4 only).
     */
    static int ipv4Start(byte[] f) {
        if (f.length < 14) {
            return -1;
        }
        int type = u16(f, 12);
        if (type == ETHERTYPE_IP) {
            return 14;
        }
        if (type == ETHERTYPE_VLAN && f.length >= 18 && u16(f, 16) == ETHERTYPE_IP) {
            return 18;
        }
        return -1;
    }

    /** Where the UDP header of an IPv4 packet starts, or -1 (not UDP, too short). */
    static int udpStart(byte[] f, int ip) {
        if (f.length < ip + 20 || u8(f, ip + 9) != 17) {
            return -1;
        }
        int udp = ip + (u8(f, ip) & 0xF) * 4;
        return f.length >= udp + 8 ? udp : -1;
    }

    static String ipv4(long addr) {
        return (addr >> 24 & 0xFF) + "." + (addr >> 16 & 0xFF) + "." + (addr >> 8 & 0xFF) + "." + (addr & 0xFF);
    }

    static byte[] parseMac(String mac) {
        String[] parts = mac.split(":");
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return b;
    }
}
