package io.jvirt.network.nwfilter.ebiptables;

import static io.jvirt.network.nwfilter.ebiptables.Chains.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.nwfilter.Protocol;
import io.jvirt.conf.nwfilter.Rule;
import io.jvirt.network.firewall.Command;
import io.jvirt.network.firewall.Firewall;
import io.jvirt.network.firewall.Layer;
import io.jvirt.network.firewall.Query;
import io.jvirt.network.nwfilter.inst.RuleInst;
import io.jvirt.network.nwfilter.vars.VarIterator;

/**
 * libvirt 9.0's ebiptables technology driver as firewalls (data for the firewall bundle to apply):
 * an interface's rules are built in temporary chains ({@link #applyNewRules}), which
 * {@link #tearOldRules} makes live by removing the old chains and renaming the temporary ones, or
 * {@link #tearNewRules} removes when something else failed; {@link #allTeardown} removes
 * everything of an interface. The basic, DHCP-only and drop-all rules are what an interface gets
 * while its IP address is being learned.
 */
public final class Ebiptables {
    private static final Layer ETH = Layer.ETHERNET;

    private Ebiptables() {
    }

    // ------------------------------------------------------------------ the rules of a filter tree

    /** The ebtables sub chain of a filter chain, for one direction (libvirt's ebtablesSubChainInst). */
    private record SubChain(int priority, boolean incoming, Proto proto, String name) {
    }

    /** The layer-2 protocols a sub chain's name can start with, and how the root chain jumps to it. */
    private enum Proto {
        IPV4("ipv4", 0x0800), IPV6("ipv6", 0x86dd), ARP("arp", 0x0806), RARP("rarp", 0x8035), MAC("mac", -1),
        VLAN("vlan", 0x8100), STP("stp", -1);

        final String prefix;
        final int ethertype;

        Proto(String prefix, int ethertype) {
            this.prefix = prefix;
            this.ethertype = ethertype;
        }

        static Proto of(String chainName) {
            for (Proto p : values()) {
                if (chainName.startsWith(p.prefix)) {
                    return p;
                }
            }
            return null;
        }
    }

    static boolean isEthernet(Rule r) {
        return r.protocol() == null || r.protocol().ordinal() <= Protocol.IPV6.ordinal();
    }

    static boolean isIPv6(Rule r) {
        return r.protocol() != null && r.protocol().ordinal() >= Protocol.TCP_IPV6.ordinal();
    }

