package io.jvirt.network.firewall;

import java.util.ArrayList;
import java.util.List;

/**
 * A runner that runs nothing and records the command lines, answering as libvirt's
 * networkxml2firewalltest does: success, and {@code # handle 5309} on stdout to nft's {@code -ae}.
 * Listings may be given an answer (what the tables hold already).
 */
final class DryRun implements CommandRunner {
    final StringBuilder text = new StringBuilder();
    final List<List<String>> argvs = new ArrayList<>();
    private final java.util.function.Function<List<String>, String> listing;

    DryRun() {
        this(argv -> "");
    }

    DryRun(java.util.function.Function<List<String>, String> listing) {
        this.listing = listing;
    }

    @Override
    public Result run(List<String> argv) {
        text.append(CommandText.dryRun(argv));
        argvs.add(List.copyOf(argv));
        if (argv.size() > 1 && argv.get(1).equals("-ae")) {
            return new Result(0, "# handle 5309", "");
        }
        return new Result(0, listing.apply(argv), "");
    }

    String take() {
        String s = text.toString();
        text.setLength(0);
        argvs.clear();
        return s;
    }
}
