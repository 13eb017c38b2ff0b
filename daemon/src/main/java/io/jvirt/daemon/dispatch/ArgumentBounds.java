package io.jvirt.daemon.dispatch;

import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.daemon.client.Client;
import io.jvirt.rpc.remote.Procedure;
import io.jvirt.rpc.remote.RemoteProgram;

/**
 * The sizes a client asks for in a call (how many names, parameters, vCPU maps, bytes to peek),
 * bounded before anything is allocated for them, with libvirtd's own checks and words (its
 * remote_daemon_dispatch.c and the generated dispatchers: {@code maxnames > REMOTE_DOMAIN_LIST_MAX}
 * is VIR_ERR_RPC, {@code nparams too large} VIR_ERR_INTERNAL_ERROR, both from the RPC domain). The
 * bounds are the protocol's {@code REMOTE_*_MAX}. One bound libvirtd lacks: the emulator pin map
 * ({@code maplen}, which libvirtd allocates as asked) is held to a cpumap's maximum.
 */
final class ArgumentBounds {
    /** A bound on an int field (and optionally on its product with a second one). */
    private record Bound(String field, long max, ErrorCode code, String negative, String tooLarge, String times,
            boolean unsigned) {
    }

    private static final Map<String, List<Bound>> BOUNDS = new HashMap<>();

    static final int DOMAIN_LIST_MAX = 16384;
    static final int CPUMAP_MAX = 2048;
    static final int VCPUINFO_MAX = 16384;
    static final int CPUMAPS_MAX = 8388608;
    static final int PEEK_BUFFER_MAX = 4194304;
    static final int NODE_MAX_CELLS = 1024;

    static {
        // the generated dispatchers of the legacy name lists (max<list> > REMOTE_..._MAX)
        list("NODE_GET_CELLS_FREE_MEMORY", "maxcells", "REMOTE_NODE_MAX_CELLS", NODE_MAX_CELLS);
        list("CONNECT_LIST_DOMAINS", "maxids", "REMOTE_DOMAIN_LIST_MAX", DOMAIN_LIST_MAX);
        list("CONNECT_LIST_DEFINED_DOMAINS", "maxnames", "REMOTE_DOMAIN_LIST_MAX", DOMAIN_LIST_MAX);
        list("CONNECT_LIST_NETWORKS", "maxnames", "REMOTE_NETWORK_LIST_MAX", 16384);
        list("CONNECT_LIST_DEFINED_NETWORKS", "maxnames", "REMOTE_NETWORK_LIST_MAX", 16384);
        list("CONNECT_LIST_NWFILTERS", "maxnames", "REMOTE_NWFILTER_LIST_MAX", 16384);
        list("CONNECT_LIST_INTERFACES", "maxnames", "REMOTE_INTERFACE_LIST_MAX", 16384);
        list("CONNECT_LIST_DEFINED_INTERFACES", "maxnames", "REMOTE_INTERFACE_LIST_MAX", 16384);
        list("CONNECT_LIST_STORAGE_POOLS", "maxnames", "REMOTE_STORAGE_POOL_LIST_MAX", 16384);
        list("CONNECT_LIST_DEFINED_STORAGE_POOLS", "maxnames", "REMOTE_STORAGE_POOL_LIST_MAX", 16384);
        list("STORAGE_POOL_LIST_VOLUMES", "maxnames", "REMOTE_STORAGE_VOL_LIST_MAX", 16384);
        list("NODE_LIST_DEVICES", "maxnames", "REMOTE_NODE_DEVICE_LIST_MAX", 65536);
        list("NODE_DEVICE_LIST_CAPS", "maxnames", "REMOTE_NODE_DEVICE_CAPS_LIST_MAX", 65536);
        list("CONNECT_LIST_SECRETS", "maxuuids", "REMOTE_SECRET_LIST_MAX", 16384);
        list("DOMAIN_SNAPSHOT_LIST_NAMES", "maxnames", "REMOTE_DOMAIN_SNAPSHOT_LIST_MAX", 16384);
        list("DOMAIN_SNAPSHOT_LIST_CHILDREN_NAMES", "maxnames", "REMOTE_DOMAIN_SNAPSHOT_LIST_MAX", 16384);
        // typed parameter counts (nparams must be non-negative / nparams too large)
        nparams("DOMAIN_GET_SCHEDULER_PARAMETERS", 16);
        nparams("DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS", 16);
        nparams("DOMAIN_GET_MEMORY_PARAMETERS", 16);
        nparams("DOMAIN_GET_NUMA_PARAMETERS", 16);
        nparams("DOMAIN_GET_BLKIO_PARAMETERS", 16);
        nparams("NODE_GET_CPU_STATS", 16);
        nparams("NODE_GET_MEMORY_STATS", 16);
        nparams("DOMAIN_GET_BLOCK_IO_TUNE", 32);
        nparams("DOMAIN_GET_INTERFACE_PARAMETERS", 16);
        nparams("DOMAIN_BLOCK_STATS_FLAGS", 16);
        nparams("NODE_GET_MEMORY_PARAMETERS", 64);
        add("DOMAIN_GET_CPU_STATS", new Bound("nparams", 16, ErrorCode.INTERNAL_ERROR, null, "nparams too large", null, false),
                new Bound("ncpus", 128, ErrorCode.INTERNAL_ERROR, null, "ncpus too large", null, false));
        add("DOMAIN_MEMORY_STATS", new Bound("maxStats", 1024, ErrorCode.INTERNAL_ERROR, null,
                "maxStats > REMOTE_DOMAIN_MEMORY_STATS_MAX", null, true));
        add("DOMAIN_BLOCK_PEEK", new Bound("size", PEEK_BUFFER_MAX, ErrorCode.INTERNAL_ERROR, null,
                "size > maximum buffer size", null, true));
        add("DOMAIN_MEMORY_PEEK", new Bound("size", PEEK_BUFFER_MAX, ErrorCode.INTERNAL_ERROR, null,
                "size > maximum buffer size", null, true));
        add("DOMAIN_GET_VCPU_PIN_INFO",
                new Bound("ncpumaps", VCPUINFO_MAX, ErrorCode.INTERNAL_ERROR, "ncpumaps must be non-negative",
                        "ncpumaps > REMOTE_VCPUINFO_MAX", null, false),
                new Bound("maplen", Long.MAX_VALUE, ErrorCode.INTERNAL_ERROR, "maplen must be non-negative", null,
                        null, false),
                new Bound("ncpumaps", CPUMAPS_MAX, ErrorCode.INTERNAL_ERROR, null,
                        "maxinfo * maplen > REMOTE_CPUMAPS_MAX", "maplen", false));
        add("DOMAIN_GET_VCPUS",
                new Bound("maxinfo", VCPUINFO_MAX, ErrorCode.INTERNAL_ERROR, "maxinfo must be non-negative",
                        "maxinfo > REMOTE_VCPUINFO_MAX", null, false),
                new Bound("maplen", Long.MAX_VALUE, ErrorCode.INTERNAL_ERROR, "maxinfo must be non-negative", null,
                        null, false),
                new Bound("maxinfo", CPUMAPS_MAX, ErrorCode.INTERNAL_ERROR, null,
                        "maxinfo * maplen > REMOTE_CPUMAPS_MAX", "maplen", false));
        add("DOMAIN_GET_EMULATOR_PIN_INFO", new Bound("maplen", CPUMAP_MAX, ErrorCode.INTERNAL_ERROR,
                "maplen must be non-negative", "maplen > REMOTE_CPUMAP_MAX", null, false));
        add("DOMAIN_GET_DISK_ERRORS", new Bound("maxerrors", 256, ErrorCode.INTERNAL_ERROR, null,
                "maxerrors too large", null, true));
        add("NODE_GET_FREE_PAGES", new Bound("cellCount", NODE_MAX_CELLS, ErrorCode.INTERNAL_ERROR, null,
                "the result won't fit into REMOTE_NODE_MAX_CELLS", "pages", true));
    }

