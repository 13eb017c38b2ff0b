package io.jvirt.conf.capabilities;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.Xml;
import io.jvirt.conf.xml.XmlWriter;

/**
 * {@code <host>} of the capabilities document. Optional parts are null (or empty) when the driver
 * does not report them. libvirt writes no {@code <host>} at all when it has neither a UUID, an
 * architecture, a suspend target nor IOMMU support.
 *
 * @param uuid            host UUID, null when unknown
 * @param cpu             {@code <cpu>}: architecture, host features, CPU description, page sizes
 * @param powerManagement suspend targets ({@code <power_management/>} when none)
 * @param iommu           whether the host has an IOMMU
 * @param migration       migration support, null when the driver cannot migrate
 * @param netPrefix       prefix of generated interface names ({@code <netprefix>}), null for none
 * @param topology        NUMA topology, null when unknown
 * @param cache           CPU caches, null or empty for none
 * @param memoryBandwidth memory bandwidth allocation, null or empty for none
 * @param secModels       security drivers
 */
public record Host(UUID uuid, HostCpu cpu, Set<PowerTarget> powerManagement, boolean iommu, Migration migration,
        String netPrefix, NumaTopology topology, HostCache cache, MemoryBandwidth memoryBandwidth,
        List<SecModel> secModels) {

    public Host {
        powerManagement = powerManagement == null || powerManagement.isEmpty() ? Set.of()
                : Set.copyOf(EnumSet.copyOf(powerManagement));
        secModels = secModels == null ? List.of() : List.copyOf(secModels);
        if (cpu == null) {
            cpu = new HostCpu(null, List.of(), null, List.of());
        }
    }

    static Host parse(Element e) {
        String uuid = CapsXml.text(e, "uuid");
        Element cpu = CapsXml.child(e, "cpu");
        Set<PowerTarget> pm = EnumSet.noneOf(PowerTarget.class);
        CapsXml.optChild(e, "power_management")
                .ifPresent(p -> Xml.children(p).forEach(t -> pm.add(PowerTarget.fromXml(t.getTagName()))));
        Boolean iommu = CapsXml.optChild(e, "iommu").map(i -> Xml.yesNo(i, "support")).orElse(null);
        return new Host(uuid == null ? null : UUID.fromString(uuid.trim()), cpu == null ? null : HostCpu.parse(cpu), pm,
                Boolean.TRUE.equals(iommu), CapsXml.optChild(e, "migration_features").map(Migration::parse).orElse(null),
                CapsXml.text(e, "netprefix"), CapsXml.optChild(e, "topology").map(NumaTopology::parse).orElse(null),
                CapsXml.optChild(e, "cache").map(HostCache::parse).orElse(null),
                CapsXml.optChild(e, "memory_bandwidth").map(MemoryBandwidth::parse).orElse(null),
                CapsXml.map(e, "secmodel", SecModel::parse));
    }

    /** Whether libvirt writes this host at all. */
    boolean isFormatted() {
        return uuid != null || cpu.arch() != null || !powerManagement.isEmpty() || iommu;
    }

    void format(XmlWriter w) {
        w.open("host");
        if (uuid != null) {
            w.leaf("uuid", uuid.toString());
        }
        cpu.format(w);
        w.open("power_management");
        for (PowerTarget t : PowerTarget.values()) {
            if (powerManagement.contains(t)) {
                w.empty(t.xmlName(), true);
            }
        }
        w.close();
        w.open("iommu").yesNo("support", iommu).close();
        if (migration != null) {
            migration.format(w);
        }
        CapsXml.rawLeaf(w, "netprefix", netPrefix);
        if (topology != null) {
            topology.format(w);
        }
        if (cache != null) {
            cache.format(w);
        }
        if (memoryBandwidth != null) {
            memoryBandwidth.format(w);
        }
        secModels.forEach(s -> s.format(w));
        w.close();
    }
}
