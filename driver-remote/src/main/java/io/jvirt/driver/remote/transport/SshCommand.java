package io.jvirt.driver.remote.transport;

import java.util.ArrayList;
import java.util.List;

/**
 * The argv of the ssh tunnel, built the way libvirt's remote driver builds it for the system
 * {@code ssh} binary: options, then {@code -- host} and the command the remote side runs to
 * reach the daemon's socket (netcat, or virt-ssh-helper with a netcat fallback).
 */
public final class SshCommand {
    private SshCommand() {
    }

    public static List<String> argv(Target t) {
        List<String> argv = new ArrayList<>();
        argv.add(t.command() != null ? t.command() : "ssh");
        if (t.port() > 0) {
            argv.add("-p");
            argv.add(Integer.toString(t.port()));
        }
        if (t.user() != null) {
            argv.add("-l");
            argv.add(t.user());
        }
        if (t.keyfile() != null) {
            argv.add("-i");
            argv.add(t.keyfile());
        }
        argv.add("-T");
        argv.add("-e");
        argv.add("none");
        if (t.noTty()) {
            argv.add("-o");
            argv.add("BatchMode=yes");
        }
        if (t.noVerify()) {
            argv.add("-o");
            argv.add("StrictHostKeyChecking=no");
        }
        if (t.knownHosts() != null) {
            // libvirt hands known_hosts to its libssh transports only; for the ssh binary jvirt
            // passes it as the user known-hosts file, which is what the parameter means there.
            argv.add("-o");
            argv.add("UserKnownHostsFile=" + t.knownHosts());
        }
        argv.add("--");
        argv.add(t.host());
        argv.add(remoteCommand(t));
        return argv;
    }

    /**
     * What runs on the remote host. An explicit socket (or netcat path) means netcat; otherwise
     * virt-ssh-helper when the host has it, netcat on the default socket when not.
     */
    static String remoteCommand(Target t) {
        String nc = "'" + escapeTwice(t.netcat() != null ? t.netcat() : "nc") + "'";
        String netcat = "if " + nc + " -q 2>&1 | grep \"requires an argument\" >/dev/null 2>&1; then ARG=-q0;"
                + "else ARG=;fi;" + nc + " $ARG -U " + t.socket();
        if (t.explicitSocket() || t.netcat() != null) {
            return "sh -c '" + netcat + "'";
        }
        String helper = "virt-ssh-helper" + (t.readOnly() ? " -r " : " ") + "'" + escapeTwice(t.helperUri()) + "'";
        return "sh -c 'which virt-ssh-helper 1>/dev/null 2>&1; if test $? = 0; then     " + helper
                + "; else    " + netcat + "; fi'";
    }

    /**
     * A value written as {@code 'VALUE'} inside {@code sh -c '...'}: those quotes close and reopen
     * the outer quoting, so the login shell sees VALUE unquoted, and so does the inner sh. Escape
     * it for an unquoted shell word twice (backslash before every character that is not plainly
     * safe), once per shell.
     */
    static String escapeTwice(String value) {
        return escape(escape(value));
    }

    private static String escape(String value) {
        StringBuilder sb = new StringBuilder(value.length() * 2);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '/' || c == '.' || c == '-' || c == '_')) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
