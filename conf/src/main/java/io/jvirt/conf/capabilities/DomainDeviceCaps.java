package io.jvirt.conf.capabilities;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.XmlWriter;

/**
 * {@code <devices>} of domain capabilities, in libvirt's order; each part is
 * {@link SupportedCaps#ABSENT} (not written) when the driver does not report it.
 */
public record DomainDeviceCaps(SupportedCaps disk, SupportedCaps graphics, SupportedCaps video, SupportedCaps hostdev,
        SupportedCaps rng, SupportedCaps filesystem, SupportedCaps tpm, SupportedCaps redirdev, SupportedCaps channel,
        SupportedCaps crypto) {

    public static final DomainDeviceCaps NONE = new DomainDeviceCaps(null, null, null, null, null, null, null, null,
            null, null);

    private static final String[] NAMES = {"disk", "graphics", "video", "hostdev", "rng", "filesystem", "tpm",
        "redirdev", "channel", "crypto"};

    public DomainDeviceCaps {
        disk = orAbsent(disk);
        graphics = orAbsent(graphics);
        video = orAbsent(video);
        hostdev = orAbsent(hostdev);
        rng = orAbsent(rng);
        filesystem = orAbsent(filesystem);
        tpm = orAbsent(tpm);
        redirdev = orAbsent(redirdev);
        channel = orAbsent(channel);
        crypto = orAbsent(crypto);
    }

    private static SupportedCaps orAbsent(SupportedCaps c) {
        return c == null ? SupportedCaps.ABSENT : c;
    }

    private SupportedCaps[] all() {
        return new SupportedCaps[] {disk, graphics, video, hostdev, rng, filesystem, tpm, redirdev, channel, crypto};
    }

    static DomainDeviceCaps parse(Element e) {
        if (e == null) {
            return NONE;
        }
        SupportedCaps[] c = new SupportedCaps[NAMES.length];
        for (int i = 0; i < NAMES.length; i++) {
            c[i] = SupportedCaps.parseChild(e, NAMES[i]);
        }
        return new DomainDeviceCaps(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9]);
    }

    void format(XmlWriter w) {
        w.open("devices");
        SupportedCaps[] c = all();
        for (int i = 0; i < NAMES.length; i++) {
            c[i].format(w, NAMES[i]);
        }
        CapsXml.closeBlock(w);
    }
}
