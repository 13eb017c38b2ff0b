package io.jvirt.network.nwfilter.ebiptables;

import java.util.ArrayList;
import java.util.List;

import io.jvirt.network.firewall.CommandText;

/**
 * The chain set-up every case of {@code nwfilterxml2firewalltest} shares and that program takes out
 * of the dry run before comparing (its fixtures hold only the rules): blocks of commands for
 * {@code vnet0}, each removed at its first place after where the block before was found.
 */
final class CommonRules {
    private CommonRules() {
    }

    private static List<List<List<String>>> blocks() {
        List<List<List<String>>> blocks = new ArrayList<>();
        // removing the temporary ebtables chains
        blocks.add(List.of(eb("-D", "PREROUTING", "-i", "vnet0", "-j", "libvirt-J-vnet0"),
                eb("-D", "POSTROUTING", "-o", "vnet0", "-j", "libvirt-P-vnet0"), eb("-L", "libvirt-J-vnet0"),
                eb("-L", "libvirt-P-vnet0"), eb("-F", "libvirt-J-vnet0"), eb("-X", "libvirt-J-vnet0"),
                eb("-F", "libvirt-P-vnet0"), eb("-X", "libvirt-P-vnet0")));
        // creating the temporary ebtables root chains
        blocks.add(List.of(eb("-N", "libvirt-J-vnet0"), eb("-N", "libvirt-P-vnet0")));
        for (String tool : List.of("iptables", "ip6tables")) {
            // removing the temporary iptables chains
            blocks.add(List.of(
                    ipt(tool, "-D", "libvirt-out", "-m", "physdev", "--physdev-is-bridged", "--physdev-out", "vnet0",
                            "-g", "FP-vnet0"),
                    ipt(tool, "-D", "libvirt-out", "-m", "physdev", "--physdev-out", "vnet0", "-g", "FP-vnet0"),
                    ipt(tool, "-D", "libvirt-in", "-m", "physdev", "--physdev-in", "vnet0", "-g", "FJ-vnet0"),
                    ipt(tool, "-D", "libvirt-host-in", "-m", "physdev", "--physdev-in", "vnet0", "-g", "HJ-vnet0"),
                    ipt(tool, "-F", "FP-vnet0"), ipt(tool, "-X", "FP-vnet0"), ipt(tool, "-F", "FJ-vnet0"),
                    ipt(tool, "-X", "FJ-vnet0"), ipt(tool, "-F", "HJ-vnet0"), ipt(tool, "-X", "HJ-vnet0")));
            // the global chains, the temporary root chains and their jumps
            blocks.add(List.of(ipt(tool, "-N", "libvirt-in"), ipt(tool, "-N", "libvirt-out"),
                    ipt(tool, "-N", "libvirt-in-post"), ipt(tool, "-N", "libvirt-host-in"),
                    ipt(tool, "-D", "FORWARD", "-j", "libvirt-in"), ipt(tool, "-D", "FORWARD", "-j", "libvirt-out"),
                    ipt(tool, "-D", "FORWARD", "-j", "libvirt-in-post"), ipt(tool, "-D", "INPUT", "-j", "libvirt-host-in"),
                    ipt(tool, "-I", "FORWARD", "1", "-j", "libvirt-in"), ipt(tool, "-I", "FORWARD", "2", "-j", "libvirt-out"),
                    ipt(tool, "-I", "FORWARD", "3", "-j", "libvirt-in-post"),
                    ipt(tool, "-I", "INPUT", "1", "-j", "libvirt-host-in"), ipt(tool, "-N", "FP-vnet0"),
                    ipt(tool, "-N", "FJ-vnet0"), ipt(tool, "-N", "HJ-vnet0"),
                    ipt(tool, "-A", "libvirt-out", "-m", "physdev", "--physdev-is-bridged", "--physdev-out", "vnet0",
                            "-g", "FP-vnet0"),
                    ipt(tool, "-A", "libvirt-in", "-m", "physdev", "--physdev-in", "vnet0", "-g", "FJ-vnet0"),
                    ipt(tool, "-A", "libvirt-host-in", "-m", "physdev", "--physdev-in", "vnet0", "-g", "HJ-vnet0"),
                    ipt(tool, "-D", "libvirt-in-post", "-m", "physdev", "--physdev-in", "vnet0", "-j", "ACCEPT"),
                    ipt(tool, "-A", "libvirt-in-post", "-m", "physdev", "--physdev-in", "vnet0", "-j", "ACCEPT")));
        }
        // hooking the temporary ebtables root chains
        blocks.add(List.of(eb("-A", "PREROUTING", "-i", "vnet0", "-j", "libvirt-J-vnet0"),
                eb("-A", "POSTROUTING", "-o", "vnet0", "-j", "libvirt-P-vnet0")));
        return blocks;
    }

    private static List<String> eb(String... args) {
        List<String> l = new ArrayList<>(List.of("ebtables", "--concurrent", "-t", "nat"));
        l.addAll(List.of(args));
        return l;
    }

    private static List<String> ipt(String tool, String... args) {
        List<String> l = new ArrayList<>(List.of(tool, "-w"));
        l.addAll(List.of(args));
        return l;
    }

    static String remove(String dryRun) {
        StringBuilder s = new StringBuilder(dryRun);
        int offset = 0;
        for (List<List<String>> block : blocks()) {
            String text = text(block);
            int at = s.indexOf(text, offset);
            if (at >= 0) {
                s.delete(at, at + text.length());
                offset = at;
            }
        }
        return s.toString();
    }

    private static String text(List<List<String>> commands) {
        StringBuilder sb = new StringBuilder();
        for (List<String> c : commands) {
            sb.append(CommandText.dryRun(c));
        }
        return sb.toString();
    }
}
