package io.jvirt.network.firewall;

import java.util.List;

/**
 * One firewall command: the arguments after the tool ({@code --table filter --insert ...} for
 * iptables, {@code insert rule ip ...} for nft) on a layer. The runner adds the tool and its
 * locking option ({@code -w}, {@code --concurrent}) itself.
 *
 * @param ignoreErrors whether a failure of this command is no failure of its transaction
 * @param query        what to do with the command's output (more commands), or null
 */
public record Command(Layer layer, List<String> args, boolean ignoreErrors, Query query) {
    public Command {
        args = List.copyOf(args);
        if (args.isEmpty()) {
            throw new IllegalArgumentException("a firewall command needs arguments");
        }
    }

    public static Command of(Layer layer, String... args) {
        return new Command(layer, List.of(args), false, null);
    }
}
