package io.jvirt.network.nwfilter.ebiptables;

import java.util.ArrayList;
import java.util.List;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.nwfilter.Protocol;
import io.jvirt.conf.nwfilter.Rule;
import io.jvirt.conf.nwfilter.Rule.Match;
import io.jvirt.conf.nwfilter.Value;

/**
 * One iptables/ip6tables command of a layer-3/4 rule on one of an interface's temporary chains, as
 * libvirt 9.0's ebiptables driver writes it ({@code _iptablesCreateRuleInstance}):
 * {@code -A CHAIN -p PROTO [MAC] [IP HEADER] [PROTOCOL PARTS] [STATE [DIRECTION]] [IPSET] [CONNLIMIT]
 * [COMMENT] -j TARGET}. {@code directionIn} is the chain's view (traffic to the guest), which swaps
 * sources and destinations. Some rules have no command on a chain: a source MAC match on traffic to
 * the guest with nothing else, a connection limit on it, an ICMP type where the reply direction
 * would otherwise be opened ({@code maySkipICMP}).
 */
final class IptablesRule {
    private final Rule rule;
    private final Attrs at;
    private final Printer p;
    private final boolean directionIn;
    private final List<String> a = new ArrayList<>();
    private boolean skipRule;
    private boolean skipMatch;

    private IptablesRule(Rule rule, Printer p, boolean directionIn) {
        this.rule = rule;
        this.at = new Attrs(rule);
        this.p = p;
        this.directionIn = directionIn;
    }

    /**
     * The command's arguments, or null when the rule has none on this chain.
     *
     * @param match        the connection states to match ({@code NEW,ESTABLISHED}) or null
     * @param defMatch     whether {@code match} is the default one of a rule without {@code state}
     * @param acceptTarget where accepted traffic goes on this chain ({@code RETURN} or {@code ACCEPT})
     */
    static List<String> args(Rule rule, boolean directionIn, String chain, Printer p, String match, boolean defMatch,
            String acceptTarget, boolean maySkipICMP) {
        return new IptablesRule(rule, p, directionIn).build(chain, match, defMatch, acceptTarget, maySkipICMP);
    }

