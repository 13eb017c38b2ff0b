package io.jvirt.rpc.remote;

import java.util.Collection;
import java.util.stream.Stream;

/**
 * The RPC programs a libvirt daemon serves on its main sockets, by number and version: REMOTE,
 * QEMU and LXC. (KEEPALIVE is not among them: its messages never reach a program's dispatch, and
 * libvirtd answers a KEEPALIVE call with "cannot find program", as for any unknown one.)
 */
public final class Programs {
    private Programs() {
    }

    /** Whether a daemon serves this program in this version. */
    public static boolean serves(int program, int version) {
        return switch (program) {
            case RemoteProgram.PROGRAM -> version == RemoteProgram.VERSION;
            case QemuProgram.PROGRAM -> version == QemuProgram.VERSION;
            case LxcProgram.PROGRAM -> version == LxcProgram.VERSION;
            default -> false;
        };
    }

    /** A procedure of a served program, or null when the program has no such number. */
    public static Procedure<?, ?> procedure(int program, int number) {
        return switch (program) {
            case RemoteProgram.PROGRAM -> RemoteProgram.procedure(number);
            case QemuProgram.PROGRAM -> QemuProgram.procedure(number);
            case LxcProgram.PROGRAM -> LxcProgram.procedure(number);
            default -> null;
        };
    }

    /** Every procedure of every served program. */
    public static Collection<Procedure<?, ?>> procedures() {
        return Stream.of(RemoteProgram.procedures(), QemuProgram.procedures(), LxcProgram.procedures())
                .flatMap(Collection::stream).toList();
    }
}
