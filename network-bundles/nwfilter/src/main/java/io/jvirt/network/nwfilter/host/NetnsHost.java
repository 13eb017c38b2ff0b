package io.jvirt.network.nwfilter.host;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.jvirt.network.firewall.CommandRunner;

/**
 * A named network namespace: commands run under {@code ip netns exec NAME}; lookups and sockets are
 * made on one thread of the JVM that joined the namespace ({@code setns}), which affects that
 * thread only, and a socket stays in the namespace it was made in whichever thread uses it.
 */
final class NetnsHost implements HostNet {
    private final String name;
    private final CommandRunner runner;
    private final ExecutorService thread;

    NetnsHost(String name) {
        this.name = name;
        this.runner = CommandRunner.system(List.of("ip", "netns", "exec", name));
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "netns-" + name);
            t.setDaemon(true);
            return t;
        });
        Future<?> joined = thread.submit(() -> {
            int fd = LibC.C.open("/run/netns/" + name, LibC.O_RDONLY | LibC.O_CLOEXEC);
            if (fd < 0) {
                throw PacketSocket.error("open /run/netns/" + name);
            }
            try {
                if (LibC.C.setns(fd, LibC.CLONE_NEWNET) < 0) {
                    throw PacketSocket.error("setns " + name);
                }
            } finally {
                LibC.C.close(fd);
            }
            return null;
        });
        try {
            joined.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            thread.shutdownNow();
            throw new IllegalStateException("cannot join network namespace " + name + ": " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    @Override
    public CommandRunner runner() {
        return runner;
    }

    private <T> T inNamespace(Callable<T> c) throws IOException {
        try {
            return thread.submit(c).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    @Override
    public int ifindex(String device) {
        try {
            return inNamespace(() -> {
                int i = LibC.C.if_nametoindex(device);
                return i == 0 ? -1 : i;
            });
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public PacketSocket openPacketSocket(String device) throws IOException {
        return inNamespace(() -> {
            int i = LibC.C.if_nametoindex(device);
            if (i == 0) {
                throw new IOException("no network device " + device + " in namespace " + name);
            }
            return PacketSocket.open(i);
        });
    }

    @Override
    public String toString() {
        return "netns " + name;
    }
}
