package io.jvirt.api;

import static io.jvirt.api.ListAllDomainsFlag.ACTIVE;
import static io.jvirt.api.ListAllDomainsFlag.HAS_SNAPSHOT;
import static io.jvirt.api.ListAllDomainsFlag.INACTIVE;
import static io.jvirt.api.ListAllDomainsFlag.NO_CHECKPOINT;
import static io.jvirt.api.ListAllDomainsFlag.PERSISTENT;
import static io.jvirt.api.ListAllDomainsFlag.RUNNING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link BitFlag}'s mask arithmetic, with libvirt's bit values (checked against the header in ErrorNumbersTest). */
class BitFlagTest {
    /** Every flag enum of the API. */
    private static final List<Class<? extends Enum<?>>> FLAG_ENUMS = List.of(ListAllDomainsFlag.class,
            ListAllNetworksFlag.class, ListAllStoragePoolsFlag.class, DomainXMLFlag.class, DomainUndefineFlag.class,
            DomainCreateFlag.class, DomainDestroyFlag.class, DomainDefineFlag.class, DomainShutdownFlag.class,
            DomainModificationFlag.class, OpenFlag.class, NetworkXMLFlag.class, StorageXMLFlag.class,
            StoragePoolBuildFlag.class, StoragePoolDeleteFlag.class, StorageVolCreateFlag.class,
            StorageVolDeleteFlag.class, ListAllSecretsFlag.class, SecretDefineFlag.class);

    @Test
    void listAllDomainsBitsAreLibvirts() {
        assertEquals(1, ACTIVE.bit());
        assertEquals(2, INACTIVE.bit());
        assertEquals(4, PERSISTENT.bit());
        assertEquals(8, ListAllDomainsFlag.TRANSIENT.bit());
        assertEquals(16, RUNNING.bit());
        assertEquals(4096, HAS_SNAPSHOT.bit());
        assertEquals(32768, NO_CHECKPOINT.bit());
        assertEquals(16, ListAllDomainsFlag.values().length);
    }

    @Test
    void maskOrsTheBits() {
        assertEquals(0, BitFlag.mask(EnumSet.noneOf(ListAllDomainsFlag.class)));
        assertEquals(1, BitFlag.mask(EnumSet.of(ACTIVE)));
        assertEquals(1 | 4, BitFlag.mask(EnumSet.of(ACTIVE, PERSISTENT)));
        assertEquals(2 | 16 | 32768, BitFlag.mask(List.of(INACTIVE, RUNNING, NO_CHECKPOINT)));
        assertEquals(1, BitFlag.mask(List.of(ACTIVE, ACTIVE)), "a repeated flag is one bit");
        assertEquals(0xFFFF, BitFlag.mask(EnumSet.allOf(ListAllDomainsFlag.class)), "16 filters, bits 0..15");
        assertEquals(1 | 2, BitFlag.mask(List.of(DomainXMLFlag.SECURE, OpenFlag.NO_ALIASES)),
                "mask does not care which enum a flag is from");
    }

    @Test
    void fromMaskReadsTheBits() {
        assertEquals(EnumSet.noneOf(ListAllDomainsFlag.class), BitFlag.fromMask(ListAllDomainsFlag.class, 0));
        assertEquals(EnumSet.of(ACTIVE, PERSISTENT), BitFlag.fromMask(ListAllDomainsFlag.class, 5));
        assertEquals(EnumSet.of(ACTIVE, NO_CHECKPOINT), BitFlag.fromMask(ListAllDomainsFlag.class, 0x8001));
        assertEquals(EnumSet.allOf(ListAllDomainsFlag.class), BitFlag.fromMask(ListAllDomainsFlag.class, -1),
                "all 32 bits set: every flag, the unknown bits ignored");
        assertEquals(EnumSet.of(DomainCreateFlag.START_PAUSED, DomainCreateFlag.START_RESET_NVRAM),
                BitFlag.fromMask(DomainCreateFlag.class, 1 | 32));
    }

    @Test
    void unknownBitsAreTheOnesNoFlagNames() {
        assertEquals(0, BitFlag.unknownBits(ListAllDomainsFlag.class, 0));
        assertEquals(0, BitFlag.unknownBits(ListAllDomainsFlag.class, 0xFFFF));
        assertEquals(0x10000, BitFlag.unknownBits(ListAllDomainsFlag.class, 0x10000 | 1));
        assertEquals(0xFFFF0000, BitFlag.unknownBits(ListAllDomainsFlag.class, -1));
        assertEquals(Integer.MIN_VALUE, BitFlag.unknownBits(ListAllDomainsFlag.class, Integer.MIN_VALUE));
        assertEquals(~0x7F, BitFlag.unknownBits(DomainUndefineFlag.class, -1), "undefine has 7 flags");
        assertEquals(~0x3, BitFlag.unknownBits(DomainDestroyFlag.class, -1), "GRACEFUL and REMOVE_LOGS");
        assertEquals(4, BitFlag.unknownBits(DomainDestroyFlag.class, 4 | 1));
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 1, 5, 0x8001, 0xFFFF, 0x10000, 0x1234_5678, -1, Integer.MIN_VALUE, 0x0F0F0 })
    void maskOfFromMaskKeepsExactlyTheKnownBits(int mask) {
        EnumSet<ListAllDomainsFlag> flags = BitFlag.fromMask(ListAllDomainsFlag.class, mask);
        int unknown = BitFlag.unknownBits(ListAllDomainsFlag.class, mask);
        assertEquals(mask & 0xFFFF, BitFlag.mask(flags));
        assertEquals(mask, BitFlag.mask(flags) | unknown);
        assertEquals(0, BitFlag.mask(flags) & unknown);
    }

    @Test
    void everyFlagIsOneBitAndNoTwoFlagsOfAnEnumShareIt() {
        for (Class<? extends Enum<?>> type : FLAG_ENUMS) {
            Set<Integer> seen = new HashSet<>();
            for (Enum<?> e : type.getEnumConstants()) {
                int bit = ((BitFlag) e).bit();
                assertEquals(1, Integer.bitCount(bit), type.getSimpleName() + "." + e + " = " + bit + " is not one bit");
                assertTrue(seen.add(bit), type.getSimpleName() + "." + e + " reuses bit " + bit);
            }
        }
    }
}
