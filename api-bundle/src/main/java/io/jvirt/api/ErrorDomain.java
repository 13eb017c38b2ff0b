package io.jvirt.api;

/**
 * libvirt's {@code virErrorDomain}: the part of libvirt (here: of jvirt) an error comes from.
 * <p>
 * Every value of libvirt 9.0, named as in C without the {@code VIR_FROM_} prefix
 * ({@code VIR_WAR_*} keep their {@code WAR_}), with libvirt's number: these numbers cross the
 * RPC wire unchanged, so they must never be renumbered.
 */
public enum ErrorDomain {
    NONE(0),
    XEN(1),
    XEND(2),
    XENSTORE(3),
    SEXPR(4),
    XML(5),
    DOM(6),
    RPC(7),
    PROXY(8),
    CONF(9),
    QEMU(10),
    NET(11),
    TEST(12),
    REMOTE(13),
    OPENVZ(14),
    XENXM(15),
    STATS_LINUX(16),
    LXC(17),
    STORAGE(18),
    NETWORK(19),
    DOMAIN(20),
    UML(21),
    NODEDEV(22),
    XEN_INOTIFY(23),
    SECURITY(24),
    VBOX(25),
    INTERFACE(26),
    ONE(27),
    ESX(28),
    PHYP(29),
    SECRET(30),
    CPU(31),
    XENAPI(32),
    NWFILTER(33),
    HOOK(34),
    DOMAIN_SNAPSHOT(35),
    AUDIT(36),
    SYSINFO(37),
    STREAMS(38),
    VMWARE(39),
    EVENT(40),
    LIBXL(41),
    LOCKING(42),
    HYPERV(43),
    CAPABILITIES(44),
    URI(45),
    AUTH(46),
    DBUS(47),
    PARALLELS(48),
    DEVICE(49),
    SSH(50),
    LOCKSPACE(51),
    INITCTL(52),
    IDENTITY(53),
    CGROUP(54),
    ACCESS(55),
    SYSTEMD(56),
    BHYVE(57),
    CRYPTO(58),
    FIREWALL(59),
    POLKIT(60),
    THREAD(61),
    ADMIN(62),
    LOGGING(63),
    XENXL(64),
    PERF(65),
    LIBSSH(66),
    RESCTRL(67),
    FIREWALLD(68),
    DOMAIN_CHECKPOINT(69),
    TPM(70),
    BPF(71),
    CH(72);

    private static final ErrorDomain[] BY_VALUE = new ErrorDomain[values().length];

    static {
        for (ErrorDomain e : values()) {
            BY_VALUE[e.value] = e;
        }
    }

    private final int value;

    ErrorDomain(int value) {
        this.value = value;
    }

    /** The number libvirt uses for this value. */
    public int value() {
        return value;
    }

    /** The constant with libvirt's number {@code value}, or {@code null} if this libvirt version has none. */
    public static ErrorDomain fromValue(int value) {
        return value >= 0 && value < BY_VALUE.length ? BY_VALUE[value] : null;
    }
}
