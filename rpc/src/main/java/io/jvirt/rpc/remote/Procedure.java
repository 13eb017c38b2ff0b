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

    Procedure(int program, int number, String name, Class<A> argsType, Class<R> retType, Priority priority,
            boolean mutating) {
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

    public boolean mutating() {
        return mutating;
    }

    @Override
    public String toString() {
        return name + "(" + number + ")";
    }
}