    private static void list(String proc, String field, String define, int max) {
        add(proc, new Bound(field, max, ErrorCode.RPC, field + " must be non-negative", field + " > " + define, null,
                false));
    }

    private static void nparams(String proc, int max) {
        add(proc, new Bound("nparams", max, ErrorCode.INTERNAL_ERROR, "nparams must be non-negative",
                "nparams too large", null, false));
    }

    private static void add(String proc, Bound... bounds) {
        BOUNDS.put(proc, List.of(bounds));
    }

    private ArgumentBounds() {
    }

    /** Refuses a call whose sizes break libvirtd's bounds, before its handler allocates anything. */
    static void check(Client client, Procedure<?, ?> proc, Object args) {
        List<Bound> bounds = proc.program() == RemoteProgram.PROGRAM ? BOUNDS.get(proc.name()) : null;
        if (bounds == null || args == null) {
            return;
        }
        for (Bound b : bounds) {
            long v = field(args, b.field());
            if (b.unsigned()) {
                v &= 0xFFFFFFFFL;
            }
            if (v < 0 && b.negative() != null) {
                throw error(b, b.negative());
            }
            if (b.times() != null) {
                v *= Math.max(0, field(args, b.times()));
            }
            if (v > b.max() && b.tooLarge() != null) {
                throw error(b, b.tooLarge());
            }
        }
    }

    private static VirtException error(Bound b, String message) {
        String text = b.code() == ErrorCode.INTERNAL_ERROR ? "internal error: " + message : message;
        return new VirtException(b.code(), ErrorDomain.RPC, text);
    }

    /** An int field of the arguments (a list field counts its elements). */
    private static long field(Object args, String name) {
        for (RecordComponent c : args.getClass().getRecordComponents()) {
            if (c.getName().equals(name)) {
                try {
                    Object v = c.getAccessor().invoke(args);
                    return v instanceof List<?> l ? l.size() : ((Number) v).longValue();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException(args.getClass().getSimpleName() + " has no field " + name);
    }
}
