package io.jvirt.network.dnsmasq.leases;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.network.dnsmasq.Lease;

/**
 * Reads a lease status file: a JSON array of flat objects ({@code ip-address}, {@code mac-address},
 * {@code expiry-time}, ...), written by jvirt's lease helper or by libvirt's. A missing or empty file
 * has no leases; anything else that is not such an array fails as libvirt's network driver does.
 */
public final class StatusFile {
    /** libvirt's limit on a lease file. */
    private static final long MAX = 32L * 1024 * 1024;

    private final String text;
    private int pos;

    private StatusFile(String text) {
        this.text = text;
    }

    public static List<Lease> read(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX) {
                throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NETWORK,
                        "Unable to read leases file: " + file);
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NETWORK,
                    "Unable to read leases file: " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** The leases of a status file's text; {@code where} names it in errors. */
    public static List<Lease> parse(String text, String where) {
        if (text.isEmpty()) {
            return List.of();
        }
        Object v;
        try {
            StatusFile p = new StatusFile(text);
            v = p.value();
            p.space();
            if (p.pos != text.length()) {
                throw new IllegalArgumentException("trailing data");
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NETWORK, "invalid json in file: " + where);
        }
        if (!(v instanceof List<?> list)) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NETWORK, "Malformed lease_entries array");
        }
        List<Lease> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) {
                throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NETWORK, "failed to parse json");
            }
            String mac = string(m, "mac-address");
            if (mac == null) {
                throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NETWORK,
                        "found lease without mac-address");
            }
            if (!(m.get("expiry-time") instanceof Long expiry)) {
                throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NETWORK,
                        "found lease without expiry-time");
            }
            String ip = string(m, "ip-address");
            if (ip == null) {
                throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NETWORK,
                        "found lease without ip-address");
            }
            out.add(new Lease(ip, mac, string(m, "iaid"), string(m, "client-id"), string(m, "hostname"),
                    string(m, "server-duid"), expiry));
        }
        return out;
    }

    private static String string(Map<?, ?> m, String key) {
        return m.get(key) instanceof String s ? s : null;
    }

    private void space() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private Object value() {
        space();
        char c = text.charAt(pos);
        switch (c) {
            case '[' -> {
                pos++;
                List<Object> list = new ArrayList<>();
                space();
                if (text.charAt(pos) == ']') {
                    pos++;
                    return list;
                }
                while (true) {
                    list.add(value());
                    space();
                    char d = text.charAt(pos++);
                    if (d == ']') {
                        return list;
                    }
                    if (d != ',') {
                        throw new IllegalArgumentException("expected , or ]");
                    }
                }
            }
            case '{' -> {
                pos++;
                Map<String, Object> map = new LinkedHashMap<>();
                space();
                if (text.charAt(pos) == '}') {
                    pos++;
                    return map;
                }
                while (true) {
                    space();
                    if (text.charAt(pos) != '"') {
                        throw new IllegalArgumentException("expected a key");
                    }
                    String key = str();
                    space();
                    if (text.charAt(pos++) != ':') {
                        throw new IllegalArgumentException("expected :");
                    }
                    map.put(key, value());
                    space();
                    char d = text.charAt(pos++);
                    if (d == '}') {
                        return map;
                    }
                    if (d != ',') {
                        throw new IllegalArgumentException("expected , or }");
                    }
                }
            }
            case '"' -> {
                return str();
            }
            default -> {
                if (text.startsWith("true", pos) || text.startsWith("null", pos)) {
                    pos += 4;
                    return text.startsWith("true", pos - 4) ? Boolean.TRUE : null;
                }
                if (text.startsWith("false", pos)) {
                    pos += 5;
                    return Boolean.FALSE;
                }
                int start = pos;
                while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
                    pos++;
                }
                String num = text.substring(start, pos);
                try {
                    return Long.parseLong(num);
                } catch (NumberFormatException e) {
                    return Double.parseDouble(num);
                }
            }
        }
    }

    private String str() {
        pos++; // the opening quote
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> b.append(e);
            }
        }
    }
}