    /**
     * The firewall that builds an interface's rules in its temporary chains (libvirt's
     * ebiptablesApplyNewRules): a first transaction removes any temporary chains left over, the
     * second creates the chains and rules (root chain rules first, then by priority; a filter
     * chain's rules never before the chain) and hooks them up, and is rolled back on failure.
     */
    public static Firewall applyNewRules(String ifname, List<RuleInst> given) {
        List<RuleInst> rules = new ArrayList<>(given);
        rules.sort(Comparator.comparing((RuleInst r) -> !r.inRootChain()).thenComparingInt(RuleInst::priority));
        Fw fw = new Fw();
        fw.transaction(true);
        ebUnlinkRoot(fw, true, ifname, true);
        ebUnlinkRoot(fw, false, ifname, true);
        ebRemoveSubChains(fw, ifname, true);
        ebRemoveRoot(fw, true, ifname, true);
        ebRemoveRoot(fw, false, ifname, true);

        fw.transaction(false);
        // a rule may not come before its chain: raise it to the chain's priority (root chain aside)
        for (int i = 0; i < rules.size(); i++) {
            RuleInst r = rules.get(i);
            if (r.chainPriority() > r.priority() && !r.inRootChain()) {
                rules.set(i, r.withPriority(r.chainPriority()));
            }
        }
        boolean haveEb = false;
        boolean haveIpt = false;
        boolean haveIp6t = false;
        for (RuleInst r : rules) {
            if (isEthernet(r.rule())) {
                haveEb = true;
            } else if (isIPv6(r.rule())) {
                haveIp6t = true;
            } else {
                haveIpt = true;
            }
        }
        Map<String, Integer> chainsIn = new LinkedHashMap<>();
        Map<String, Integer> chainsOut = new LinkedHashMap<>();
        if (haveEb) {
            for (RuleInst r : rules) {
                if (isEthernet(r.rule())) {
                    Rule.Direction d = r.rule().direction();
                    if (d == Rule.Direction.OUT || d == Rule.Direction.INOUT) {
                        chainsIn.put(r.chainSuffix(), r.chainPriority());
                    }
                    if (d == Rule.Direction.IN || d == Rule.Direction.INOUT) {
                        chainsOut.put(r.chainSuffix(), r.chainPriority());
                    }
                }
            }
            List<SubChain> subs = new ArrayList<>();
            if (!chainsIn.isEmpty()) {
                ebCreateTmpRoot(fw, true, ifname);
                subChains(chainsIn, true, subs);
            }
            if (!chainsOut.isEmpty()) {
                ebCreateTmpRoot(fw, false, ifname);
                subChains(chainsOut, false, subs);
            }
            subs.sort(Comparator.comparingInt(SubChain::priority));
            int j = 0;
            for (RuleInst r : rules) {
                if (!isEthernet(r.rule())) {
                    continue;
                }
                while (j < subs.size() && subs.get(j).priority() <= r.priority()) {
                    ebCreateTmpSubChain(fw, subs.get(j++), ifname);
                }
                ruleCommands(fw, ifname, r);
            }
            while (j < subs.size()) {
                ebCreateTmpSubChain(fw, subs.get(j++), ifname);
            }
        }
        if (haveIpt) {
            iptablesRules(fw, Layer.IPV4, ifname, rules, false);
        }
        if (haveIp6t) {
            iptablesRules(fw, Layer.IPV6, ifname, rules, true);
        }
        if (!chainsIn.isEmpty()) {
            ebLinkTmpRoot(fw, true, ifname);
        }
        if (!chainsOut.isEmpty()) {
            ebLinkTmpRoot(fw, false, ifname);
        }

        fw.startRollback();
        ebUnlinkRoot(fw, true, ifname, true);
        ebUnlinkRoot(fw, false, ifname, true);
        if (haveIp6t) {
            iptUnlinkRoots(fw, Layer.IPV6, ifname, true);
            iptRemoveRoots(fw, Layer.IPV6, ifname, true);
        }
        if (haveIpt) {
            iptUnlinkRoots(fw, Layer.IPV4, ifname, true);
            iptRemoveRoots(fw, Layer.IPV4, ifname, true);
        }
        ebRemoveSubChains(fw, ifname, true);
        ebRemoveRoot(fw, true, ifname, true);
        ebRemoveRoot(fw, false, ifname, true);
        return fw.build();
    }

    /** The filter chains of one direction that get a sub chain, sorted by priority (unknown names have none). */
    private static void subChains(Map<String, Integer> chains, boolean incoming, List<SubChain> out) {
        List<Map.Entry<String, Integer>> byPriority = new ArrayList<>(chains.entrySet());
        byPriority.sort(Map.Entry.comparingByValue());
        for (Map.Entry<String, Integer> e : byPriority) {
            Proto p = Proto.of(e.getKey());
            if (p != null) {
                out.add(new SubChain(e.getValue(), incoming, p, e.getKey()));
            }
        }
    }

    private static void iptablesRules(Fw fw, Layer layer, String ifname, List<RuleInst> rules, boolean v6) {
        iptUnlinkRoots(fw, layer, ifname, true);
        iptRemoveRoots(fw, layer, ifname, true);
        iptCreateBaseChains(fw, layer);
        fw.add(layer, "-N", ipt('F', OUT_TEMP, ifname));
        fw.add(layer, "-N", ipt('F', IN_TEMP, ifname));
        fw.add(layer, "-N", ipt('H', IN_TEMP, ifname));
        fw.add(layer, "-A", VIRT_OUT, "-m", "physdev", "--physdev-is-bridged", "--physdev-out", ifname, "-g",
                ipt('F', OUT_TEMP, ifname));
        fw.add(layer, "-A", VIRT_IN, "-m", "physdev", "--physdev-in", ifname, "-g", ipt('F', IN_TEMP, ifname));
        fw.add(layer, "-A", HOST_IN, "-m", "physdev", "--physdev-in", ifname, "-g", ipt('H', IN_TEMP, ifname));
        fw.ignoring(layer, "-D", VIRT_IN_POST, "-m", "physdev", "--physdev-in", ifname, "-j", "ACCEPT");
        fw.add(layer, "-A", VIRT_IN_POST, "-m", "physdev", "--physdev-in", ifname, "-j", "ACCEPT");
        for (RuleInst r : rules) {
            if (!isEthernet(r.rule()) && isIPv6(r.rule()) == v6) {
                ruleCommands(fw, ifname, r);
            }
        }
    }

