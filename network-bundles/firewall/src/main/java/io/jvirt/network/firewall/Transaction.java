package io.jvirt.network.firewall;

import java.util.List;

/**
 * A group of commands applied together (libvirt's virFirewallGroup). When one fails (and neither it
 * nor the transaction ignores errors) the rest is not run and the transaction's rollback runs: the
 * explicit rollback commands, and with {@code autoRollback} the undo of every command that
 * succeeded (iptables: the same rule with {@code --delete}; nft: {@code delete ... handle N} with
 * the handle nft echoed). Rollback commands never fail their transaction.
 *
 * @param inheritRollback a failure here also rolls back the transaction before (libvirt's
 *                        VIR_FIREWALL_ROLLBACK_INHERIT_PREVIOUS)
 */
public record Transaction(List<Command> commands, List<Command> rollback, boolean ignoreErrors,
        boolean autoRollback, boolean inheritRollback) {
    public Transaction {
        commands = List.copyOf(commands);
        rollback = List.copyOf(rollback);
    }
}
