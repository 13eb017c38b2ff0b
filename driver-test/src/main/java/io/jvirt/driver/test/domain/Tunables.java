package io.jvirt.driver.test.domain;

import java.util.ArrayList;
import java.util.List;

import io.jvirt.api.TypedParameter;

/**
 * The tunables libvirt 9.0's test driver reports, whatever the domain's XML says (observed with
 * {@code virsh -c test:///default schedinfo|memtune|blkiotune|numatune|perf|domiftune|blkdeviotune}).
 */
final class Tunables {
    /** VIR_DOMAIN_MEMORY_PARAM_UNLIMITED: virsh prints it as "unlimited". */
    static final long UNLIMITED = 9007199254740991L;

    static final String SCHEDULER = "fair";

    private static final List<String> PERF_EVENTS = List.of("cmt", "mbmt", "mbml", "cpu_cycles", "instructions",
            "cache_references", "cache_misses", "branch_instructions", "branch_misses", "bus_cycles",
            "stalled_cycles_frontend", "stalled_cycles_backend", "ref_cpu_cycles", "cpu_clock", "task_clock",
            "page_faults", "context_switches", "cpu_migrations", "page_faults_min", "page_faults_maj",
            "alignment_faults", "emulation_faults");

    private Tunables() {
    }

    static List<TypedParameter> scheduler() {
        return List.of(TypedParameter.ofUInt("weight", 50));
    }

    static List<TypedParameter> memory() {
        return List.of(TypedParameter.ofULLong("hard_limit", UNLIMITED), TypedParameter.ofULLong("soft_limit", UNLIMITED),
                TypedParameter.ofULLong("swap_hard_limit", UNLIMITED));
    }

    static List<TypedParameter> blkio() {
        List<TypedParameter> l = new ArrayList<>();
        l.add(TypedParameter.ofUInt("weight", 0));
        for (String f : List.of("device_weight", "device_read_iops_sec", "device_write_iops_sec",
                "device_read_bytes_sec", "device_write_bytes_sec")) {
            l.add(TypedParameter.ofString(f, ""));
        }
        return l;
    }

    static List<TypedParameter> numa() {
        return List.of(TypedParameter.ofInt("numa_mode", 0 /* strict */), TypedParameter.ofString("numa_nodeset", ""));
    }

    static List<TypedParameter> perf() {
        List<TypedParameter> l = new ArrayList<>();
        for (String e : PERF_EVENTS) {
            l.add(TypedParameter.ofBoolean(e, false));
        }
        return l;
    }

    static List<TypedParameter> bandwidth() {
        List<TypedParameter> l = new ArrayList<>();
        for (String f : List.of("inbound.average", "inbound.peak", "inbound.burst", "inbound.floor",
                "outbound.average", "outbound.peak", "outbound.burst")) {
            l.add(TypedParameter.ofUInt(f, 0));
        }
        return l;
    }

    static List<TypedParameter> blockIoTune() {
        List<TypedParameter> l = new ArrayList<>();
        for (String f : List.of("total_bytes_sec", "read_bytes_sec", "write_bytes_sec", "total_iops_sec",
                "read_iops_sec", "write_iops_sec", "total_bytes_sec_max", "read_bytes_sec_max", "write_bytes_sec_max",
                "total_iops_sec_max", "read_iops_sec_max", "write_iops_sec_max", "size_iops_sec")) {
            l.add(TypedParameter.ofULLong(f, 0));
        }
        l.add(TypedParameter.ofString("group_name", ""));
        for (String f : List.of("total_bytes_sec_max_length", "read_bytes_sec_max_length",
                "write_bytes_sec_max_length", "total_iops_sec_max_length", "read_iops_sec_max_length",
                "write_iops_sec_max_length")) {
            l.add(TypedParameter.ofULLong(f, 0));
        }
        return l;
    }
}