    /** Every combination of the rule's variables gives its commands (libvirt's ebiptablesCreateRuleInstance). */
    private static void ruleCommands(Fw fw, String ifname, RuleInst ri) {
        Rule rule = ri.rule();
        VarIterator it = VarIterator.create(ri.vars(), RuleInst.accesses(rule));
        do {
            Printer p = new Printer(it);
            if (isEthernet(rule)) {
                Rule.Direction d = rule.direction();
                if (d == Rule.Direction.OUT || d == Rule.Direction.INOUT) {
                    fw.add(ETH, EbtablesRule.args(rule, IN_TEMP, ri.chainSuffix(), ifname, p,
                            d == Rule.Direction.INOUT));
                }
                if (d == Rule.Direction.IN || d == Rule.Direction.INOUT) {
                    fw.add(ETH, EbtablesRule.args(rule, OUT_TEMP, ri.chainSuffix(), ifname, p, false));
                }
            } else {
                iptablesRule(fw, isIPv6(rule) ? Layer.IPV6 : Layer.IPV4, rule, ifname, p);
            }
        } while (it.next());
    }

    /**
     * A layer-3/4 rule on the three chains (libvirt's iptablesCreateRuleInstance): from the guest
     * (FJ, accepting by RETURN), to the guest (FP, ACCEPT) and to the host (HJ, RETURN), with the
     * connection states of its direction unless {@code statematch='false'}, or the states it names.
     */
    private static void iptablesRule(Fw fw, Layer layer, Rule rule, String ifname, Printer p) {
        boolean in = rule.direction() == Rule.Direction.IN || rule.direction() == Rule.Direction.INOUT;
        boolean inout = rule.direction() == Rule.Direction.INOUT;
        String states = states(rule);
        if (rule.stateMatch() && states != null) {
            String match = states.isEmpty() ? null : states; // NONE: no state match
            if (!(in && !inout)) {
                add(fw, layer, IptablesRule.args(rule, in, ipt('F', IN_TEMP, ifname), p, match, false, "RETURN",
                        in || inout));
            }
            if (in) {
                add(fw, layer, IptablesRule.args(rule, !in, ipt('F', OUT_TEMP, ifname), p, match, false, "ACCEPT",
                        !in || inout));
            }
            if (!(in && !inout)) {
                add(fw, layer, IptablesRule.args(rule, in, ipt('H', IN_TEMP, ifname), p, match, false, "RETURN", in));
            }
            return;
        }
        boolean needState = !inout && rule.stateMatch();
        add(fw, layer, IptablesRule.args(rule, in, ipt('F', IN_TEMP, ifname), p,
                needState ? (in ? "ESTABLISHED" : "NEW,ESTABLISHED") : null, true, "RETURN", in || inout));
        add(fw, layer, IptablesRule.args(rule, !in, ipt('F', OUT_TEMP, ifname), p,
                needState ? (in ? "NEW,ESTABLISHED" : "ESTABLISHED") : null, true, "ACCEPT", !in || inout));
        add(fw, layer, IptablesRule.args(rule, in, ipt('H', IN_TEMP, ifname), p,
                needState ? (in ? "ESTABLISHED" : "NEW,ESTABLISHED") : null, true, "RETURN", in));
    }

    private static void add(Fw fw, Layer layer, List<String> args) {
        if (args != null) {
            fw.add(layer, args);
        }
    }

