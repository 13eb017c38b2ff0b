package io.jvirt.conf.domain;

import java.util.Map;
import java.util.Set;

/**
 * Attributes and elements that libvirt's later schemas (10.x) add and 9.0 does not know: 9.0
 * ignores them, so they leave the model. Found by comparing 9.0's and 10.7's domain schemas
 * (features and Hyper-V enlightenments are not here: 9.0 refuses unknown ones).
 */
final class NewerThan9 {
    static final Map<String, Set<String>> ATTRIBUTES = Map.ofEntries(
            Map.entry("audio", Set.of("runtimeDir")),
            Map.entry("backend", Set.of("debug", "queues")),
            Map.entry("blockio", Set.of("discard_granularity")),
            Map.entry("driver", Set.of("discard_no_unref", "dma_translation")),
            Map.entry("identity", Set.of("agentsock", "keyfile", "username")),
            Map.entry("loader", Set.of("format")),
            Map.entry("nvram", Set.of("format")),
            Map.entry("maxphysaddr", Set.of("limit")),
            Map.entry("model", Set.of("blob")),
            Map.entry("sound", Set.of("multichannel", "streams")),
            Map.entry("target", Set.of("dynamicMemslots", "memReserve")),
            Map.entry("topology", Set.of("clusters")));
    static final Map<String, Set<String>> CHILDREN = Map.ofEntries(
            Map.entry("binary", Set.of("openfiles")),
            Map.entry("disk", Set.of("snapshotDeleteInProgress")),
            Map.entry("driver", Set.of("iothreads")),
            Map.entry("filesystem", Set.of("idmap")),
            Map.entry("iothread", Set.of("poll", "queue")),
            Map.entry("sound", Set.of("driver")),
            Map.entry("source", Set.of("knownHosts")),
            Map.entry("memory", Set.of()),
            Map.entry("launchSecurity", Set.of("guestVisibleWorkarounds", "hostData", "idAuth", "idBlock")));

    private NewerThan9() {
    }

    /** Removes what 9.0 does not know from {@code n} and its descendants. */
    static void strip(XmlNode n) {
        if (n.ns != null) {
            return;
        }
        Set<String> attrs = ATTRIBUTES.get(n.name());
        if (attrs != null) {
            n.attrs().keySet().removeAll(attrs);
        }
        Set<String> kids = CHILDREN.get(n.name());
        if (kids != null) {
            n.children().removeIf(c -> kids.contains(c.name()));
        }
        if (n.name().equals("memory")) {
            n.child("target").ifPresent(t -> t.removeChildren("address"));
        }
        n.children().removeIf(c -> c.name().equals("identity") && c.attrs().isEmpty() && c.children().isEmpty());
        for (XmlNode c : n.children()) {
            strip(c);
        }
    }
}
