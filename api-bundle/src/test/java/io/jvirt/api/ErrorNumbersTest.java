package io.jvirt.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.jvirt.api.LibvirtHeaders.CEnum;

/**
 * The Java enums that mirror libvirt's C enums, checked both ways against libvirt 9.0.0's own
 * headers (Debian bookworm's {@code libvirt-dev}), parsed at test time: every C enumerator has a
 * Java constant of the same name and number, and no Java constant is missing from the header.
 * Without the headers these tests fail and say to install libvirt-dev.
 */
class ErrorNumbersTest {
    private static final long LIBVIRT_9_0_0 = 9_000_000;

    @Test
    void theHeadersAreLibvirt900() {
        long version = LibvirtHeaders.versionNumber();
        assertEquals(LIBVIRT_9_0_0, version, "the enums hold libvirt 9.0.0's values, but the headers in "
                + LibvirtHeaders.INCLUDE_DIR + " are version " + version + "; " + LibvirtHeaders.INSTALL_HINT
                + " from Debian bookworm");
    }

    @Test
    void errorCodeIsVirErrorNumber() {
        CEnum c = LibvirtHeaders.header("virterror.h").cEnum("virErrorNumber");
        assertSameEnum(ErrorCode.class, c, n -> n.startsWith("VIR_WAR_") ? n.substring(4) : strip(n, "VIR_ERR_"),
                ErrorCode::value);
        assertEquals(List.of("VIR_ERR_NUMBER_LAST"), List.copyOf(c.sentinels()), "sentinel of virErrorNumber");
        assertEquals(111, c.values().size(), "libvirt 9.0.0 has error numbers 0..110");
        for (ErrorCode e : ErrorCode.values()) {
            assertSame(e, ErrorCode.fromValue(e.value()), "fromValue(" + e.value() + ")");
        }
        assertNull(ErrorCode.fromValue(111), "111 is VIR_ERR_NUMBER_LAST, a sentinel, not an error");
        assertNull(ErrorCode.fromValue(-1));
        // the names other code relies on
        assertEquals(0, ErrorCode.OK.value());
        assertEquals(1, ErrorCode.INTERNAL_ERROR.value());
        assertEquals(3, ErrorCode.NO_SUPPORT.value());
        assertEquals(8, ErrorCode.INVALID_ARG.value());
        assertEquals(42, ErrorCode.NO_DOMAIN.value());
        assertEquals(41, ErrorCode.WAR_NO_NETWORK.value());
    }

    @Test
    void errorDomainIsVirErrorDomain() {
        CEnum c = LibvirtHeaders.header("virterror.h").cEnum("virErrorDomain");
        assertSameEnum(ErrorDomain.class, c, n -> strip(n, "VIR_FROM_"), ErrorDomain::value);
        assertEquals(List.of("VIR_ERR_DOMAIN_LAST"), List.copyOf(c.sentinels()), "sentinel of virErrorDomain");
        for (ErrorDomain e : ErrorDomain.values()) {
            assertSame(e, ErrorDomain.fromValue(e.value()), "fromValue(" + e.value() + ")");
        }
        assertNull(ErrorDomain.fromValue(c.values().size()), "VIR_ERR_DOMAIN_LAST is a sentinel, not a domain");
        assertNull(ErrorDomain.fromValue(-1));
    }

    @Test
    void errorLevelIsVirErrorLevel() {
        CEnum c = LibvirtHeaders.header("virterror.h").cEnum("virErrorLevel");
        assertSameEnum(ErrorLevel.class, c, n -> strip(n, "VIR_ERR_"), ErrorLevel::value);
        assertTrue(c.sentinels().isEmpty(), "virErrorLevel has no sentinel");
        for (ErrorLevel e : ErrorLevel.values()) {
            assertSame(e, ErrorLevel.fromValue(e.value()), "fromValue(" + e.value() + ")");
        }
    }

    @Test
    void noJavaEnumHoldsASentinel() {
        for (Class<? extends Enum<?>> type : List.of(ErrorCode.class, ErrorDomain.class, ErrorLevel.class)) {
            for (Enum<?> e : type.getEnumConstants()) {
                assertTrue(!e.name().endsWith("LAST"), type.getSimpleName() + "." + e.name() + " is a sentinel");
            }
        }
    }

