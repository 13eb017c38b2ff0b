package io.jvirt.driver.test.cpu;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.w3c.dom.Element;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.capabilities.Arch;
import io.jvirt.conf.xml.SecureXml;
import io.jvirt.conf.xml.Xml;
import io.jvirt.driver.test.state.Errors;

/**
 * virConnectBaselineCPU as libvirt's test driver answers it: the host CPUs ({@code <cpu>} with
 * arch, model, vendor and features) are reduced to the features they all have, and the CPU model
 * that describes those best is chosen (the one model the CPUs name, when they all name the same one
 * and it fits their vendor; otherwise the model that needs the fewest features listed, newest first),
 * with the features beyond it required and the features it has but the CPUs lack disabled. The
 * expectations come from {@code virsh -c test:///default cpu-baseline} (libvirt 9.0).
 */
public final class CpuBaseline {
    /** VIR_CONNECT_BASELINE_CPU_EXPAND_FEATURES. */
    public static final int EXPAND_FEATURES = 1;

    private record HostCpu(Arch arch, String model, String vendor, List<String> features) {
    }

    private record Candidate(X86CpuMap.Model model, List<String> required, List<String> disabled) {
        int size() {
            return required.size() + disabled.size();
        }
    }

    private CpuBaseline() {
    }

    public static String baseline(List<String> xmlCPUs, int flags) {
        Errors.checkFlags(flags, EXPAND_FEATURES, "testConnectBaselineCPU");
        if (xmlCPUs.isEmpty()) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.CPU, "invalid argument: no CPUs given");
        }
        List<HostCpu> cpus = new ArrayList<>();
        for (String xml : xmlCPUs) {
            cpus.add(parse(xml));
        }
        Arch arch = cpus.get(0).arch();
        if (arch != Arch.I686 && arch != Arch.X86_64) {
            throw new VirtException(ErrorCode.NO_SUPPORT, ErrorDomain.CPU,
                    "this function is not supported by the connection driver: cannot compute baseline CPU of "
                            + arch.xmlName() + " architecture");
        }
        return x86(cpus, (flags & EXPAND_FEATURES) != 0);
    }

    /** A host CPU definition, as libvirt parses one (feature policies do not apply to host CPUs). */
    private static HostCpu parse(String xml) {
        Element cpu = SecureXml.parseAnyRoot(xml, "CPU_definition");
        if (!"cpu".equals(cpu.getLocalName())) {
            throw xmlError("XML does not contain expected 'cpu' element");
        }
        String arch = Xml.childText(cpu, "arch");
        if (arch == null) {
            throw xmlError("Missing CPU architecture");
        }
        Arch a;
        try {
            a = Arch.fromXml(arch.trim());
        } catch (VirtException | IllegalArgumentException e) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.CPU,
                    "unsupported configuration: Unknown architecture " + arch.trim());
        }
        String model = Xml.childText(cpu, "model");
        if (model == null || model.isEmpty()) {
            throw xmlError("Missing CPU model name");
        }
        String vendor = Xml.childText(cpu, "vendor");
        List<String> features = new ArrayList<>();
        for (Element f : Xml.children(cpu, "feature")) {
            String name = f.getAttribute("name");
            if (name.isEmpty()) {
                throw xmlError("Invalid CPU feature name");
            }
            if (features.contains(name)) {
                throw xmlError("CPU feature '" + name + "' specified more than once");
            }
            features.add(name);
        }
        return new HostCpu(a, model.trim(), vendor == null ? null : vendor.trim(), features);
    }

    private static VirtException xmlError(String message) {
        return new VirtException(ErrorCode.XML_ERROR, ErrorDomain.CPU, "XML error: " + message);
    }

    private static VirtException failed(String message) {
        return new VirtException(ErrorCode.OPERATION_FAILED, ErrorDomain.CPU, "operation failed: " + message);
    }

    private static void checkVendor(String vendor) {
        if (!vendor.equals("Intel") && !vendor.equals("AMD") && !vendor.equals("Hygon")) {
            throw failed("Unknown CPU vendor " + vendor);
        }
    }

    /** The model's features plus the CPU's own (all of them: a host CPU only lists what it has). */
    private static Set<String> data(X86CpuMap map, HostCpu cpu) {
        X86CpuMap.Model m = map.model(cpu.model());
        if (m == null) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.CPU, "internal error: Unknown CPU model " + cpu.model());
        }
        Set<String> data = new HashSet<>(m.features());
        for (String f : cpu.features()) {
            if (!map.isFeature(f)) {
                throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.CPU, "internal error: Unknown CPU feature " + f);
            }
            data.add(f);
        }
        return data;
    }

    private static String x86(List<HostCpu> cpus, boolean expand) {
        X86CpuMap map = X86CpuMap.INSTANCE;
        HostCpu first = cpus.get(0);
        Set<String> data = data(map, first);
        boolean outputVendor = first.vendor() != null;
        String vendor = first.vendor();
        if (vendor != null) {
            checkVendor(vendor);
        }
        // the model to keep if it fits: the one all CPUs name, if they agree
        String preferred = first.model();
        for (HostCpu cpu : cpus.subList(1, cpus.size())) {
            if (!cpu.model().equals(preferred)) {
                preferred = null;
            }
            Set<String> d = data(map, cpu);
            String modelVendor = map.model(cpu.model()).vendor();
            if (cpu.vendor() != null && modelVendor != null && !cpu.vendor().equals(modelVendor)) {
                throw failed("CPU vendor " + modelVendor + " of model " + cpu.model() + " differs from vendor "
                        + cpu.vendor());
            }
            String vn = cpu.vendor();
            if (vn == null) {
                outputVendor = false;
                vn = modelVendor;
            }
            if (vn != null) {
                if (vendor == null) {
                    checkVendor(vn);
                    vendor = vn;
                } else if (!vendor.equals(vn)) {
                    throw failed("CPU vendors do not match");
                }
            }
            data.retainAll(d);
        }
        if (data.isEmpty()) {
            throw failed("CPUs are incompatible");
        }

        Candidate best = decode(map, data, vendor, preferred);
        StringBuilder xml = new StringBuilder("<cpu mode='custom' match='exact'>\n");
        boolean forbid = best.model().name().equals(preferred);
        xml.append("  <model fallback='").append(forbid ? "forbid" : "allow").append("'>")
                .append(best.model().name()).append("</model>\n");
        if (vendor != null && outputVendor) {
            xml.append("  <vendor>").append(vendor).append("</vendor>\n");
        }
        if (expand) {
            // every feature of the model and the required ones, by name; the disabled ones stay disabled
            Set<String> disabled = new HashSet<>(best.disabled());
            TreeSet<String> all = new TreeSet<>(best.model().features());
            all.addAll(best.required());
            all.addAll(disabled);
            for (String f : all) {
                xml.append("  <feature policy='").append(disabled.contains(f) ? "disable" : "require")
                        .append("' name='").append(f).append("'/>\n");
            }
        } else {
            for (String f : best.required()) {
                xml.append("  <feature policy='require' name='").append(f).append("'/>\n");
            }
            for (String f : best.disabled()) {
                xml.append("  <feature policy='disable' name='").append(f).append("'/>\n");
            }
        }
        return xml.append("</cpu>\n").toString();
    }

    /** The best model for the common features, as libvirt's x86 decoder picks it (newest model first). */
    private static Candidate decode(X86CpuMap map, Set<String> data, String vendor, String preferred) {
        Candidate best = null;
        List<X86CpuMap.Model> models = map.models();
        for (int i = models.size() - 1; i >= 0; i--) {
            X86CpuMap.Model m = models.get(i);
            if (vendor != null && m.vendor() != null && !vendor.equals(m.vendor())) {
                continue;
            }
            if (!m.decode()) {
                continue;
            }
            Set<String> required = new HashSet<>(data);
            required.removeAll(m.features());
            Set<String> lacking = new HashSet<>(m.features());
            lacking.removeAll(data);
            List<String> disabled = new ArrayList<>(map.inOrder(lacking));
            for (String r : m.removed()) {
                if (!disabled.contains(r) && !required.contains(r)) {
                    disabled.add(r);
                }
            }
            Candidate c = new Candidate(m, map.inOrder(required), disabled);
            if (m.name().equals(preferred)) {
                return c;
            }
            if (best == null || c.size() < best.size()) {
                best = c;
            }
        }
        if (best == null) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.CPU,
                    "internal error: Cannot find suitable CPU model for given data");
        }
        return best;
    }
}
