package io.jvirt.rpc.remote;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import io.jvirt.rpc.remote.Procedure.Priority;

/** The REMOTE program: its number, version and the table of its procedures by number. */
public final class RemoteProgram {
    public static final int PROGRAM = 0x20008086;
    public static final int VERSION = 1;

    /** Holder, so the table exists before any area class declares into it. */
    private static final class Table {
        static final Map<Integer, Procedure<?, ?>> BY_NUMBER = Collections.synchronizedMap(new TreeMap<>());
    }

    static {
        // Load every area so that the table is complete whoever asks first.
        for (Class<?> area : ProcedureAreas.ALL) {
            try {
                Class.forName(area.getName(), true, area.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    private RemoteProgram() {
    }

    static <A, R> Procedure<A, R> declare(int number, String name, Class<A> args, Class<R> ret, Priority priority,
            boolean mutating) {
        Procedure<A, R> p = new Procedure<>(PROGRAM, number, name, args, ret, priority, mutating);
        if (Table.BY_NUMBER.putIfAbsent(number, p) != null) {
            throw new IllegalStateException("procedure " + number + " declared twice");
        }
        return p;
    }

    /** The procedure with this number, or null if jvirt does not know it. */
    public static Procedure<?, ?> procedure(int number) {
        return Table.BY_NUMBER.get(number);
    }

    /** Every declared procedure, by number. */
    public static Collection<Procedure<?, ?>> procedures() {
        return Collections.unmodifiableCollection(Table.BY_NUMBER.values());
    }
}