    /** A Java flag enum and the C enum it mirrors. */
    private record FlagTable(Class<? extends Enum<?>> type, String header, String typedef, String prefix,
            Map<String, String> renames) {
    }

    private static final List<FlagTable> FLAG_TABLES = List.of(
            new FlagTable(ListAllDomainsFlag.class, "libvirt-domain.h", "virConnectListAllDomainsFlags",
                    "VIR_CONNECT_LIST_DOMAINS_", Map.of()),
            new FlagTable(ListAllNetworksFlag.class, "libvirt-network.h", "virConnectListAllNetworksFlags",
                    "VIR_CONNECT_LIST_NETWORKS_", Map.of()),
            new FlagTable(ListAllStoragePoolsFlag.class, "libvirt-storage.h", "virConnectListAllStoragePoolsFlags",
                    "VIR_CONNECT_LIST_STORAGE_POOLS_", Map.of()),
            new FlagTable(DomainXMLFlag.class, "libvirt-domain.h", "virDomainXMLFlags", "VIR_DOMAIN_XML_", Map.of()),
            new FlagTable(DomainUndefineFlag.class, "libvirt-domain.h", "virDomainUndefineFlagsValues",
                    "VIR_DOMAIN_UNDEFINE_", Map.of()),
            new FlagTable(DomainCreateFlag.class, "libvirt-domain.h", "virDomainCreateFlags", "VIR_DOMAIN_", Map.of()),
            new FlagTable(DomainDestroyFlag.class, "libvirt-domain.h", "virDomainDestroyFlagsValues",
                    "VIR_DOMAIN_DESTROY_", Map.of()),
            new FlagTable(DomainDefineFlag.class, "libvirt-domain.h", "virDomainDefineFlags", "VIR_DOMAIN_DEFINE_",
                    Map.of()),
            new FlagTable(DomainShutdownFlag.class, "libvirt-domain.h", "virDomainShutdownFlagValues",
                    "VIR_DOMAIN_SHUTDOWN_", Map.of()),
            new FlagTable(DomainShutdownFlag.class, "libvirt-domain.h", "virDomainRebootFlagValues",
                    "VIR_DOMAIN_REBOOT_", Map.of()),
            new FlagTable(OpenFlag.class, "libvirt-host.h", "virConnectFlags", "VIR_CONNECT_",
                    Map.of("VIR_CONNECT_RO", "READONLY")),
            new FlagTable(NetworkXMLFlag.class, "libvirt-network.h", "virNetworkXMLFlags", "VIR_NETWORK_XML_",
                    Map.of()),
            new FlagTable(StorageXMLFlag.class, "libvirt-storage.h", "virStorageXMLFlags", "VIR_STORAGE_XML_",
                    Map.of()),
            new FlagTable(StoragePoolBuildFlag.class, "libvirt-storage.h", "virStoragePoolBuildFlags",
                    "VIR_STORAGE_POOL_BUILD_", Map.of()),
            new FlagTable(StoragePoolDeleteFlag.class, "libvirt-storage.h", "virStoragePoolDeleteFlags",
                    "VIR_STORAGE_POOL_DELETE_", Map.of()),
            new FlagTable(StorageVolCreateFlag.class, "libvirt-storage.h", "virStorageVolCreateFlags",
                    "VIR_STORAGE_VOL_CREATE_", Map.of()),
            new FlagTable(StorageVolDeleteFlag.class, "libvirt-storage.h", "virStorageVolDeleteFlags",
                    "VIR_STORAGE_VOL_DELETE_", Map.of()),
            new FlagTable(ListAllSecretsFlag.class, "libvirt-secret.h", "virConnectListAllSecretsFlags",
                    "VIR_CONNECT_LIST_SECRETS_", Map.of()),
            new FlagTable(SecretDefineFlag.class, "libvirt-secret.h", "virSecretDefineFlags", "VIR_SECRET_DEFINE_",
                    Map.of()));

    /**
     * Every flag enum against its C enum. A C enumerator of value 0 (NONE, DEFAULT, NORMAL, NEW) is
     * the empty flag set and has no Java constant; every other one must.
     */
    @TestFactory
    Stream<DynamicTest> flagEnumsMatchTheHeaders() {
        return FLAG_TABLES.stream().map(t -> DynamicTest.dynamicTest(
                t.type().getSimpleName() + " = " + t.typedef(), () -> checkFlags(t)));
    }

