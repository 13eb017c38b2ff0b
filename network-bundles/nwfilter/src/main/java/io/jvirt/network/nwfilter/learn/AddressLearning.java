package io.jvirt.network.nwfilter.learn;

import static io.jvirt.network.nwfilter.learn.Frames.*;

/**
 * What {@code CTRL_IP_LEARNING='any'} takes as a guest's address, as libvirt's learner does: the
 * source of an IPv4 packet from the guest's MAC (not 0.0.0.0, multicast or class E), or the address
 * a DHCP server offers or acknowledges to it (a BOOTREPLY for its MAC, sent to its MAC or to
 * broadcast). Only IPv4 frames count (libvirt's learner skips ARP, whatever its code suggests).
 */
final class AddressLearning {
    private static final int DHCPOFFER = 2;
    private static final int DHCPACK = 5;

    private AddressLearning() {
    }

    /** The learned address in a frame, or null. */
    static String learn(byte[] f, byte[] mac) {
        int ip = ipv4Start(f);
        if (ip < 0) {
            return null;
        }
        if (macEquals(f, 6, mac)) {
            if (f.length < ip + 20) {
                return null;
            }
            long src = u32(f, ip + 12);
            if ((src & 0xe0000000L) == 0xe0000000L || src == 0) {
                return null;
            }
            return ipv4(src);
        }
        if (!macEquals(f, 0, mac) && !broadcast(f, 0)) {
            return null;
        }
        int udp = udpStart(f, ip);
        if (udp < 0 || u16(f, udp) != 67 || u16(f, udp + 2) != 68 || f.length < udp + 8 + DHCP_FIXED) {
            return null;
        }
        int dhcp = udp + 8;
        if (u8(f, dhcp) != 2 || !macEquals(f, dhcp + 28, mac)) {
            return null;
        }
        long yiaddr = u32(f, dhcp + 16);
        // the options, walked as libvirt walks them (code, length, value)
        int at = dhcp + DHCP_FIXED;
        String found = null;
        while (f.length - at >= 2) {
            int code = u8(f, at);
            int len = u8(f, at + 1);
            if (code == 53 && f.length - at >= 3) {
                int type = u8(f, at + 2);
                if (type == DHCPACK || type == DHCPOFFER) {
                    found = ipv4(yiaddr);
                }
            }
            at += 2 + len;
        }
        return found;
    }
}
