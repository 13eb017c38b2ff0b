package io.jvirt.rpc.remote;

import io.jvirt.rpc.xdr.Xdr;
import io.jvirt.rpc.xdr.XdrCodec;

/**
 * One RPC procedure, declared once: program, number, name, argument and return structs (records;
 * {@code null} for "no payload"), whether libvirtd runs it on its high-priority workers, and whether
 * it changes state (refused on a read-only connection).
 */
public final class Procedure<A, R> {
    /** libvirt's {@code @priority}: high-priority calls never wait behind slow ones. */
    public enum Priority {
        NORMAL, HIGH
    }

    private final int program;
    private final int number;
    private final String name;
    private final Class<A> argsType;
    private final Class<R> retType;
    // Derived on first use, not when the table is declared: deriving the codecs of all ~450
    // procedures (reflection, method handles, spun classes) was about a third of the platform's
    // cold start, and a daemon serves only a few of them. Racy but benign: a codec is immutable
    // (final fields), so two threads at worst derive the same one twice.
    private XdrCodec<A> args;
    private XdrCodec<R> ret;
    private final Priority priority;
    private final boolean mutating;
    /** The public API's name where libvirt's naming rule does not give it (the QEMU and LXC programs). */
    private final String api;

    Procedure(int program, int number, String name, Class<A> argsType, Class<R> retType, Priority priority,
            boolean mutating) {
        this(program, number, name, null, argsType, retType, priority, mutating);
    }

    Procedure(int program, int number, String name, String api, Class<A> argsType, Class<R> retType,
            Priority priority, boolean mutating) {
        this.api = api;
        this.program = program;
        this.number = number;
        this.name = name;
        this.argsType = argsType;
        this.retType = retType;
        this.priority = priority;
        this.mutating = mutating;
    }

    public int program() {
        return program;
    }

    public int number() {
        return number;
    }

    /** The name without the {@code REMOTE_PROC_} prefix, e.g. {@code DOMAIN_GET_INFO}. */
    public String name() {
        return name;
    }

    public Class<A> argsType() {
        return argsType;
    }

    public Class<R> retType() {
        return retType;
    }

    /** The args codec, or null when the call has no payload. */
    public XdrCodec<A> args() {
        XdrCodec<A> c = args;
        if (c == null && argsType != null) {
            args = c = Xdr.of(argsType);
        }
        return c;
    }

    /** The ret codec, or null when the reply has no payload. */
    public XdrCodec<R> ret() {
        XdrCodec<R> c = ret;
        if (c == null && retType != null) {
            ret = c = Xdr.of(retType);
        }
        return c;
    }

    public Priority priority() {
        return priority;
    }

    /** Whether libvirt's public API behind it refuses a read-only connection. */
    public boolean mutating() {
        return mutating;
    }

    /**
     * A message the server sends (an event), never a call: libvirtd has no dispatcher for it and
     * answers a CALL of it as an unknown procedure. Such procedures carry a {@code _msg} struct.
     */
    public boolean message() {
        return argsType != null && argsType.getSimpleName().endsWith("Msg");
    }

    /**
     * The public API libvirtd calls for this procedure, which its errors name: by libvirt's naming,
     * {@code NODE_GET_MEMORY_STATS} is {@code virNodeGetMemoryStats}.
     */
    public String publicApi() {
        return api != null ? api : apiName(name);
    }

    /** Words the public API names spell other than capitalized (virNetworkGetDHCPLeases, virDomainGetXMLDesc). */
    private static final java.util.Map<String, String> API_WORDS = java.util.Map.ofEntries(
            java.util.Map.entry("XML", "XML"), java.util.Map.entry("UUID", "UUID"), java.util.Map.entry("ID", "ID"),
            java.util.Map.entry("CPU", "CPU"), java.util.Map.entry("DHCP", "DHCP"), java.util.Map.entry("SEV", "SEV"),
            java.util.Map.entry("FS", "FS"), java.util.Map.entry("MAC", "MAC"), java.util.Map.entry("URI", "URI"),
            java.util.Map.entry("WWN", "WWN"), java.util.Map.entry("SCSI", "SCSI"), java.util.Map.entry("NUMA", "Numa"),
            java.util.Map.entry("TLS", "TLS"), java.util.Map.entry("IOTHREAD", "IOThread"),
            java.util.Map.entry("NWFILTER", "NWFilter"), java.util.Map.entry("NWFILTERS", "NWFilters"), java.util.Map.entry("SGX", "SGX"),
            java.util.Map.entry("FD", "FD"), java.util.Map.entry("NMI", "NMI"), java.util.Map.entry("PM", "PM"),
            java.util.Map.entry("SSH", "SSH"), java.util.Map.entry("FSTRIM", "FSTrim"),
            java.util.Map.entry("FSFREEZE", "FSFreeze"), java.util.Map.entry("FSTHAW", "FSThaw"),
            java.util.Map.entry("FSINFO", "FSInfo"));

    static String apiName(String procedure) {
        StringBuilder sb = new StringBuilder("vir");
        for (String word : procedure.split("_")) {
            String spelled = API_WORDS.get(word);
            if (spelled != null) {
                sb.append(spelled);
            } else if (!word.isEmpty()) {
                sb.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return name + "(" + number + ")";
    }
}
