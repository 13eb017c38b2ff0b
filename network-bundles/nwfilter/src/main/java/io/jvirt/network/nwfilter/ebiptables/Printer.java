package io.jvirt.network.nwfilter.ebiptables;

import java.util.List;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.nwfilter.Rule.Match;
import io.jvirt.conf.nwfilter.Value;
import io.jvirt.conf.nwfilter.Value.IpsetFlag;
import io.jvirt.network.nwfilter.vars.VarIterator;

/**
 * An attribute value as the firewall tools take it (libvirt's printDataType): a variable's current
 * value as given, numbers in decimal (or {@code 0x...} where the tool wants hexadecimal), MAC
 * addresses as {@code 01:02:...}, addresses as {@code inet_ntop} writes them, masks as prefix lengths.
 */
final class Printer {
    private final VarIterator vars;

    Printer(VarIterator vars) {
        this.vars = vars;
    }

    String text(Match m) {
        return print(m, false);
    }

    String hex(Match m) {
        return print(m, true);
    }

    private String print(Match m, boolean hex) {
        Value v = m.value();
        if (v instanceof Value.Variable var) {
            return vars.value(var);
        }
        if (v instanceof Value.Number n) {
            return hex ? "0x" + Long.toHexString(n.value()) : Long.toString(n.value());
        }
        if (v instanceof Value.MacAddress || v instanceof Value.IpAddress) {
            return v.toString();
        }
        if (v instanceof Value.Prefix p) {
            return Integer.toString(p.length());
        }
        if (v instanceof Value.Text t) {
            return t.text();
        }
        throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NWFILTER,
                "internal error: Cannot print data type " + v.getClass().getSimpleName());
    }

    /**
     * {@code ipsetflags} seen from one side: a {@code src} dimension is the packet's source for
     * traffic from the guest and its destination for traffic to it.
     */
    String ipsetFlags(Match m, boolean directionIn) {
        if (m.value() instanceof Value.Variable var) {
            return vars.value(var);
        }
        List<IpsetFlag> flags = ((Value.IpsetFlags) m.value()).flags();
        StringBuilder sb = new StringBuilder();
        for (IpsetFlag f : flags) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append((f == IpsetFlag.SRC) != directionIn ? "src" : "dst");
        }
        return sb.toString();
    }
}
