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
     * What a {@link StateDriver} is the state of (String), which decides when it is initialized:
     * libvirt's daemon order, {@code network}, {@code interface}, {@code secret}, {@code storage},
     * {@code nodedev}, {@code nwfilter}, then {@code hypervisor}. Absent, it is read from the other
     * SPI services of the same registration ({@code NetworkDriver} means {@code network}, ...), and a
     * state driver that is none of these is a {@code hypervisor} (the last group).
     */
    public static final String KIND = "jvirt.driver.kind";

    private DriverProperties() {
    }
}
