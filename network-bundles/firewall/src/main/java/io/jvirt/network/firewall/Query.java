package io.jvirt.network.firewall;

import java.util.List;

/**
 * What a listing command's output leads to (libvirt's virFirewallQueryCallback): the commands
 * returned run next, at the end of the same transaction.
 */
@FunctionalInterface
public interface Query {
    List<Command> answer(Layer layer, List<String> outputLines);
}
