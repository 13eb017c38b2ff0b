package io.jvirt.network.nwfilter.ebiptables;

import java.util.ArrayList;
import java.util.List;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.nwfilter.NWFilterDef;
import io.jvirt.conf.nwfilter.Protocol;
import io.jvirt.conf.nwfilter.Rule;
import io.jvirt.conf.nwfilter.Rule.Match;
import io.jvirt.conf.nwfilter.Value;

/**
 * One ebtables command of a layer-2 rule (mac, vlan, stp, arp, rarp, ip, ipv6 or no protocol) on
 * one of an interface's temporary chains, as libvirt 9.0's ebiptables driver writes it:
 * {@code -t nat -A CHAIN MATCHES -j TARGET}. {@code reverse} swaps source and destination (the
 * chain to the guest of an {@code inout} rule); {@code reject} becomes DROP, which is all ebtables
 * can do.
 */
final class EbtablesRule {
    private final Rule rule;
    private final Attrs at;
    private final Printer p;
    private final boolean reverse;
    private final List<String> a = new ArrayList<>();

    private EbtablesRule(Rule rule, Printer p, boolean reverse) {
        this.rule = rule;
        this.at = new Attrs(rule);
        this.p = p;
        this.reverse = reverse;
    }

    static List<String> args(Rule rule, char prefix, String chainSuffix, String ifname, Printer p, boolean reverse) {
        String chain = chainSuffix.equals(NWFilterDef.ROOT_CHAIN) ? Chains.ebRoot(prefix, ifname)
                : Chains.ebSub(prefix, ifname, chainSuffix);
        return new EbtablesRule(rule, p, reverse).build(chain);
    }

