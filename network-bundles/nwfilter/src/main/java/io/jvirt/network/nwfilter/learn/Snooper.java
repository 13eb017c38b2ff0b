package io.jvirt.network.nwfilter.learn;

import static io.jvirt.network.nwfilter.learn.Frames.*;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jvirt.api.VirtException;
import io.jvirt.conf.nwfilter.NWFilterBindingDef;
import io.jvirt.network.nwfilter.ebiptables.Ebiptables;
import io.jvirt.network.nwfilter.host.PacketSocket;
import io.jvirt.network.nwfilter.state.Instance;
import io.jvirt.network.nwfilter.state.Late;

/**
 * {@code CTRL_IP_LEARNING='dhcp'} on one port device (libvirt's DHCP snooping thread): watches DHCP
 * on the tap, client messages from the guest's MAC (port 68 to 67) and server messages to it (67
 * to 68, for its MAC), and keeps the guest's leases: an acknowledged address joins {@code $IP} and the
 * filter is instantiated with it; a declined one, or one whose lease time ran out, leaves it again
 * (with none left, only DHCP passes, as before the first lease).
 */
final class Snooper implements Runnable {
    private static final Logger LOG = System.getLogger("io.jvirt.network.nwfilter");
    private static final int DHCPDECLINE = 4;
    private static final int DHCPACK = 5;
    private static final int DHCPRELEASE = 7;
    private static final byte[] MAGIC = {99, (byte) 130, 83, 99};

    private final Late late;
    private final NWFilterBindingDef binding;
    private final int ifindex;
    private final byte[] mac;
    private final PacketSocket sock;
    /** Leased address to when its lease ends (epoch seconds, Long.MAX_VALUE for ever). */
    private final Map<String, Long> leases = new LinkedHashMap<>();
    private volatile boolean stop;
    private volatile Thread thread;

    /** @param sock the packet socket on the port device, opened by the caller (and closed by the snooper) */
    Snooper(Late late, NWFilterBindingDef binding, int ifindex, PacketSocket sock) {
        this.late = late;
        this.sock = sock;
        this.binding = binding;
        this.ifindex = ifindex;
        this.mac = Frames.parseMac(binding.mac());
    }

    void start() {
        Thread t = new Thread(this, "nwfilter-dhcp-snoop-" + binding.portDev());
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    boolean running() {
        Thread t = thread;
        return t != null && t.isAlive() && !stop;
    }

    void stop() {
        stop = true;
    }

    @Override
    public void run() {
        String dev = binding.portDev();
        try (PacketSocket sock = this.sock) {
            while (!stop) {
                PacketSocket.Frame f = sock.receive(PacketLearners.POLL_MS);
                if (late.host().ifindex(dev) != ifindex) {
                    break;
                }
                expire();
                if (f != null && !stop) {
                    decode(f.data(), !f.outgoing());
                }
            }
        } catch (IOException | VirtException e) {
            LOG.log(Level.WARNING, "nwfilter: DHCP snooping on " + dev + ": " + e.getMessage());
        }
    }

    /** libvirt's virNWFilterSnoopDHCPDecode. */
    private void decode(byte[] f, boolean fromVM) {
        int ip = ipv4Start(f);
        if (ip < 0) {
            return;
        }
        int udp = udpStart(f, ip);
        if (udp < 0) {
            return;
        }
        int sport = u16(f, udp);
        int dport = u16(f, udp + 2);
        if (fromVM ? !(sport == 68 && dport == 67 && macEquals(f, 6, mac)) : !(sport == 67 && dport == 68)) {
            return;
        }
        int dhcp = udp + 8;
        if (f.length < dhcp + DHCP_FIXED) {
            return;
        }
        if (!fromVM && !macEquals(f, dhcp + 28, mac)) {
            return;
        }
        for (int i = 0; i < 4; i++) {
            if (f[dhcp + 236 + i] != MAGIC[i]) {
                return;
            }
        }
        int type = 0;
        long leaseTime = 0;
        for (int at = dhcp + DHCP_FIXED; at < f.length;) {
            int code = u8(f, at);
            if (code == 0) {
                at++;
                continue;
            }
            if (code == 255 || at + 1 >= f.length) {
                break;
            }
            int len = u8(f, at + 1);
            if (code == 51 && len >= 4 && at + 6 <= f.length) {
                leaseTime = u32(f, at + 2);
            } else if (code == 53 && len >= 1 && at + 3 <= f.length) {
                type = u8(f, at + 2);
            }
            at += 2 + len;
        }
        String yiaddr = ipv4(u32(f, dhcp + 16));
        if ((type == DHCPACK || type == DHCPDECLINE) && fromVM) {
            return;
        }
        if (type == DHCPRELEASE && !fromVM) {
            return;
        }
        long now = System.currentTimeMillis() / 1000;
        if (type == DHCPACK) {
            long end = leaseTime == 0xFFFFFFFFL ? Long.MAX_VALUE : now + leaseTime;
            boolean fresh = !leases.containsKey(yiaddr);
            leases.merge(yiaddr, end, Math::max);
            if (fresh) {
                late.addresses().add(binding.portDev(), yiaddr);
                late.instantiateLate(binding, ifindex);
            }
        } else if (type == DHCPDECLINE || type == DHCPRELEASE) {
            remove(yiaddr);
        }
    }

    private void expire() {
        long now = System.currentTimeMillis() / 1000;
        List<String> ended = new ArrayList<>();
        leases.forEach((ip, end) -> {
            if (end <= now) {
                ended.add(ip);
            }
        });
        for (String ip : ended) {
            remove(ip);
        }
    }

    /** A lease ends: the filter without that address, or DHCP only when none is left. */
    private void remove(String ip) {
        if (leases.remove(ip) == null) {
            return;
        }
        if (late.addresses().remove(binding.portDev(), ip) > 0) {
            late.instantiateLate(binding, ifindex);
        } else {
            List<String> servers = binding.filter().parameters().get(Instance.VAR_DHCPSERVER);
            late.apply(Ebiptables.allTeardown(binding.portDev()),
                    Ebiptables.dhcpOnlyRules(binding.portDev(), binding.mac(), servers, false));
        }
    }
}
