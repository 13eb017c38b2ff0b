package io.jvirt.daemon.server;

/** libvirtd.conf's limits, with their meaning kept. */
public record Limits(int maxClients, int maxAnonymousClients, int maxWorkers, int prioWorkers,
        int maxClientRequests, int keepaliveInterval, int keepaliveCount) {

    /** libvirtd's defaults. */
    public static Limits defaults() {
        return new Limits(5000, 20, 20, 5, 5, 5, 5);
    }
}
