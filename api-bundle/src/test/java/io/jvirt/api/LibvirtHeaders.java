package io.jvirt.api;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code typedef enum { ... } name;} blocks of libvirt's public C headers at test time,
 * so that the Java enums are checked against the real header rather than against a copy.
 * <p>
 * The headers come from Debian's {@code libvirt-dev} in {@code /usr/include/libvirt} (another
 * directory can be given with {@code -Djvirt.libvirt.include=DIR}). Enumerators inside
 * {@code #ifdef VIR_ENUM_SENTINELS} are reported as sentinels, not as values.
 */
final class LibvirtHeaders {
    static final String INCLUDE_DIR = System.getProperty("jvirt.libvirt.include", "/usr/include/libvirt");
    static final String INSTALL_HINT = "install libvirt-dev (apt-get install libvirt-dev)";

    /** The values of one C enum, in header order, and its sentinel enumerators. */
    record CEnum(String typedef, Map<String, Long> values, Set<String> sentinels) {
    }

    private static final Pattern TYPEDEF_ENUM = Pattern.compile(
            "typedef\\s+enum\\s*(?:\\w+\\s*)?\\{([^{}]*)\\}\\s*(\\w+)\\s*;", Pattern.DOTALL);
    private static final Pattern ENUMERATOR = Pattern.compile("\\s*([A-Za-z_]\\w*)\\s*(?:=\\s*(.+?))?\\s*",
            Pattern.DOTALL);
    private static final String SENTINEL_MARK = "@@SENTINEL@@";

    private static final Map<String, LibvirtHeaders> CACHE = new HashMap<>();

    private final Path file;
    private final Map<String, CEnum> enums = new LinkedHashMap<>();
    private final Map<String, String> unreadable = new HashMap<>();
    private final Map<String, Long> constants = new HashMap<>();

    private LibvirtHeaders(Path file) {
        this.file = file;
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file + ": " + e, e);
        }
        Matcher m = TYPEDEF_ENUM.matcher(preprocess(text));
        while (m.find()) {
            try {
                enums.put(m.group(2), evaluate(m.group(2), m.group(1)));
            } catch (AssertionError e) {
                unreadable.put(m.group(2), e.getMessage()); // fails only a test that asks for this enum
            }
        }
    }

    /** The parsed header {@code name} (e.g. {@code virterror.h}); fails the test if it is missing. */
    static synchronized LibvirtHeaders header(String name) {
        Path file = Path.of(INCLUDE_DIR, name);
        if (!Files.isRegularFile(file)) {
            fail("libvirt's C header " + file + " is missing: " + INSTALL_HINT);
        }
        return CACHE.computeIfAbsent(name, n -> new LibvirtHeaders(file));
    }

    /** The value of {@code LIBVIR_VERSION_NUMBER} (major * 1,000,000 + minor * 1,000 + micro). */
    static long versionNumber() {
        Path file = Path.of(INCLUDE_DIR, "libvirt-common.h");
        if (!Files.isRegularFile(file)) {
            fail("libvirt's C header " + file + " is missing: " + INSTALL_HINT);
        }
        try {
            Matcher m = Pattern.compile("#\\s*define\\s+LIBVIR_VERSION_NUMBER\\s+(\\d+)")
                    .matcher(Files.readString(file, StandardCharsets.UTF_8));
            if (!m.find()) {
                fail(file + " defines no LIBVIR_VERSION_NUMBER");
            }
            return Long.parseLong(m.group(1));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file + ": " + e, e);
        }
    }

    /** The C enum {@code typedef}; fails the test if the header has none. */
    CEnum cEnum(String typedef) {
        CEnum e = enums.get(typedef);
        if (unreadable.containsKey(typedef)) {
            fail(unreadable.get(typedef));
        }
        if (e == null) {
            fail(file + " has no 'typedef enum { ... } " + typedef + ";' (enums found: " + enums.keySet() + ")");
        }
        return e;
    }

    /** Strips comments and preprocessor lines, marking enumerators under {@code #ifdef VIR_ENUM_SENTINELS}. */
    private static String preprocess(String text) {
        StringBuilder noComments = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    break;
                }
                for (int j = i; j < end + 2; j++) {
                    if (text.charAt(j) == '\n') {
                        noComments.append('\n'); // keep line structure for the preprocessor lines
                    }
                }
                noComments.append(' ');
                i = end + 1;
            } else if (text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                i = (end < 0 ? text.length() : end) - 1;
            } else {
                noComments.append(text.charAt(i));
            }
        }
        StringBuilder out = new StringBuilder(noComments.length());
        int depth = 0;
        int sentinelDepth = -1;
        boolean continued = false;
        for (String line : noComments.toString().split("\n", -1)) {
            String t = line.strip();
            if (continued || t.startsWith("#")) {
                continued = t.endsWith("\\");
                String directive = t.startsWith("#") ? t.substring(1).strip() : "";
                if (directive.startsWith("if")) {
                    depth++;
                    if (directive.matches("ifdef\\s+VIR_ENUM_SENTINELS\\b.*") && sentinelDepth < 0) {
                        sentinelDepth = depth;
                    }
                } else if (directive.startsWith("endif")) {
                    if (depth == sentinelDepth) {
                        sentinelDepth = -1;
                    }
                    depth--;
                }
                out.append('\n');
                continue;
            }
            if (sentinelDepth > 0) {
                out.append(line.replaceAll("\\b([A-Za-z_]\\w*)\\b", SENTINEL_MARK + "$1"));
            } else {
                out.append(line);
            }
            out.append('\n');
        }
        return out.toString();
    }

    private CEnum evaluate(String typedef, String body) {
        Map<String, Long> values = new LinkedHashMap<>();
        Set<String> sentinels = new HashSet<>();
        long next = 0;
        for (String item : body.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            Matcher m = ENUMERATOR.matcher(item.replace(SENTINEL_MARK, ""));
            if (!m.matches()) {
                fail("cannot read enumerator '" + item.strip() + "' of " + typedef + " in " + file);
            }
            String name = m.group(1);
            long value = m.group(2) == null ? next : new Expr(m.group(2), typedef).parse();
            if (item.contains(SENTINEL_MARK)) {
                sentinels.add(name);
            } else {
                values.put(name, value);
            }
            constants.put(name, value);
            next = value + 1;
        }
        return new CEnum(typedef, values, sentinels);
    }

    /** Integer constant expressions of enum initialisers: literals, names, ( ), unary - ~, << >>, &, ^, |. */
    private final class Expr {
        private final String s;
        private final String typedef;
        private int pos;

        Expr(String s, String typedef) {
            this.s = s.strip();
            this.typedef = typedef;
        }

        long parse() {
            long v = or();
            skip();
            if (pos != s.length()) {
                throw error();
            }
            return v;
        }

        private long or() {
            long v = xor();
            while (peek('|')) {
                pos++;
                v |= xor();
            }
            return v;
        }

        private long xor() {
            long v = and();
            while (peek('^')) {
                pos++;
                v ^= and();
            }
            return v;
        }

        private long and() {
            long v = shift();
            while (peek('&')) {
                pos++;
                v &= shift();
            }
            return v;
        }

        private long shift() {
            long v = unary();
            while (true) {
                skip();
                if (s.startsWith("<<", pos)) {
                    pos += 2;
                    v <<= unary();
                } else if (s.startsWith(">>", pos)) {
                    pos += 2;
                    v >>= unary();
                } else {
                    return v;
                }
            }
        }

        private long unary() {
            skip();
            if (peek('-')) {
                pos++;
                return -unary();
            }
            if (peek('~')) {
                pos++;
                return ~unary();
            }
            if (peek('(')) {
                pos++;
                long v = or();
                if (!peek(')')) {
                    throw error();
                }
                pos++;
                return v;
            }
            int start = pos;
            if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                while (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) {
                    pos++;
                }
                String lit = s.substring(start, pos).replaceAll("[uUlL]+$", "");
                return lit.startsWith("0x") || lit.startsWith("0X") ? Long.parseLong(lit.substring(2), 16)
                        : lit.length() > 1 && lit.startsWith("0") ? Long.parseLong(lit, 8) : Long.parseLong(lit);
            }
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
            String name = s.substring(start, pos);
            Long v = constants.get(name);
            if (name.isEmpty() || v == null) {
                throw error();
            }
            return v;
        }

        private boolean peek(char c) {
            skip();
            return pos < s.length() && s.charAt(pos) == c;
        }

        private void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private AssertionError error() {
            return new AssertionError("cannot evaluate '" + s + "' (at offset " + pos + ") in " + typedef + " of "
                    + file);
        }
    }
}
