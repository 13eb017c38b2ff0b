package io.jvirt.driver.qemu.chardev;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.spi.StreamRef;

/**
 * The console and channel streams open on one driver instance, as libvirt's per-domain chardev
 * table: one stream per host end (pty or socket path) of a running guest, so {@code serial0},
 * {@code console0} and the default console are one device; a second open is refused unless it
 * forces the first one out. Entries are per QEMU process: a guest that was restarted starts empty
 * (pty paths are reused by the kernel).
 */
public final class ChardevStreams {
    private record Key(UUID domain, long pid, long startTicks, String path) {
    }

    private final Map<Key, ChardevStream> open = new HashMap<>();

    /**
     * Binds {@code stream} to {@code target} of the guest process {@code pid}/{@code startTicks};
     * {@code busy} is the operation-failed message when another stream holds it and {@code force} is off.
     */
    public void open(UUID domain, long pid, long startTicks, ChardevLookup.Target target, boolean force,
            StreamRef stream, String busy) {
        Key key = new Key(domain, pid, startTicks, target.path());
        ChardevStream s;
        synchronized (open) {
            open.entrySet().removeIf(e -> e.getKey().domain().equals(domain)
                    && (e.getKey().pid() != pid || e.getKey().startTicks() != startTicks || !e.getValue().isOpen()));
            ChardevStream holder = open.get(key);
            if (holder != null) {
                if (!force) {
                    throw new VirtException(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU, "operation failed: " + busy);
                }
                open.remove(key);
                holder.takeOver();
            }
            ChardevStream[] self = new ChardevStream[1];
            s = ChardevStream.open(target, () -> {
                synchronized (open) {
                    open.remove(key, self[0]);
                }
            });
            self[0] = s;
            open.put(key, s);
        }
        try {
            stream.bind(s);
        } catch (RuntimeException e) {
            s.abort();
            throw e;
        }
    }
}
