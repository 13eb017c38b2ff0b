package io.jvirt.conf.domain;

/** Normalisation and defaults of {@code <devices>}. */
final class Devices {
    private Devices() {
    }

    static boolean anyBootOrder(DomainDef def) {
        for (XmlNode d : def.devices) {
            if (d.child("boot").isPresent()) {
                return true;
            }
        }
        return false;
    }

    static void apply(DomainDef def, ParseContext ctx) {
    }
}
