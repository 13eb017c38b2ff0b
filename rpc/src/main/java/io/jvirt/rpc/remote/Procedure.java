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
    private final XdrCodec<A> args;
    private final XdrCodec<R> ret;
    private final Priority priority;
    private final boolean mutating;

    Procedure(int program, int number, String name, Class<A> argsType, Class<R> retType, Priority priority,
            boolean mutating) {
        this.program = program;
        this.number = number;
        this.name = name;
        this.argsType = argsType;
        this.retType = retType;
        this.args = argsType == null ? null : Xdr.of(argsType);
        this.ret = retType == null ? null : Xdr.of(retType);
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
        return args;
    }

    /** The ret codec, or null when the reply has no payload. */
    public XdrCodec<R> ret() {
        return ret;
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
