package io.jvirt.driver.lxc.conf;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.domain.DomainDef;
import io.jvirt.conf.domain.PostParseHook;
import io.jvirt.conf.domain.XmlNode;

/**
 * The LXC driver's post-parse defaults and checks, as libvirt 9.0's: only {@code <domain type='lxc'>}
 * with {@code <os><type>exe</type>} on the host's architecture (libvirt's capabilities lookup and
 * its wording), the emulator (here the controller binary) when none is given, and consoles whose
 * target has no type get {@code type='lxc'}. The partition {@code /machine} is added at the first start (see LxcInstance), as libvirt does.
 */
public final class LxcDomainHook implements PostParseHook {
    /** The host architecture as libvirt names it. */
    public static final String ARCH = hostArch();

    private final String emulator;

    public LxcDomainHook(String emulator) {
        this.emulator = emulator;
    }

    private static String hostArch() {
        String a = System.getProperty("os.arch");
        return switch (a) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64" -> "aarch64";
            default -> a;
        };
    }

    @Override
    public String defaultArch(String virtType, String osType) {
        return ARCH;
    }

    @Override
    public void domainPostParse(DomainDef def) {
        String os = def.osType().type();
        String arch = def.osType().arch() == null ? ARCH : def.osType().arch();
        String type = def.virtType();
        // libvirt names the ostype only when it has that ostype at all (exe) but not for this arch or type
        if (!"exe".equals(os) || !ARCH.equals(arch)) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.CAPABILITIES, "invalid argument: could not find "
                    + "capabilities for " + ("exe".equals(os) ? "ostype=exe " : "") + "arch=" + arch + " domaintype="
                    + type + " ");
        }
        if (!"lxc".equals(type)) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.CAPABILITIES,
                    "invalid argument: could not find capabilities for ostype=exe arch=" + arch + " domaintype=" + type + " ");
        }
        if (def.emulator() == null) {
            def.devices().add(0, new XmlNode("emulator").text(emulator));
        }
        for (XmlNode c : def.devices("console")) {
            XmlNode t = c.childOrNull("target");
            if (t == null) {
                t = new XmlNode("target");
                c.add(t);
            }
            if (t.attr("type") == null) {
                t.set("type", "lxc");
            }
        }
    }
}
