package io.jvirt.conf.domain;

import java.util.HashSet;
import java.util.Set;

/**
 * The test driver's behaviour on define, as observed with {@code virsh -c test:///default}: its
 * capabilities default the architecture to i686 (whatever the os type), and it names every interface without a target
 * {@code testnetN} (the lowest N unused).
 */
final class TestDriverHook implements PostParseHook {
    @Override
    public String defaultArch(String virtType, String osType) {
        return "i686";
    }

    @Override
    public void afterDefaults(DomainDef def) {
        Set<String> used = new HashSet<>();
        for (XmlNode net : def.devices("interface")) {
            net.child("target").map(t -> t.attr("dev")).ifPresent(used::add);
        }
        for (XmlNode net : def.devices("interface")) {
            XmlNode target = net.childOrNull("target");
            if (target != null && target.attr("dev") != null) {
                continue;
            }
            int n = 0;
            while (used.contains("testnet" + n)) {
                n++;
            }
            used.add("testnet" + n);
            if (target == null) {
                target = new XmlNode("target");
                net.add(Interfaces.targetIndex(net), target);
            }
            target.set("dev", "testnet" + n);
            target.order("dev", "managed");
        }
    }
}