    private static void checkFlags(FlagTable t) {
        CEnum c = LibvirtHeaders.header(t.header()).cEnum(t.typedef());
        Map<String, Long> expected = new TreeMap<>();
        for (Map.Entry<String, Long> e : c.values().entrySet()) {
            if (e.getValue() != 0) {
                expected.put(t.renames().getOrDefault(e.getKey(), strip(e.getKey(), t.prefix())), e.getValue());
            }
        }
        Map<String, Long> actual = new TreeMap<>();
        for (Enum<?> e : t.type().getEnumConstants()) {
            actual.put(e.name(), Integer.toUnsignedLong(((BitFlag) e).bit()));
        }
        assertSameMaps(t.type().getSimpleName(), t.typedef(), expected, actual);
    }

    @Test
    void domainModificationFlagIsModificationImpactPlusMaximum() {
        LibvirtHeaders h = LibvirtHeaders.header("libvirt-domain.h");
        Map<String, Long> impact = h.cEnum("virDomainModificationImpact").values();
        assertEquals(0L, impact.get("VIR_DOMAIN_AFFECT_CURRENT"), "CURRENT is the empty set");
        assertEquals(impact.get("VIR_DOMAIN_AFFECT_LIVE"), (long) DomainModificationFlag.LIVE.bit(), "LIVE");
        assertEquals(impact.get("VIR_DOMAIN_AFFECT_CONFIG"), (long) DomainModificationFlag.CONFIG.bit(), "CONFIG");
        assertEquals(3, impact.size(), "virDomainModificationImpact has CURRENT, LIVE, CONFIG");
        assertEquals(h.cEnum("virDomainVcpuFlags").values().get("VIR_DOMAIN_VCPU_MAXIMUM"),
                (long) DomainModificationFlag.MAXIMUM.bit(), "MAXIMUM = VIR_DOMAIN_VCPU_MAXIMUM");
        assertEquals(h.cEnum("virDomainMemoryModFlags").values().get("VIR_DOMAIN_MEM_MAXIMUM"),
                (long) DomainModificationFlag.MAXIMUM.bit(), "MAXIMUM = VIR_DOMAIN_MEM_MAXIMUM");
        assertEquals(3, DomainModificationFlag.values().length);
    }

