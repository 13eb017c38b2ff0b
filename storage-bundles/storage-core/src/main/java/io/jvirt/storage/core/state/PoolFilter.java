package io.jvirt.storage.core.state;

import io.jvirt.conf.storage.StoragePoolType;

/** The filter bits of {@code virConnectListAllStoragePools}: pairs of opposite states, then pool types. */
final class PoolFilter {
    private static final int INACTIVE = 1;
    private static final int ACTIVE = 2;
    private static final int PERSISTENT = 4;
    private static final int TRANSIENT = 8;
    private static final int AUTOSTART = 16;
    private static final int NO_AUTOSTART = 32;
    /** DIR is 1 << 6, then the types in libvirt's order (which is conf's). */
    private static final int FIRST_TYPE_BIT = 6;
    private static final int TYPE_BITS = 0xFFFC0;

    private PoolFilter() {
    }

    static boolean matches(int flags, StoragePoolType type, boolean active, boolean persistent, boolean autostart) {
        int types = flags & TYPE_BITS;
        return pair(flags, ACTIVE, INACTIVE, active) && pair(flags, PERSISTENT, TRANSIENT, persistent)
                && pair(flags, AUTOSTART, NO_AUTOSTART, autostart)
                && (types == 0 || (types & (1 << (FIRST_TYPE_BIT + type.ordinal()))) != 0);
    }

    /** Neither or both bits: no filter; else the state must be the one the set bit asks for. */
    private static boolean pair(int flags, int yes, int no, boolean value) {
        boolean y = (flags & yes) != 0;
        boolean n = (flags & no) != 0;
        return y == n || (y ? value : !value);
    }
}
