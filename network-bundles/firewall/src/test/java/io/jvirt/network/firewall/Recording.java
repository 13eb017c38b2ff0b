package io.jvirt.network.firewall;

import java.util.ArrayList;
import java.util.List;

/** A runner that runs commands with another and remembers each command line as libvirt logs it. */
final class Recording implements CommandRunner {
    private final CommandRunner real;
    final List<String> lines = new ArrayList<>();
    final StringBuilder dryRun = new StringBuilder();

    Recording(CommandRunner real) {
        this.real = real;
    }

    @Override
    public Result run(List<String> argv) {
        List<String> shown = new ArrayList<>(argv);
        shown.set(0, real.resolve(argv.get(0)));
        lines.add(CommandText.line(shown));
        dryRun.append(CommandText.dryRun(argv));
        return real.run(argv);
    }

    @Override
    public String resolve(String tool) {
        return real.resolve(tool);
    }

    List<String> take() {
        List<String> l = List.copyOf(lines);
        lines.clear();
        dryRun.setLength(0);
        return l;
    }
}