    private List<String> build(String chain) {
        Protocol proto = rule.protocol();
        if (proto == Protocol.STP && reverse && at.has("srcmacaddr")) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NWFILTER, "internal error: STP filtering in "
                    + "inout direction with source MAC address set is not supported");
        }
        a.addAll(List.of("-t", "nat", "-A", chain));
        if (proto == null) {
            return target();
        }
        switch (proto) {
            case MAC -> {
                ethHeader();
                Match id = at.get("protocolid");
                if (id != null) {
                    a.add("-p");
                    neg(id);
                    a.add(p.hex(id));
                }
            }
            case VLAN -> {
                ethHeader();
                a.addAll(List.of("-p", "0x8100"));
                item("vlanid", "--vlan-id");
                item("encap-protocol", "--vlan-encap");
            }
            case STP -> {
                ethHeader();
                a.addAll(List.of("-d", Chains.MAC_BGA));
                item("type", "--stp-type");
                item("flags", "--stp-flags");
                pair("root-priority", "root-priority-hi", "--stp-root-pri", ":");
                pair("root-address", "root-address-mask", "--stp-root-addr", "/");
                pair("root-cost", "root-cost-hi", "--stp-root-cost", ":");
                pair("sender-priority", "sender-priority-hi", "--stp-sender-prio", ":");
                pair("sender-address", "sender-address-mask", "--stp-sender-addr", "/");
                pair("port", "port-hi", "--stp-port", ":");
                pair("age", "age-hi", "--stp-msg-age", ":");
                pair("max-age", "max-age-hi", "--stp-max-age", ":");
                pair("hello-time", "hello-time-hi", "--stp-hello-time", ":");
                pair("forward-delay", "forward-delay-hi", "--stp-forward-delay", ":");
            }
            case ARP, RARP -> arp(proto == Protocol.ARP ? "0x806" : "0x8035");
            case IP -> ip("ipv4", "--ip-source", "--ip-destination", "--ip-protocol", "--ip-source-port",
                    "--ip-destination-port");
            case IPV6 -> {
                ip("ipv6", "--ip6-source", "--ip6-destination", "--ip6-protocol", "--ip6-source-port",
                        "--ip6-destination-port");
                icmpv6();
            }
            default -> throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NWFILTER,
                    "internal error: Unexpected rule protocol " + (proto.ordinal() + 1));
        }
        return target();
    }

    private List<String> target() {
        Rule.Action act = rule.action() == Rule.Action.REJECT ? Rule.Action.DROP : rule.action();
        a.addAll(List.of("-j", act.name()));
        return a;
    }

    private void neg(Match m) {
        if (m.negated()) {
            a.add("!");
        }
    }

    /** {@code -s [!] MAC[/MASK]} and {@code -d ...}, swapped when reversed. */
    private void ethHeader() {
        mac("srcmacaddr", "srcmacmask", reverse ? "-d" : "-s");
        mac("dstmacaddr", "dstmacmask", reverse ? "-s" : "-d");
    }

    private void mac(String addr, String mask, String option) {
        Match m = at.get(addr);
        if (m == null) {
            return;
        }
        String value = p.text(m);
        a.add(option);
        neg(m);
        Match k = at.get(mask);
        a.add(k == null ? value : value + "/" + p.text(k));
    }

    /** {@code OPTION [!] VALUE}. */
    private void item(String attr, String option) {
        Match m = at.get(attr);
        if (m != null) {
            String value = p.text(m);
            a.add(option);
            neg(m);
            a.add(value);
        }
    }

    /** {@code OPTION [!] LOW[SEP HIGH]}: a range or an address with its mask. */
    private void pair(String attr, String second, String option, String sep) {
        Match m = at.get(attr);
        if (m == null) {
            return;
        }
        String value = p.text(m);
        a.add(option);
        neg(m);
        Match hi = at.get(second);
        a.add(hi == null ? value : value + sep + p.text(hi));
    }

    private void arp(String ethertype) {
        ethHeader();
        a.addAll(List.of("-p", ethertype));
        item("hwtype", "--arp-htype");
        item("opcode", "--arp-opcode");
        Match ptype = at.get("protocoltype");
        if (ptype != null) {
            String value = p.hex(ptype);
            a.add("--arp-ptype");
            neg(ptype);
            a.add(value);
        }
        // libvirt keeps a source mask for the destination when that has none (its hasMask stays set)
        String mask = null;
        Match src = at.get("arpsrcipaddr");
        if (src != null) {
            String addr = p.text(src);
            Match m = at.get("arpsrcipmask");
            if (m != null) {
                mask = p.text(m);
            }
            a.add(reverse ? "--arp-ip-dst" : "--arp-ip-src");
            neg(src);
            a.add(addr + "/" + (mask != null ? mask : "32"));
        }
        Match dst = at.get("arpdstipaddr");
        if (dst != null) {
            String addr = p.text(dst);
            Match m = at.get("arpdstipmask");
            if (m != null) {
                mask = p.text(m);
            }
            a.add(reverse ? "--arp-ip-src" : "--arp-ip-dst");
            neg(dst);
            a.add(addr + "/" + (mask != null ? mask : "32"));
        }
        item("arpsrcmacaddr", reverse ? "--arp-mac-dst" : "--arp-mac-src");
        item("arpdstmacaddr", reverse ? "--arp-mac-src" : "--arp-mac-dst");
        Match g = at.get("gratuitous");
        if (g != null && g.value() instanceof Value.Flag f && f.value()) {
            neg(g);
            a.add("--arp-gratuitous");
        }
    }

    private void ip(String proto, String srcOpt, String dstOpt, String protoOpt, String sportOpt, String dportOpt) {
        ethHeader();
        a.addAll(List.of("-p", proto));
        pair("srcipaddr", "srcipmask", reverse ? dstOpt : srcOpt, "/");
        pair("dstipaddr", "dstipmask", reverse ? srcOpt : dstOpt, "/");
        item("protocol", protoOpt);
        pair("srcportstart", "srcportend", reverse ? dportOpt : sportOpt, ":");
        pair("dstportstart", "dstportend", reverse ? sportOpt : dportOpt, ":");
        if (proto.equals("ipv4")) {
            Match dscp = at.get("dscp");
            if (dscp != null) {
                String value = p.hex(dscp);
                a.add("--ip-tos");
                neg(dscp);
                a.add(value);
            }
        }
    }

    /** {@code --ip6-icmp-type [!] TYPE:TYPEEND/CODE:CODEEND}, open ends as 0 and 255 (one end given: both). */
    private void icmpv6() {
        Match type = at.get("type");
        Match typeEnd = at.get("typeend");
        Match code = at.get("code");
        Match codeEnd = at.get("codeend");
        if (type == null && typeEnd == null && code == null && codeEnd == null) {
            return;
        }
        a.add("--ip6-icmp-type");
        String r = range(type, typeEnd) + "/" + range(code, codeEnd);
        if (type != null) {
            neg(type);
        }
        a.add(r);
    }

    private String range(Match lo, Match hi) {
        String low = lo != null ? p.text(lo) : "0";
        String high = hi != null ? p.text(hi) : lo != null ? low : "255";
        return low + ":" + high;
    }
}
