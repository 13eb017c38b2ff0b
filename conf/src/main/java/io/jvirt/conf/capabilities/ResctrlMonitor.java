package io.jvirt.conf.capabilities;

import java.util.List;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.XmlWriter;

/**
 * {@code <monitor>} of the host's cache or memory bandwidth allocation (resctrl): how many monitors
 * the host has and what they measure. Written only when it has features.
 *
 * @param level          cache level (cache monitors only, else null)
 * @param reuseThreshold cache reuse threshold (cache monitors only, else null)
 * @param features       e.g. {@code llc_occupancy}, {@code mbm_total_bytes}
 */
public record ResctrlMonitor(Integer level, Integer reuseThreshold, int maxMonitors, List<String> features) {
    public ResctrlMonitor {
        features = features == null ? List.of() : List.copyOf(features);
    }

    static ResctrlMonitor parse(Element e) {
        Integer level = CapsXml.intAttrOrNull(e, "level");
        return new ResctrlMonitor(level, level == null ? null : CapsXml.intAttr(e, "reuseThreshold"),
                CapsXml.intAttr(e, "maxMonitors"), CapsXml.map(e, "feature", f -> CapsXml.required(f, "name")));
    }

    void format(XmlWriter w) {
        if (features.isEmpty()) {
            return;
        }
        w.open("monitor");
        if (level != null) {
            w.attr("level", level).attr("reuseThreshold", reuseThreshold == null ? 0 : reuseThreshold);
        }
        w.attr("maxMonitors", maxMonitors);
        for (String f : features) {
            w.open("feature").rawAttr("name", f).close();
        }
        w.close();
    }
}
