package io.jvirt.api;

/** {@code virConnectCredentialType}. */
public enum CredentialType {
    USERNAME(1), AUTHNAME(2), LANGUAGE(3), CNONCE(4), PASSPHRASE(5), ECHOPROMPT(6), NOECHOPROMPT(7), REALM(8),
    EXTERNAL(9);

    private final int value;

    CredentialType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