    /**
     * The connection states a rule names ({@code state='NEW,ESTABLISHED'}) as iptables takes them, ""
     * for {@code NONE} (no state match at all), null when it names none.
     */
    private static String states(Rule rule) {
        Rule.Match m = new Attrs(rule).get("state");
        if (m == null || !(m.value() instanceof io.jvirt.conf.nwfilter.Value.States s) || s.states().isEmpty()) {
            return null;
        }
        if (s.states().contains(io.jvirt.conf.nwfilter.Value.State.NONE)) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (io.jvirt.conf.nwfilter.Value.State st : io.jvirt.conf.nwfilter.Value.State.values()) {
            if (s.states().contains(st)) {
                sb.append(sb.length() > 0 ? "," : "").append(st.name());
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ ebtables chains

    private static void ebCreateTmpRoot(Fw fw, boolean incoming, String ifname) {
        fw.add(ETH, "-t", "nat", "-N", ebRoot(ebPrefix(incoming, true), ifname));
    }

    private static void ebLinkTmpRoot(Fw fw, boolean incoming, String ifname) {
        fw.add(ETH, "-t", "nat", "-A", incoming ? EB_INCOMING : EB_OUTGOING, incoming ? "-i" : "-o", ifname, "-j",
                ebRoot(ebPrefix(incoming, true), ifname));
    }

    private static void ebRemoveRoot(Fw fw, boolean incoming, String ifname, boolean temp) {
        String chain = ebRoot(ebPrefix(incoming, temp), ifname);
        fw.ignoring(ETH, "-t", "nat", "-F", chain);
        fw.ignoring(ETH, "-t", "nat", "-X", chain);
    }

    private static void ebUnlinkRoot(Fw fw, boolean incoming, String ifname, boolean temp) {
        fw.ignoring(ETH, "-t", "nat", "-D", incoming ? EB_INCOMING : EB_OUTGOING, incoming ? "-i" : "-o", ifname,
                "-j", ebRoot(ebPrefix(incoming, temp), ifname));
    }

    private static void ebCreateTmpSubChain(Fw fw, SubChain s, String ifname) {
        char prefix = ebPrefix(s.incoming(), true);
        String chain = ebSub(prefix, ifname, s.name());
        fw.ignoring(ETH, "-t", "nat", "-F", chain);
        fw.ignoring(ETH, "-t", "nat", "-X", chain);
        fw.add(ETH, "-t", "nat", "-N", chain);
        List<String> jump = new ArrayList<>(List.of("-t", "nat", "-A", ebRoot(prefix, ifname)));
        switch (s.proto()) {
            case MAC -> {
            }
            case STP -> jump.addAll(List.of("-d", MAC_BGA));
            default -> jump.addAll(List.of("-p", String.format("0x%04x", s.proto().ethertype)));
        }
        jump.addAll(List.of("-j", chain));
        fw.add(ETH, jump);
    }

    /** Removes the sub chains the root chains jump to, found by listing them (libvirt's ebtablesRemoveSubChainsQuery). */
    private static void ebRemoveSubChains(Fw fw, String ifname, boolean temp) {
        String prefixes = temp ? "" + IN_TEMP + OUT_TEMP : "" + IN + OUT;
        Query q = removeSubChainsQuery(prefixes);
        for (char c : prefixes.toCharArray()) {
            fw.query(ETH, q, "-t", "nat", "-L", ebRoot(c, ifname));
        }
    }

    private static Query removeSubChainsQuery(String prefixes) {
        return new Query() {
            @Override
            public List<Command> answer(Layer layer, List<String> lines) {
                List<Command> out = new ArrayList<>();
                for (String line : lines) {
                    String target = jumpTarget(line);
                    if (target == null) {
                        continue;
                    }
                    for (char c : prefixes.toCharArray()) {
                        if (target.length() > 1 && target.charAt(0) == c && target.charAt(1) == '-') {
                            out.add(new Command(layer, List.of("-t", "nat", "-L", target), false, this));
                            out.add(new Command(layer, List.of("-t", "nat", "-F", target), true, null));
                            out.add(new Command(layer, List.of("-t", "nat", "-X", target), true, null));
                        }
                    }
                }
                return out;
            }
        };
    }

    /** What follows the first {@code -j } of a listed rule, or null. */
    private static String jumpTarget(String line) {
        int at = line.indexOf("-j ");
        return at < 0 ? null : line.substring(at + 3);
    }

    /** Renames the temporary sub chains and root chains to live ones, found by listing (libvirt's ebtablesRenameTmpSubAndRootChainsFW). */
    private static void ebRenameTmpSubAndRoot(Fw fw, String ifname) {
        Query q = renameQuery();
        for (char c : new char[] {IN_TEMP, OUT_TEMP}) {
            fw.query(ETH, q, "-t", "nat", "-L", ebRoot(c, ifname));
        }
        fw.add(ETH, "-t", "nat", "-E", ebRoot(IN_TEMP, ifname), ebRoot(IN, ifname));
        fw.add(ETH, "-t", "nat", "-E", ebRoot(OUT_TEMP, ifname), ebRoot(OUT, ifname));
    }

    private static Query renameQuery() {
        return new Query() {
            @Override
            public List<Command> answer(Layer layer, List<String> lines) {
                List<Command> out = new ArrayList<>();
                for (String line : lines) {
                    String tmp = jumpTarget(line);
                    if (tmp == null || tmp.length() < 2 || (tmp.charAt(0) != IN_TEMP && tmp.charAt(0) != OUT_TEMP)
                            || tmp.charAt(1) != '-') {
                        continue;
                    }
                    String live = (tmp.charAt(0) == IN_TEMP ? IN : OUT) + tmp.substring(1);
                    out.add(new Command(layer, List.of("-t", "nat", "-L", tmp), false, this));
                    out.add(new Command(layer, List.of("-t", "nat", "-F", live), true, null));
                    out.add(new Command(layer, List.of("-t", "nat", "-X", live), true, null));
                    out.add(new Command(layer, List.of("-t", "nat", "-E", tmp, live), false, null));
                }
                return out;
            }
        };
    }

    // ------------------------------------------------------------------ iptables chains

    private static void iptCreateBaseChains(Fw fw, Layer layer) {
        fw.ignoring(layer, "-N", VIRT_IN);
        fw.ignoring(layer, "-N", VIRT_OUT);
        fw.ignoring(layer, "-N", VIRT_IN_POST);
        fw.ignoring(layer, "-N", HOST_IN);
        fw.ignoring(layer, "-D", "FORWARD", "-j", VIRT_IN);
        fw.ignoring(layer, "-D", "FORWARD", "-j", VIRT_OUT);
        fw.ignoring(layer, "-D", "FORWARD", "-j", VIRT_IN_POST);
        fw.ignoring(layer, "-D", "INPUT", "-j", HOST_IN);
        fw.add(layer, "-I", "FORWARD", "1", "-j", VIRT_IN);
        fw.add(layer, "-I", "FORWARD", "2", "-j", VIRT_OUT);
        fw.add(layer, "-I", "FORWARD", "3", "-j", VIRT_IN_POST);
        fw.add(layer, "-I", "INPUT", "1", "-j", HOST_IN);
    }

    private static void iptRemoveRoots(Fw fw, Layer layer, String ifname, boolean temp) {
        for (String chain : List.of(ipt('F', temp ? OUT_TEMP : OUT, ifname), ipt('F', temp ? IN_TEMP : IN, ifname),
                ipt('H', temp ? IN_TEMP : IN, ifname))) {
            fw.ignoring(layer, "-F", chain);
            fw.ignoring(layer, "-X", chain);
        }
    }

    private static void iptUnlinkRoots(Fw fw, Layer layer, String ifname, boolean temp) {
        String out = ipt('F', temp ? OUT_TEMP : OUT, ifname);
        fw.ignoring(layer, "-D", VIRT_OUT, "-m", "physdev", "--physdev-is-bridged", "--physdev-out", ifname, "-g", out);
        // rules of older libvirt versions lacked --physdev-is-bridged
        fw.ignoring(layer, "-D", VIRT_OUT, "-m", "physdev", "--physdev-out", ifname, "-g", out);
        fw.ignoring(layer, "-D", VIRT_IN, "-m", "physdev", "--physdev-in", ifname, "-g",
                ipt('F', temp ? IN_TEMP : IN, ifname));
        fw.ignoring(layer, "-D", HOST_IN, "-m", "physdev", "--physdev-in", ifname, "-g",
                ipt('H', temp ? IN_TEMP : IN, ifname));
    }

    private static void iptRenameTmpRoots(Fw fw, Layer layer, String ifname) {
        fw.add(layer, "-E", ipt('F', OUT_TEMP, ifname), ipt('F', OUT, ifname));
        fw.add(layer, "-E", ipt('F', IN_TEMP, ifname), ipt('F', IN, ifname));
        fw.add(layer, "-E", ipt('H', IN_TEMP, ifname), ipt('H', IN, ifname));
    }

    private static void iptClearVirtInPost(Fw fw, Layer layer, String ifname) {
        fw.ignoring(layer, "-D", VIRT_IN_POST, "-m", "physdev", "--physdev-in", ifname, "-j", "ACCEPT");
    }

    // ------------------------------------------------------------------ switching and tearing down

    /** Removes the temporary chains of an interface (libvirt's ebiptablesTearNewRules). */
    public static Firewall tearNewRules(String ifname) {
        Fw fw = new Fw();
        fw.transaction(true);
        tearNew(fw, ifname);
        return fw.build();
    }

    private static void tearNew(Fw fw, String ifname) {
        iptUnlinkRoots(fw, Layer.IPV4, ifname, true);
        iptRemoveRoots(fw, Layer.IPV4, ifname, true);
        iptUnlinkRoots(fw, Layer.IPV6, ifname, true);
        iptRemoveRoots(fw, Layer.IPV6, ifname, true);
        ebUnlinkRoot(fw, true, ifname, true);
        ebUnlinkRoot(fw, false, ifname, true);
        ebRemoveSubChains(fw, ifname, true);
        ebRemoveRoot(fw, true, ifname, true);
        ebRemoveRoot(fw, false, ifname, true);
    }

    /** Removes the live chains and renames the temporary ones to them (libvirt's ebiptablesTearOldRules). */
    public static Firewall tearOldRules(String ifname) {
        Fw fw = new Fw();
        fw.transaction(true);
        for (Layer layer : List.of(Layer.IPV4, Layer.IPV6)) {
            iptUnlinkRoots(fw, layer, ifname, false);
            iptRemoveRoots(fw, layer, ifname, false);
            iptRenameTmpRoots(fw, layer, ifname);
        }
        ebUnlinkRoot(fw, true, ifname, false);
        ebUnlinkRoot(fw, false, ifname, false);
        ebRemoveSubChains(fw, ifname, false);
        ebRemoveRoot(fw, true, ifname, false);
        ebRemoveRoot(fw, false, ifname, false);
        ebRenameTmpSubAndRoot(fw, ifname);
        return fw.build();
    }

    /** Removes every chain and hook of an interface, live and temporary (libvirt's ebiptablesAllTeardown). */
    public static Firewall allTeardown(String ifname) {
        Fw fw = new Fw();
        fw.transaction(true);
        tearNew(fw, ifname);
        for (Layer layer : List.of(Layer.IPV4, Layer.IPV6)) {
            iptUnlinkRoots(fw, layer, ifname, false);
            iptClearVirtInPost(fw, layer, ifname);
            iptRemoveRoots(fw, layer, ifname, false);
        }
        ebUnlinkRoot(fw, true, ifname, false);
        ebUnlinkRoot(fw, false, ifname, false);
        ebRemoveSubChains(fw, ifname, false);
        ebRemoveRoot(fw, true, ifname, false);
        ebRemoveRoot(fw, false, ifname, false);
        return fw.build();
    }

    // ------------------------------------------------------------------ while an address is learned

    /**
     * Only the guest's MAC address, and only IPv4 and ARP, from the guest (libvirt's
     * ebtablesApplyBasicRules; applied after {@link #allTeardown}).
     */
    public static Firewall basicRules(String ifname, String mac) {
        Fw fw = new Fw();
        fw.transaction(false);
        ebCreateTmpRoot(fw, true, ifname);
        String chain = ebRoot(IN_TEMP, ifname);
        fw.add(ETH, "-t", "nat", "-A", chain, "-s", "!", mac, "-j", "DROP");
        fw.add(ETH, "-t", "nat", "-A", chain, "-p", "IPv4", "-j", "ACCEPT");
        fw.add(ETH, "-t", "nat", "-A", chain, "-p", "ARP", "-j", "ACCEPT");
        fw.add(ETH, "-t", "nat", "-A", chain, "-j", "DROP");
        ebLinkTmpRoot(fw, true, ifname);
        fw.add(ETH, "-t", "nat", "-E", ebRoot(IN_TEMP, ifname), ebRoot(IN, ifname));
        return fw.build();
    }

    /**
     * Nothing but DHCP: requests from the guest's MAC, answers to it or to broadcast, from the given
     * servers only when there are some (libvirt's ebtablesApplyDHCPOnlyRules; after {@link #allTeardown}).
     */
    public static Firewall dhcpOnlyRules(String ifname, String mac, List<String> servers, boolean leaveTemporary) {
        Fw fw = new Fw();
        fw.transaction(false);
        ebCreateTmpRoot(fw, true, ifname);
        ebCreateTmpRoot(fw, false, ifname);
        String in = ebRoot(IN_TEMP, ifname);
        String out = ebRoot(OUT_TEMP, ifname);
        fw.add(ETH, "-t", "nat", "-A", in, "-s", mac, "-p", "ipv4", "--ip-protocol", "udp", "--ip-sport", "68",
                "--ip-dport", "67", "-j", "ACCEPT");
        fw.add(ETH, "-t", "nat", "-A", in, "-j", "DROP");
        List<String> each = servers == null || servers.isEmpty() ? java.util.Collections.singletonList(null) : servers;
        for (String server : each) {
            for (String dst : List.of(mac, "ff:ff:ff:ff:ff:ff")) {
                List<String> a = new ArrayList<>(List.of("-t", "nat", "-A", out, "-d", dst, "-p", "ipv4",
                        "--ip-protocol", "udp"));
                if (server != null) {
                    a.addAll(List.of("--ip-src", server));
                }
                a.addAll(List.of("--ip-sport", "67", "--ip-dport", "68", "-j", "ACCEPT"));
                fw.add(ETH, a);
            }
        }
        fw.add(ETH, "-t", "nat", "-A", out, "-j", "DROP");
        ebLinkTmpRoot(fw, true, ifname);
        ebLinkTmpRoot(fw, false, ifname);
        if (!leaveTemporary) {
            fw.add(ETH, "-t", "nat", "-E", ebRoot(IN_TEMP, ifname), ebRoot(IN, ifname));
            fw.add(ETH, "-t", "nat", "-E", ebRoot(OUT_TEMP, ifname), ebRoot(OUT, ifname));
        }
        return fw.build();
    }

    /** No traffic either way (libvirt's ebtablesApplyDropAllRules; after {@link #allTeardown}). */
    public static Firewall dropAllRules(String ifname) {
        Fw fw = new Fw();
        fw.transaction(false);
        ebCreateTmpRoot(fw, true, ifname);
        ebCreateTmpRoot(fw, false, ifname);
        fw.add(ETH, "-t", "nat", "-A", ebRoot(IN_TEMP, ifname), "-j", "DROP");
        fw.add(ETH, "-t", "nat", "-A", ebRoot(OUT_TEMP, ifname), "-j", "DROP");
        ebLinkTmpRoot(fw, true, ifname);
        ebLinkTmpRoot(fw, false, ifname);
        fw.add(ETH, "-t", "nat", "-E", ebRoot(IN_TEMP, ifname), ebRoot(IN, ifname));
        fw.add(ETH, "-t", "nat", "-E", ebRoot(OUT_TEMP, ifname), ebRoot(OUT, ifname));
        return fw.build();
    }

    /** Removes what the basic, DHCP-only or drop-all rules set up, live and temporary (libvirt's ebtablesCleanAll). */
    public static Firewall cleanAll(String ifname) {
        Fw fw = new Fw();
        fw.transaction(true);
        ebUnlinkRoot(fw, true, ifname, false);
        ebUnlinkRoot(fw, false, ifname, false);
        ebRemoveSubChains(fw, ifname, false);
        ebRemoveRoot(fw, true, ifname, false);
        ebRemoveRoot(fw, false, ifname, false);
        ebUnlinkRoot(fw, true, ifname, true);
        ebUnlinkRoot(fw, false, ifname, true);
        ebRemoveSubChains(fw, ifname, true);
        ebRemoveRoot(fw, true, ifname, true);
        ebRemoveRoot(fw, false, ifname, true);
        return fw.build();
    }

    static VirtException internal(String message) {
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NWFILTER, "internal error: " + message);
    }
}
