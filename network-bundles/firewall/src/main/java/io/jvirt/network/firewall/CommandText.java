package io.jvirt.network.firewall;

import java.util.List;

/**
 * Command lines as libvirt prints them: on one line with shell quoting (its logs and error
 * messages), or broken into lines as its test programs record a dry run ({@code networkxml2firewalldata}).
 */
public final class CommandText {
    private static final String SHELL_SPECIAL = "\r\t\n !\"#$&'()*;<>?[\\]^`{|}~";

    private CommandText() {
    }

    /** One line: {@code /usr/sbin/iptables -w --table filter ... '!' ...}. */
    public static String line(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String a : argv) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(quote(a));
        }
        return sb.toString();
    }

    /**
     * The dry-run form, ending in a newline: an argument goes on a line of its own (after
     * {@code " \"}) unless it follows an option, or options came before and another one follows.
     */
    public static String dryRun(List<String> argv) {
        StringBuilder sb = new StringBuilder(quote(argv.get(0)));
        boolean hadOption = false;
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            boolean breakLine = true;
            if (!a.startsWith("-")) {
                if (hadOption) {
                    for (int j = i - 1; j < argv.size(); j++) {
                        if (argv.get(j).startsWith("-")) {
                            breakLine = false;
                            break;
                        }
                    }
                }
            } else {
                hadOption = true;
            }
            sb.append(breakLine ? " \\\n" : " ").append(quote(a));
        }
        return sb.append('\n').toString();
    }

    /** Single-quotes a word with shell metacharacters (a quote inside becomes {@code '\''}). */
    public static String quote(String s) {
        if (s.isEmpty()) {
            return "''";
        }
        boolean special = false;
        for (int i = 0; i < s.length() && !special; i++) {
            special = SHELL_SPECIAL.indexOf(s.charAt(i)) >= 0;
        }
        if (!special) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
