package io.jvirt.network.nwfilter.ebiptables;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.jvirt.network.firewall.CommandRunner;
import io.jvirt.network.firewall.CommandText;

/**
 * Runs nothing and records the command lines as libvirt's test programs print a dry run; listings
 * are answered from {@code listing} (nothing by default, as libvirt's dry run answers).
 */
public final class DryRun implements CommandRunner {
    private final StringBuilder text = new StringBuilder();
    public final List<List<String>> argvs = new ArrayList<>();
    private final Function<List<String>, String> listing;

    public DryRun() {
        this(argv -> "");
    }

    public DryRun(Function<List<String>, String> listing) {
        this.listing = listing;
    }

    @Override
    public synchronized Result run(List<String> argv) {
        text.append(CommandText.dryRun(argv));
        argvs.add(List.copyOf(argv));
        return new Result(0, listing.apply(argv), "");
    }

    public synchronized String take() {
        String s = text.toString();
        text.setLength(0);
        argvs.clear();
        return s;
    }
}
