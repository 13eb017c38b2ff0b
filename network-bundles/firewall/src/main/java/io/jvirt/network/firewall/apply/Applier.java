package io.jvirt.network.firewall.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.network.firewall.Backend;
import io.jvirt.network.firewall.Command;
import io.jvirt.network.firewall.CommandRunner;
import io.jvirt.network.firewall.CommandText;
import io.jvirt.network.firewall.Firewall;
import io.jvirt.network.firewall.Layer;
import io.jvirt.network.firewall.Transaction;

/**
 * Applies a firewall the way libvirt's virFirewallApply does: transaction after transaction,
 * command after command (a query's answer joins the end of its transaction); a failure rolls back
 * the failed transaction (and those it inherits from) and is reported with the command line and
 * the tool's stderr. Auto-rollback records the undo of each command that succeeded.
 */
public final class Applier {
    /** One firewall application at a time in the JVM (libvirt's fwCmdLock): no interleaved rules. */
    private static final ReentrantLock LOCK = new ReentrantLock();

    private final CommandRunner runner;

    public Applier(CommandRunner runner) {
        this.runner = runner;
    }

    /** What one transaction did: the undo commands recorded so far. */
    private static final class Group {
        final Transaction tx;
        final List<Command> rollback = new ArrayList<>();

        Group(Transaction tx) {
            this.tx = tx;
            rollback.addAll(tx.rollback());
        }
    }

    public Firewall apply(Firewall fw) {
        LOCK.lock();
        try {
            List<Group> groups = new ArrayList<>();
            for (Transaction tx : fw.transactions()) {
                Group g = new Group(tx);
                groups.add(g);
                try {
                    applyGroup(fw.backend(), g);
                } catch (VirtException e) {
                    int first = groups.size() - 1;
                    while (first > 0 && groups.get(first).tx.inheritRollback()) {
                        first--;
                    }
                    for (int j = first; j < groups.size(); j++) {
                        for (Command c : groups.get(j).rollback) {
                            exec(fw.backend(), c, false, null);
                        }
                    }
                    throw e;
                }
            }
            Firewall.Builder removal = Firewall.builder(fw.backend());
            for (int i = groups.size() - 1; i >= 0; i--) {
                List<Command> rb = groups.get(i).rollback;
                if (rb.isEmpty()) {
                    continue;
                }
                removal.transaction(true, false);
                for (int r = rb.size() - 1; r >= 0; r--) {
                    removal.add(rb.get(r).layer(), rb.get(r).args());
                }
            }
            return removal.build();
        } finally {
            LOCK.unlock();
        }
    }

    private void applyGroup(Backend backend, Group g) {
        List<Command> todo = new ArrayList<>(g.tx.commands());
        for (int i = 0; i < todo.size(); i++) {
            Command c = todo.get(i);
            CommandRunner.Result r = exec(backend, c, g.tx.autoRollback(), g);
            if (r != null && c.query() != null) {
                todo.addAll(c.query().answer(c.layer(), List.of(r.stdout().split("\n", -1))));
            }
        }
    }

    /**
     * Runs one command; returns its result when it succeeded (or failed harmlessly), null when its
     * failure was ignored; throws when the failure counts. Successful creations are recorded in
     * {@code g}'s rollback when it rolls back automatically.
     */
    private CommandRunner.Result exec(Backend backend, Command c, boolean autoRollback, Group g) {
        List<String> argv = new ArrayList<>();
        Command undo = null;
        String verb = null;
        if (backend == Backend.IPTABLES) {
            argv.add(c.layer().tool());
            argv.add(c.layer() == Layer.ETHERNET ? "--concurrent" : "-w");
            List<String> undoArgs = new ArrayList<>();
            boolean creates = false;
            for (String a : c.args()) {
                boolean create = a.equals("--insert") || a.equals("-I") || a.equals("--append") || a.equals("-A");
                creates |= create;
                undoArgs.add(create ? "--delete" : a);
            }
            argv.addAll(c.args());
            if (autoRollback && creates) {
                undo = new Command(c.layer(), undoArgs, true, null);
            }
        } else {
            argv.add("nft");
            int v = 0;
            while (v < c.args().size() - 1 && c.args().get(v).startsWith("-")) {
                v++;
            }
            verb = c.args().get(v);
            boolean handleBack = autoRollback && c.args().size() > 1 && v + 1 < c.args().size()
                    && (verb.equals("insert") || verb.equals("add") || verb.equals("create"))
                    && List.of("rule", "chain", "table").contains(c.args().get(v + 1));
            if (handleBack) {
                argv.add("-ae");
            }
            argv.addAll(c.args());
            if (handleBack) {
                undo = c; // completed with the handle below
            }
        }
        CommandRunner.Result r = runner.run(argv);
        if (r.status() != 0) {
            if (backend == Backend.NFTABLES && c.args().get(0).equals("list")) {
                // nft fails to list what does not exist: that is an empty answer
                return new CommandRunner.Result(0, "", r.stderr());
            }
            if (c.ignoreErrors() || (g != null && g.tx.ignoreErrors())) {
                return null;
            }
            List<String> shown = new ArrayList<>(argv);
            shown.set(0, runner.resolve(argv.get(0)));
            String message = backend == Backend.IPTABLES
                    ? "Failed to apply firewall rules " + CommandText.line(shown) + ": " + r.stderr()
                    : "Failed to apply firewall command '" + CommandText.line(shown) + "': " + r.stderr();
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.FIREWALL, message);
        }
        if (undo != null && g != null) {
            g.rollback.add(backend == Backend.IPTABLES ? undo : nftUndo(c, r, argv));
        }
        return r;
    }

    /** {@code delete rule|chain|table FAMILY [TABLE [CHAIN]] handle N}, N from nft's echo. */
    private Command nftUndo(Command c, CommandRunner.Result r, List<String> argv) {
        int v = 0;
        while (v < c.args().size() - 1 && c.args().get(v).startsWith("-")) {
            v++;
        }
        String out = r.stdout();
        int at = out.indexOf("# handle ");
        int end = at < 0 ? -1 : at + 9;
        while (end >= 0 && end < out.length() && Character.isDigit(out.charAt(end))) {
            end++;
        }
        if (at < 0 || end == at + 9) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.FIREWALL,
                    "couldn't register rollback command - command '" + CommandText.line(argv)
                            + "' had no valid handle in output ('" + out + "')");
        }
        String object = c.args().get(v + 1);
        List<String> args = new ArrayList<>(List.of("delete", object, c.args().get(v + 2)));
        if (object.equals("rule") || object.equals("chain")) {
            args.add(c.args().get(v + 3));
        }
        if (object.equals("rule")) {
            args.add(c.args().get(v + 4));
        }
        args.add("handle");
        args.add(out.substring(at + 9, end));
        return new Command(c.layer(), args, true, null);
    }
}
