package io.jvirt.network.firewall;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.jvirt.network.firewall.apply.Applier;

/**
 * A firewall change as data: transactions of commands for one backend, applied in order
 * ({@link #apply(CommandRunner)}). What an application did can be undone with the firewall it
 * returns, which a driver keeps in its status file (as libvirt 10.x's {@code <fwRemoval>}).
 */
public record Firewall(Backend backend, List<Transaction> transactions) {
    public Firewall {
        transactions = List.copyOf(transactions);
    }

    public static Builder builder(Backend backend) {
        return new Builder(backend);
    }

    /** Whether there is no command at all. */
    public boolean isEmpty() {
        return transactions.stream().allMatch(t -> t.commands().isEmpty());
    }

    /**
     * Runs the transactions in order (libvirt's virFirewallApply; one application at a time in this
     * JVM, as libvirt holds one lock). A transaction that fails is rolled back, with the one before
     * it when it inherits, and the error is thrown: {@code VIR_ERR_INTERNAL_ERROR} of
     * {@code VIR_FROM_FIREWALL} naming the command and what it printed on stderr.
     *
     * @return the firewall that removes what was applied: the rollbacks of all transactions, the last
     *         first, each as an error-ignoring transaction
     */
    public Firewall apply(CommandRunner runner) {
        return new Applier(runner).apply(this);
    }

    /** Builds transactions command by command, as libvirt's virFirewallStartTransaction/AddCmd. */
    public static final class Builder {
        private final Backend backend;
        private final List<Transaction> done = new ArrayList<>();
        private List<Command> commands;
        private List<Command> rollback;
        private boolean ignoreErrors;
        private boolean autoRollback;
        private boolean inherit;

        private Builder(Backend backend) {
            this.backend = backend;
        }

        /** Starts a transaction; the commands added next belong to it. */
        public Builder transaction(boolean ignoreErrors, boolean autoRollback) {
            finish();
            commands = new ArrayList<>();
            rollback = new ArrayList<>();
            this.ignoreErrors = ignoreErrors;
            this.autoRollback = autoRollback;
            this.inherit = false;
            return this;
        }

        /** A failure of the current transaction rolls back the one before it too. */
        public Builder inheritRollback() {
            current();
            inherit = true;
            return this;
        }

        public Builder add(Layer layer, String... args) {
            current().add(new Command(layer, Arrays.asList(args), false, null));
            return this;
        }

        public Builder add(Layer layer, List<String> args) {
            current().add(new Command(layer, args, false, null));
            return this;
        }

        public Builder addIgnoringErrors(Layer layer, String... args) {
            current().add(new Command(layer, Arrays.asList(args), true, null));
            return this;
        }

        /** A listing command whose output {@code query} turns into more commands of this transaction. */
        public Builder query(Layer layer, Query query, String... args) {
            current().add(new Command(layer, Arrays.asList(args), false, query));
            return this;
        }

        /** An explicit rollback command of the current transaction. */
        public Builder rollback(Layer layer, String... args) {
            current();
            rollback.add(new Command(layer, Arrays.asList(args), true, null));
            return this;
        }

        private List<Command> current() {
            if (commands == null) {
                throw new IllegalStateException("start a transaction first");
            }
            return commands;
        }

        private void finish() {
            if (commands != null) {
                done.add(new Transaction(commands, rollback, ignoreErrors, autoRollback, inherit));
            }
            commands = null;
        }

        public Firewall build() {
            finish();
            return new Firewall(backend, done);
        }
    }
}
