package io.jvirt.driver.test.domain;

import java.util.HashSet;
import java.util.Set;

import io.jvirt.conf.domain.DomainDef;
import io.jvirt.conf.domain.Interfaces;
import io.jvirt.conf.domain.PostParseHook;
import io.jvirt.conf.domain.XmlNode;

/**
 * The test driver's post-parse behaviour, as observed with {@code virsh -c test:///default define}:
 * the architecture defaults to i686 whatever the os type (its capabilities have only i686 guests),
 * and every interface without a target device is named {@code testnetN}, the lowest N unused.
 */
public final class TestDomainHook implements PostParseHook {
    public static final TestDomainHook INSTANCE = new TestDomainHook();

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
        int n = 0;
        for (XmlNode net : def.devices("interface")) {
            XmlNode target = net.childOrNull("target");
            if (target != null && target.attr("dev") != null) {
                continue;
            }
            while (used.contains("testnet" + n)) {
                n++;
            }
            String name = "testnet" + n;
            used.add(name);
            if (target == null) {
                target = new XmlNode("target");
                net.add(Interfaces.targetIndex(net), target);
            }
            target.set("dev", name);
            target.order("dev", "managed");
        }
    }
}
