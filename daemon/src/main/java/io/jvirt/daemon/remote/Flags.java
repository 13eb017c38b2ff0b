package io.jvirt.daemon.remote;

import io.jvirt.api.BitFlag;
import io.jvirt.daemon.dispatch.UnknownFlags;

/** Raw {@code flags} words from the wire to the API's flag enums, refusing bits libvirt does not define. */
final class Flags {
    private Flags() {
    }

    static <E extends Enum<E> & BitFlag> E[] of(Class<E> type, int mask, String api) {
        int unknown = BitFlag.unknownBits(type, mask);
        if (unknown != 0) {
            throw new UnknownFlags(unknown, api);
        }
        @SuppressWarnings("unchecked")
        E[] array = (E[]) java.lang.reflect.Array.newInstance(type, 0);
        return BitFlag.fromMask(type, mask).toArray(array);
    }

    /** For APIs that define no flags: any bit is refused. */
    static void none(int mask, String api) {
        if (mask != 0) {
            throw new UnknownFlags(mask, api);
        }
    }

    static int bool(boolean b) {
        return b ? 1 : 0;
    }
}
