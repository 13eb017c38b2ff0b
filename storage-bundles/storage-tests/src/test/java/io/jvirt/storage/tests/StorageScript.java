package io.jvirt.storage.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jvirt.testsupport.Virsh;

/**
 * A virsh storage script run against one server, recorded as a transcript to compare with another
 * server's. Each line is a virsh command ({@code pool-start p}), a shell command to prepare or check
 * files ({@code !sh ...}, run in the server's mount namespace, so a libvirtd's mounts are seen), or a
 * comment. Words {@code $BASE}, {@code $DEV1}... are the side's own directory and devices; in the
 * transcript they read as the names, as do UUIDs and file times. A command prefixed with {@code ~}
 * has its numbers masked too (the sizes of a pool on the shared /tmp file system).
 */
final class StorageScript {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern TIME = Pattern.compile("<(atime|mtime|ctime)>[0-9.]+</(atime|mtime|ctime)>");
    private static final Pattern NUMBER = Pattern.compile("\\b[0-9]+(\\.[0-9]+)?\\b");

    /** One side: its URI, its words ({@code $BASE} and the devices) and how to enter its mount namespace. */
    record Side(String uri, Map<String, String> words, List<String> nsenter) {
    }

    private StorageScript() {
    }

    static List<String> lines(String resource) throws IOException {
        try (var in = StorageScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no script " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** Runs the script; the transcript has every command with what it printed and its exit status. */
    static String run(List<String> script, Side side) throws IOException, InterruptedException {
        StringBuilder out = new StringBuilder();
        for (String raw : script) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean maskNumbers = line.startsWith("~");
            if (maskNumbers) {
                line = line.substring(1);
            }
            String text;
            int exit;
            if (line.startsWith("!sh ")) {
                List<String> argv = new ArrayList<>(side.nsenter());
                argv.addAll(List.of("bash", "-c", expand(line.substring(4), side)));
                Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
                text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor(120, TimeUnit.SECONDS);
                exit = p.exitValue();
            } else {
                List<String> args = new ArrayList<>(List.of("-c", side.uri()));
                for (String w : words(line)) {
                    args.add(expand(w, side));
                }
                Virsh.Result r;
                try {
                    r = Virsh.exec(args);
                } catch (IllegalStateException e) {
                    r = new Virsh.Result(-1, "", "TIMEOUT: " + e.getMessage() + "\n");
                }
                text = r.out() + r.err();
                exit = r.exit();
            }
            text = mask(text, side);
            if (maskNumbers) {
                text = NUMBER.matcher(text).replaceAll("N");
            }
            out.append("$ ").append(line).append('\n').append(text);
            if (!text.isEmpty() && !text.endsWith("\n")) {
                out.append('\n');
            }
            out.append("[exit ").append(exit).append("]\n");
        }
        return out.toString();
    }

    private static String expand(String s, Side side) {
        String r = s;
        for (Map.Entry<String, String> e : sortedByLength(side.words()).entrySet()) {
            r = r.replace(e.getKey(), e.getValue());
        }
        return r;
    }

    private static String mask(String s, Side side) {
        String r = s;
        for (Map.Entry<String, String> e : sortedByLength(inverse(side.words())).entrySet()) {
            r = r.replace(e.getKey(), e.getValue());
        }
        r = UUID.matcher(r).replaceAll("UUID");
        r = TIME.matcher(r).replaceAll("<$1>TIME</$2>");
        return r;
    }

    private static Map<String, String> inverse(Map<String, String> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(v, k));
        return out;
    }

    /** Longest keys first, so $DEV10 is not replaced as $DEV1 + "0". */
    private static Map<String, String> sortedByLength(Map<String, String> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.entrySet().stream().sorted((a, b) -> b.getKey().length() - a.getKey().length())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Words as a shell splits them, with '...' and "..." quoting. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean any = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(c);
            }
        }
        if (any || cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    /** A readable difference of two transcripts: the first lines where they part. */
    static String diff(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        int i = 0;
        while (i < x.length && i < y.length && x[i].equals(y[i])) {
            i++;
        }
        int from = Math.max(0, i - 6);
        StringBuilder sb = new StringBuilder("transcripts differ at line " + (i + 1) + "\n--- libvirtd\n");
        for (int k = from; k < Math.min(x.length, i + 12); k++) {
            sb.append(k == i ? "> " : "  ").append(x[k]).append('\n');
        }
        sb.append("--- jvirtd\n");
        for (int k = from; k < Math.min(y.length, i + 12); k++) {
            sb.append(k == i ? "> " : "  ").append(y[k]).append('\n');
        }
        return sb.toString();
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    static Matcher match(Pattern p, String s) {
        return p.matcher(s);
    }
}
