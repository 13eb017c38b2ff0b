package io.jvirt.daemon.remote;

import io.jvirt.api.BitFlag;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/** Raw {@code flags} words from the wire to the API's flag enums, refusing bits libvirt does not define. */
final class Flags {
    private Flags() {
    }

    static <E extends Enum<E> & BitFlag> E[] of(Class<E> type, int mask, String api) {
        int unknown = BitFlag.unknownBits(type, mask);
        if (unknown != 0) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE, "invalid argument: unsupported flags (0x"
                    + Integer.toHexString(unknown) + ") in function " + api);
        }
        @SuppressWarnings("unchecked")
        E[] array = (E[]) java.lang.reflect.Array.newInstance(type, 0);
        return BitFlag.fromMask(type, mask).toArray(array);
    }

    /** For APIs that define no flags: any bit is refused. */
    static void none(int mask, String api) {
        if (mask != 0) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE, "invalid argument: unsupported flags (0x"
                    + Integer.toHexString(mask) + ") in function " + api);
        }
    }

    static int bool(boolean b) {
        return b ? 1 : 0;
    }
}
