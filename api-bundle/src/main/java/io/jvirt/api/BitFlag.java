package io.jvirt.api;

import java.util.Collection;
import java.util.EnumSet;

import org.osgi.annotation.versioning.ProviderType;

/** A flag whose value is a bit of one of libvirt's {@code unsigned int flags} arguments. */
@ProviderType
public interface BitFlag {
    /** The flag's value in libvirt's C API (a single bit). */
    int bit();

    /** The libvirt bit mask of a set of flags. */
    static int mask(Collection<? extends BitFlag> flags) {
        int mask = 0;
        for (BitFlag f : flags) {
            mask |= f.bit();
        }
        return mask;
    }

    /** The flags of {@code type} whose bits are set in {@code mask}; unknown bits are ignored. */
    static <E extends Enum<E> & BitFlag> EnumSet<E> fromMask(Class<E> type, int mask) {
        EnumSet<E> set = EnumSet.noneOf(type);
        for (E e : type.getEnumConstants()) {
            if ((mask & e.bit()) != 0) {
                set.add(e);
            }
        }
        return set;
    }

    /** The bits of {@code mask} that no flag of {@code type} names (libvirt rejects those). */
    static <E extends Enum<E> & BitFlag> int unknownBits(Class<E> type, int mask) {
        int known = 0;
        for (E e : type.getEnumConstants()) {
            known |= e.bit();
        }
        return mask & ~known;
    }
}