    private List<String> build(String chain, String match, boolean defMatch, String acceptTarget,
            boolean maySkipICMP) {
        Protocol proto = rule.protocol();
        a.addAll(List.of("-A", chain));
        boolean hasICMPType = false;
        int base;
        boolean srcMacSkipped;
        switch (proto) {
            case TCP, TCP_IPV6 -> {
                a.addAll(List.of("-p", "tcp"));
                base = a.size();
                srcMacSkipped = srcMac();
                ipHeader();
                Match flags = at.get("flags");
                if (flags != null) {
                    neg(flags);
                    a.add("--tcp-flags");
                    Value.TcpFlags f = (Value.TcpFlags) flags.value();
                    a.add(tcpFlags(f.mask()));
                    a.add(tcpFlags(f.flags()));
                }
                ports();
                Match option = at.get("option");
                if (option != null) {
                    String n = p.text(option);
                    neg(option);
                    a.addAll(List.of("--tcp-option", n));
                }
            }
            case UDP, UDP_IPV6, SCTP, SCTP_IPV6 -> {
                a.addAll(List.of("-p", proto == Protocol.UDP || proto == Protocol.UDP_IPV6 ? "udp" : "sctp"));
                base = a.size();
                srcMacSkipped = srcMac();
                ipHeader();
                ports();
            }
            case UDPLITE, UDPLITE_IPV6, ESP, ESP_IPV6, AH, AH_IPV6, IGMP, ALL, ALL_IPV6 -> {
                a.addAll(List.of("-p", name(proto)));
                base = a.size();
                srcMacSkipped = srcMac();
                ipHeader();
            }
            case ICMP, ICMPV6 -> {
                a.addAll(List.of("-p", proto == Protocol.ICMP ? "icmp" : "icmpv6"));
                base = a.size();
                srcMacSkipped = srcMac();
                ipHeader();
                Match type = at.get("type");
                if (type != null) {
                    hasICMPType = true;
                    if (maySkipICMP) {
                        return null;
                    }
                    String number = p.text(type);
                    neg(type);
                    a.add(proto == Protocol.ICMP ? "--icmp-type" : "--icmpv6-type");
                    Match code = at.get("code");
                    a.add(code == null ? number : number + "/" + p.text(code));
                }
            }
            default -> throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NWFILTER,
                    "internal error: Unexpected protocol " + (proto.ordinal() + 1));
        }
        if ((srcMacSkipped && base == a.size()) || skipRule) {
            return null;
        }
        String target;
        if (rule.action() == Rule.Action.ACCEPT) {
            target = acceptTarget;
        } else {
            target = rule.action().name();
            skipMatch = defMatch;
        }
        if (match != null && !skipMatch) {
            a.addAll(List.of("-m", "conntrack", "--ctstate", match));
        }
        if (defMatch && match != null && !skipMatch && !hasICMPType && rule.direction() != Rule.Direction.INOUT) {
            a.addAll(List.of("-m", "conntrack", "--ctdir", directionIn ? "Reply" : "Original"));
        }
        afterStateMatch();
        a.addAll(List.of("-j", target));
        return a;
    }

    private static String name(Protocol proto) {
        return switch (proto) {
            case UDPLITE, UDPLITE_IPV6 -> "udplite";
            case ESP, ESP_IPV6 -> "esp";
            case AH, AH_IPV6 -> "ah";
            case IGMP -> "igmp";
            default -> "all";
        };
    }

    private void neg(Match m) {
        if (m.negated()) {
            a.add("!");
        }
    }

    /** {@code -m mac [!] --mac-source MAC} on traffic from the guest; true when skipped on traffic to it. */
    private boolean srcMac() {
        Match m = at.get("srcmacaddr");
        if (m == null) {
            return false;
        }
        if (directionIn) {
            return true;
        }
        String mac = p.text(m);
        a.addAll(List.of("-m", "mac"));
        neg(m);
        a.addAll(List.of("--mac-source", mac));
        return false;
    }

    private void ipHeader() {
        String src = directionIn ? "--destination" : "--source";
        String dst = directionIn ? "--source" : "--destination";
        String srcRange = directionIn ? "--dst-range" : "--src-range";
        String dstRange = directionIn ? "--src-range" : "--dst-range";
        address("srcipaddr", "srcipmask", "srcipfrom", "srcipto", src, srcRange);
        address("dstipaddr", "dstipmask", "dstipfrom", "dstipto", dst, dstRange);
        Match dscp = at.get("dscp");
        if (dscp != null) {
            String n = p.text(dscp);
            a.addAll(List.of("-m", "dscp"));
            neg(dscp);
            a.addAll(List.of("--dscp", n));
        }
        if (at.has("connlimit-above")) {
            if (directionIn) {
                skipRule = true; // a limit only counts the guest's own connections
            } else {
                skipMatch = true;
            }
        }
    }

    private void address(String addr, String mask, String from, String to, String option, String rangeOption) {
        Match m = at.get(addr);
        if (m != null) {
            String ip = p.text(m);
            neg(m);
            a.add(option);
            Match k = at.get(mask);
            a.add(k == null ? ip : ip + "/" + p.text(k));
            return;
        }
        Match f = at.get(from);
        if (f != null) {
            String ip = p.text(f);
            a.addAll(List.of("-m", "iprange"));
            neg(f);
            a.add(rangeOption);
            Match t = at.get(to);
            a.add(t == null ? ip : ip + "-" + p.text(t));
        }
    }

    private void ports() {
        String sport = directionIn ? "--dport" : "--sport";
        String dport = directionIn ? "--sport" : "--dport";
        port("srcportstart", "srcportend", sport);
        port("dstportstart", "dstportend", dport);
    }

    private void port(String start, String end, String option) {
        Match m = at.get(start);
        if (m == null) {
            return;
        }
        String s = p.text(m);
        neg(m);
        a.add(option);
        Match e = at.get(end);
        a.add(e == null ? s : s + ":" + p.text(e));
    }

    /** What libvirt puts after the state match: the ipset, the connection limit, the comment. */
    private void afterStateMatch() {
        Match set = at.get("ipset");
        Match setFlags = at.get("ipsetflags");
        if (set != null && setFlags != null) {
            String name = p.text(set);
            a.addAll(List.of("-m", "set", "--match-set", name));
            a.add(p.ipsetFlags(setFlags, directionIn));
        }
        Match limit = at.get("connlimit-above");
        if (limit != null && !directionIn) {
            String n = p.text(limit);
            a.addAll(List.of("-m", "connlimit"));
            neg(limit);
            a.addAll(List.of("--connlimit-above", n));
        }
        Match comment = at.get("comment");
        if (comment != null) {
            a.addAll(List.of("-m", "comment", "--comment", p.text(comment)));
        }
    }

    /** TCP flags as iptables takes them: {@code NONE}, {@code ALL} or names joined by commas. */
    static String tcpFlags(int flags) {
        if (flags == 0) {
            return "NONE";
        }
        if (flags == 0x3F) {
            return "ALL";
        }
        String[] names = {"FIN", "SYN", "RST", "PSH", "ACK", "URG"};
        StringBuilder sb = new StringBuilder();
        for (int bit = 0; bit < names.length; bit++) {
            if ((flags & (1 << bit)) != 0) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(names[bit]);
            }
        }
        return sb.toString();
    }
}
