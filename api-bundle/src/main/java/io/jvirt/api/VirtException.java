package io.jvirt.api;

import java.util.Objects;

/**
 * An error as libvirt reports it: code, domain, level, message and the extra fields
 * {@code str1..3} / {@code int1..2} of {@code virError}, so that it crosses the RPC wire unchanged.
 * <p>
 * As in libvirt, {@code int1}/{@code int2} are -1 unless an error sets them.
 * <p>
 * Unchecked, so that driver code and lambdas stay readable; every API method documents that it
 * throws it, as every libvirt call can fail.
 */
public class VirtException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final ErrorDomain domain;
    private final ErrorLevel level;
    private final String str1;
    private final String str2;
    private final String str3;
    private final int int1;
    private final int int2;

    public VirtException(ErrorCode code, ErrorDomain domain, String message) {
        this(code, domain, ErrorLevel.ERROR, message, null, null, null, -1, -1, null);
    }

    public VirtException(ErrorCode code, ErrorDomain domain, String message, Throwable cause) {
        this(code, domain, ErrorLevel.ERROR, message, null, null, null, -1, -1, cause);
    }

    public VirtException(ErrorCode code, ErrorDomain domain, ErrorLevel level, String message,
            String str1, String str2, String str3, int int1, int int2, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.level = Objects.requireNonNull(level, "level");
        this.str1 = str1;
        this.str2 = str2;
        this.str3 = str3;
        this.int1 = int1;
        this.int2 = int2;
    }

    public ErrorCode code() {
        return code;
    }

    public ErrorDomain domain() {
        return domain;
    }

    public ErrorLevel level() {
        return level;
    }

    public String str1() {
        return str1;
    }

    public String str2() {
        return str2;
    }

    public String str3() {
        return str3;
    }

    public int int1() {
        return int1;
    }

    public int int2() {
        return int2;
    }

    @Override
    public String toString() {
        return "VirtException[" + code + "(" + code.value() + "), " + domain + "(" + domain.value() + ")]: "
                + getMessage();
    }
}
