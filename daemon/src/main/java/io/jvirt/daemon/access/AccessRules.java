package io.jvirt.daemon.access;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * jvirtd's access driver: rules over libvirt's permission names ({@code domain.start},
 * {@code network.read}, ...) per identity, checked for every call against the permissions its
 * procedure needs (the {@code @acl} annotations of the protocol, in {@code permissions.txt}).
 * Configuration {@code acl.rules} of io.jvirt.daemon: rules separated by {@code ;}, each
 * {@code allow|deny IDENTITY PERM[,PERM...]}; IDENTITY is a SASL user name, {@code anonymous}
 * (a client that did not authenticate) or {@code *}; PERM may end in {@code *}
 * ({@code domain.*}, {@code *}). For each permission the first matching rule decides; none
 * matching is a denial. No rules at all is libvirt's default access driver ("none"): all allowed.
 */
public final class AccessRules {
    public static final String ANONYMOUS = "anonymous";
    private static final Map<String, List<String>> PERMISSIONS = load();

    private record Rule(boolean allow, String identity, Pattern perm) {
    }

    private final List<Rule> rules;

    private AccessRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static AccessRules allowAll() {
        return new AccessRules(List.of());
    }

    /** @throws IllegalArgumentException for a rule that is not {@code allow|deny IDENTITY PERMS} */
    public static AccessRules parse(String config) {
        List<Rule> out = new ArrayList<>();
        for (String r : config == null ? new String[0] : config.split("[;\n]")) {
            String[] w = r.trim().split("\\s+");
            if (w.length == 1 && w[0].isEmpty()) {
                continue;
            }
            String verb = w[0].toLowerCase(Locale.ROOT);
            if (w.length != 3 || !(verb.equals("allow") || verb.equals("deny"))) {
                throw new IllegalArgumentException("acl.rules: '" + r.trim() + "' is not 'allow|deny IDENTITY PERMS'");
            }
            for (String p : w[2].split(",")) {
                out.add(new Rule(verb.equals("allow"), w[1], glob(p)));
            }
        }
        return new AccessRules(out);
    }

    private static Pattern glob(String p) {
        List<String> parts = new ArrayList<>();
        for (String part : p.split("\\*", -1)) {
            parts.add(Pattern.quote(part));
        }
        return Pattern.compile(String.join(".*", parts));
    }

    /** The permissions a procedure (by its protocol name, e.g. DOMAIN_CREATE) needs. */
    public static List<String> permissions(String procedure) {
        return PERMISSIONS.getOrDefault(procedure, List.of());
    }

    /** The first permission of {@code procedure} that {@code identity} (null: anonymous) lacks, or null. */
    public String denied(String identity, String procedure) {
        if (rules.isEmpty()) {
            return null;
        }
        String who = identity == null ? ANONYMOUS : identity;
        for (String perm : permissions(procedure)) {
            if (!allowed(who, perm)) {
                return perm;
            }
        }
        return null;
    }

    private boolean allowed(String who, String perm) {
        for (Rule r : rules) {
            if ((r.identity().equals("*") || r.identity().equals(who)) && r.perm().matcher(perm).matches()) {
                return r.allow();
            }
        }
        return false;
    }

    private static Map<String, List<String>> load() {
        Map<String, List<String>> m = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                AccessRules.class.getResourceAsStream("permissions.txt"), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null;) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] w = line.trim().split(" ");
                m.put(w[0], List.of(w).subList(1, w.length));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(m);
    }
}