    @Test
    void domainStateIsVirDomainStateWithItsReasons() {
        LibvirtHeaders h = LibvirtHeaders.header("libvirt-domain.h");
        CEnum states = h.cEnum("virDomainState");
        assertSameEnum(DomainState.class, states, n -> strip(n, "VIR_DOMAIN_"), DomainState::value);
        assertEquals(List.of("VIR_DOMAIN_LAST"), List.copyOf(states.sentinels()), "sentinel of virDomainState");
        Map<DomainState, String> reasonEnums = Map.of(
                DomainState.NOSTATE, "virDomainNostateReason",
                DomainState.RUNNING, "virDomainRunningReason",
                DomainState.BLOCKED, "virDomainBlockedReason",
                DomainState.PAUSED, "virDomainPausedReason",
                DomainState.SHUTDOWN, "virDomainShutdownReason",
                DomainState.SHUTOFF, "virDomainShutoffReason",
                DomainState.CRASHED, "virDomainCrashedReason",
                DomainState.PMSUSPENDED, "virDomainPMSuspendedReason");
        assertEquals(DomainState.values().length, reasonEnums.size());
        List<String> problems = new ArrayList<>();
        for (DomainState s : DomainState.values()) {
            CEnum reasons = h.cEnum(reasonEnums.get(s));
            List<Long> numbers = List.copyOf(reasons.values().values());
            for (int i = 0; i < numbers.size(); i++) {
                assertEquals(i, numbers.get(i), reasons.typedef() + " is numbered 0..n-1");
            }
            if (s.reasonCount() != numbers.size()) {
                problems.add(s + " has " + s.reasonCount() + " reasons, " + reasons.typedef() + " has "
                        + numbers.size() + " " + reasons.values().keySet());
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        for (DomainState s : DomainState.values()) {
            assertEquals("unknown", s.reasonName(0), s + " reason 0");
            assertEquals("unknown", s.reasonName(s.reasonCount()), s + " reason past the last");
            assertEquals("unknown", s.reasonName(-1), s + " reason -1");
        }
        Map<String, Long> running = h.cEnum("virDomainRunningReason").values();
        Map<String, Long> shutoff = h.cEnum("virDomainShutoffReason").values();
        Map<String, Long> paused = h.cEnum("virDomainPausedReason").values();
        assertEquals(running.get("VIR_DOMAIN_RUNNING_BOOTED"), (long) DomainState.RUNNING_BOOTED);
        assertEquals(running.get("VIR_DOMAIN_RUNNING_UNPAUSED"), (long) DomainState.RUNNING_UNPAUSED);
        assertEquals(paused.get("VIR_DOMAIN_PAUSED_USER"), (long) DomainState.PAUSED_USER);
        assertEquals(shutoff.get("VIR_DOMAIN_SHUTOFF_SHUTDOWN"), (long) DomainState.SHUTOFF_SHUTDOWN);
        assertEquals(shutoff.get("VIR_DOMAIN_SHUTOFF_DESTROYED"), (long) DomainState.SHUTOFF_DESTROYED);
        assertEquals(shutoff.get("VIR_DOMAIN_SHUTOFF_CRASHED"), (long) DomainState.SHUTOFF_CRASHED);
    }

    @Test
    void credentialTypeIsVirConnectCredentialType() {
        CEnum c = LibvirtHeaders.header("libvirt-host.h").cEnum("virConnectCredentialType");
        assertSameEnum(CredentialType.class, c, n -> strip(n, "VIR_CRED_"), CredentialType::value);
    }

    @Test
    void storagePoolStateAndVolTypeOrdinalsAreLibvirtsNumbers() {
        LibvirtHeaders h = LibvirtHeaders.header("libvirt-storage.h");
        assertSameEnum(StoragePoolState.class, h.cEnum("virStoragePoolState"), n -> strip(n, "VIR_STORAGE_POOL_"),
                Enum::ordinal);
        assertSameEnum(StorageVolType.class, h.cEnum("virStorageVolType"), n -> strip(n, "VIR_STORAGE_VOL_"),
                Enum::ordinal);
    }

    @Test
    void secretEnumOrdinalsAreLibvirtsNumbers() {
        LibvirtHeaders h = LibvirtHeaders.header("libvirt-secret.h");
        assertSameEnum(SecretUsageType.class, h.cEnum("virSecretUsageType"), n -> strip(n, "VIR_SECRET_USAGE_TYPE_"),
                SecretUsageType::value);
        assertSameEnum(SecretEventId.class, h.cEnum("virSecretEventID"), n -> strip(n, "VIR_SECRET_EVENT_ID_"),
                SecretEventId::value);
        assertSameEnum(SecretLifecycle.class, h.cEnum("virSecretEventLifecycleType"),
                n -> strip(n, "VIR_SECRET_EVENT_"), SecretLifecycle::value);
    }

    private static String strip(String cName, String prefix) {
        if (!cName.startsWith(prefix)) {
            fail("C enumerator " + cName + " does not start with " + prefix);
        }
        return cName.substring(prefix.length());
    }

    private static <E extends Enum<E>> void assertSameEnum(Class<E> type, CEnum c, Function<String, String> javaName,
            ToLongFunction<E> value) {
        Map<String, Long> expected = new TreeMap<>();
        c.values().forEach((name, v) -> expected.put(javaName.apply(name), v));
        Map<String, Long> actual = new TreeMap<>();
        for (E e : type.getEnumConstants()) {
            actual.put(e.name(), value.applyAsLong(e));
        }
        assertSameMaps(type.getSimpleName(), c.typedef(), expected, actual);
    }

    private static void assertSameMaps(String java, String c, Map<String, Long> expected, Map<String, Long> actual) {
        List<String> problems = new ArrayList<>();
        expected.forEach((name, v) -> {
            if (!actual.containsKey(name)) {
                problems.add("missing " + java + "." + name + " = " + v);
            } else if (!actual.get(name).equals(v)) {
                problems.add(java + "." + name + " is " + actual.get(name) + ", libvirt's is " + v);
            }
        });
        actual.forEach((name, v) -> {
            if (!expected.containsKey(name)) {
                problems.add(java + "." + name + " = " + v + " is not in " + c);
            }
        });
        assertTrue(problems.isEmpty(), java + " differs from libvirt 9.0.0's " + c + ":\n  "
                + String.join("\n  ", problems));
        assertEquals(expected, actual);
    }
}
