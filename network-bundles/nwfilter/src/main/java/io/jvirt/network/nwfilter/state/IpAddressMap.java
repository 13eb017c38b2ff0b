package io.jvirt.network.nwfilter.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The addresses learned for each port device (libvirt's nwfilter_ipaddrmap): what {@code $IP} is
 * when a binding does not give it. Thread-safe; the learners add and remove, instantiation reads.
 */
public final class IpAddressMap {
    private final Map<String, List<String>> map = new HashMap<>();

    /** Adds an address (once) to a device's. */
    public synchronized void add(String portDev, String ip) {
        List<String> l = map.computeIfAbsent(portDev, k -> new ArrayList<>());
        if (!l.contains(ip)) {
            l.add(ip);
        }
    }

    /** Removes an address; returns how many are left. */
    public synchronized int remove(String portDev, String ip) {
        List<String> l = map.get(portDev);
        if (l == null) {
            return 0;
        }
        l.remove(ip);
        if (l.isEmpty()) {
            map.remove(portDev);
            return 0;
        }
        return l.size();
    }

    public synchronized void removeAll(String portDev) {
        map.remove(portDev);
    }

    /** The device's addresses, or null. */
    public synchronized List<String> get(String portDev) {
        List<String> l = map.get(portDev);
        return l == null ? null : List.copyOf(l);
    }
}
