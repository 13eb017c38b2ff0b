package io.jvirt.spi;

/** Service properties a driver service carries; the registry orders and matches by them. */
public final class DriverProperties {
    /** The driver's name (String), e.g. {@code test}; a replacement must carry the same name. */
    public static final String NAME = "jvirt.driver.name";
    /** The URI schemes the driver opens (String or String[]); absent means any (remote driver only). */
    public static final String URI_SCHEMES = "jvirt.uri.schemes";
    /** Boolean: never given a URI that names a host. */
    public static final String LOCAL_ONLY = "jvirt.driver.localOnly";
    /** Boolean: only given URIs that name a host. */
    public static final String REMOTE_ONLY = "jvirt.driver.remoteOnly";
    /**
     * What a driver serves (String): {@link #KIND_HYPERVISOR} (the default) or a secondary kind,
     * named as its URI scheme: {@code network}, {@code storage}, {@code nwfilter}, {@code secret},
     * {@code interface}, {@code nodedev}. A connection to a secondary driver answers its kind's calls
     * and {@code VIR_ERR_NO_SUPPORT} for the rest, as libvirt's modular daemons do. On a
     * {@link StateDriver} it also decides when its state is initialized: libvirt's daemon order,
     * {@code network}, {@code interface}, {@code secret}, {@code storage}, {@code nodedev},
     * {@code nwfilter}, then {@code hypervisor}; absent, it is read from the other SPI services of
     * the same registration, and a state driver that is none of these is a {@code hypervisor}.
     */
    public static final String KIND = "jvirt.driver.kind";
    /** The value of {@link #KIND} for hypervisor drivers, assumed when the property is absent. */
    public static final String KIND_HYPERVISOR = "hypervisor";

    private DriverProperties() {
    }
}
