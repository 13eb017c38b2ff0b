package io.jvirt.network.nwfilter.learn;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.jvirt.api.VirtException;
import io.jvirt.conf.nwfilter.NWFilterBindingDef;
import io.jvirt.network.nwfilter.ebiptables.Ebiptables;
import io.jvirt.network.nwfilter.host.PacketSocket;
import io.jvirt.network.nwfilter.state.Instance;
import io.jvirt.network.nwfilter.state.Late;
import io.jvirt.network.nwfilter.state.Learners;

/**
 * Learning guests' addresses from their traffic, on a packet socket on the tap (what libvirt does
 * with libpcap): {@code any} (libvirt's nwfilter_learnipaddr) lets only IPv4 from the guest's MAC out
 * until it sees the guest's first IPv4 source address or a DHCP server's offer to it, then
 * instantiates the filter with that address; {@code dhcp} (libvirt's nwfilter_dhcpsnoop) lets only
 * DHCP through until a server acknowledges a lease, instantiates the filter with the leased
 * addresses, and keeps watching: a lease that ends or is declined is taken out again.
 */
public final class PacketLearners implements Learners {
    private static final Logger LOG = System.getLogger("io.jvirt.network.nwfilter");
    /** How often a learner looks whether it should stop or its device went away. */
    static final int POLL_MS = 250;

    private final Late late;
    /** Learners of {@code any}, by interface index (libvirt's pendingLearnReq). */
    private final Map<Integer, Learner> pending = new ConcurrentHashMap<>();
    /** DHCP snoopers by port device. */
    private final Map<String, Snooper> snoopers = new ConcurrentHashMap<>();

    public PacketLearners(Late late) {
        this.late = late;
    }

    @Override
    public boolean pending(int ifindex) {
        return pending.containsKey(ifindex);
    }

    @Override
    public void learnAny(NWFilterBindingDef binding, int ifindex) {
        Learner l = new Learner(binding, ifindex);
        if (pending.putIfAbsent(ifindex, l) == null) {
            // the socket is open before the binding's create returns, so the guest's first packet,
            // however soon it comes, is seen (the thread applies the rules under the update lock,
            // which the create holds)
            String listen = binding.linkDev() != null ? binding.linkDev() : binding.portDev();
            try {
                l.sock = late.host().openPacketSocket(listen);
            } catch (IOException e) {
                l.openFailure = e;
            }
            Thread t = new Thread(l, "nwfilter-learn-" + binding.portDev());
            t.setDaemon(true);
            t.start();
        }
    }

    @Override
    public void snoopDhcp(NWFilterBindingDef binding, int ifindex) {
        Snooper existing = snoopers.get(binding.portDev());
        if (existing != null && existing.running()) {
            return;
        }
        // the socket is open before the DHCP-only rules let the guest's DHCP through and before the
        // binding's create returns: the snooper sees the whole exchange, however soon it starts
        PacketSocket sock;
        try {
            sock = late.host().openPacketSocket(binding.portDev());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "nwfilter: DHCP snooping on " + binding.portDev() + ": " + e.getMessage());
            sock = null;
        }
        List<String> servers = binding.filter().parameters().get(Instance.VAR_DHCPSERVER);
        late.apply(Ebiptables.allTeardown(binding.portDev()),
                Ebiptables.dhcpOnlyRules(binding.portDev(), binding.mac(), servers, false));
        if (sock == null) {
            return;
        }
        Snooper s = new Snooper(late, binding, ifindex, sock);
        snoopers.put(binding.portDev(), s);
        s.start();
    }

    @Override
    public void end(String portDev) {
        Snooper s = snoopers.remove(portDev);
        if (s != null) {
            s.stop();
        }
        for (Learner l : new ArrayList<>(pending.values())) {
            if (l.binding.portDev().equals(portDev)) {
                l.terminate = true;
            }
        }
    }

    @Override
    public void close() {
        for (Learner l : pending.values()) {
            l.terminate = true;
        }
        for (Snooper s : snoopers.values()) {
            s.stop();
        }
        snoopers.clear();
    }

    /** One {@code any} request: libvirt's learnIPAddressThread. */
    private final class Learner implements Runnable {
        final NWFilterBindingDef binding;
        final int ifindex;
        /** Opened by {@link #learnAny} before the thread starts; null when that failed. */
        PacketSocket sock;
        IOException openFailure;
        volatile boolean terminate;

        Learner(NWFilterBindingDef binding, int ifindex) {
            this.binding = binding;
            this.ifindex = ifindex;
        }

        @Override
        public void run() {
            String dev = binding.portDev();
            String found = null;
            boolean failed = false;
            try (PacketSocket sock = this.sock) {
                if (sock == null) {
                    throw openFailure;
                }
                late.apply(Ebiptables.allTeardown(dev), Ebiptables.basicRules(dev, binding.mac()));
                byte[] mac = Frames.parseMac(binding.mac());
                while (found == null && !terminate) {
                    PacketSocket.Frame f = sock.receive(POLL_MS);
                    if (late.host().ifindex(dev) != ifindex) {
                        failed = true; // the device is gone
                        break;
                    }
                    if (f != null) {
                        found = AddressLearning.learn(f.data(), mac);
                    }
                }
            } catch (IOException | VirtException e) {
                LOG.log(Level.WARNING, "nwfilter: learning the address on " + dev + ": " + e.getMessage());
                failed = true;
            }
            try {
                if (found != null) {
                    late.addresses().add(dev, found);
                    pending.remove(ifindex, this);
                    late.instantiateLate(binding, ifindex);
                } else if (failed && !terminate) {
                    late.apply(Ebiptables.allTeardown(dev), Ebiptables.dropAllRules(dev));
                }
            } catch (VirtException e) {
                LOG.log(Level.WARNING, "nwfilter: after learning on " + dev + ": " + e.getMessage());
            } finally {
                pending.remove(ifindex, this);
            }
        }
    }
}
