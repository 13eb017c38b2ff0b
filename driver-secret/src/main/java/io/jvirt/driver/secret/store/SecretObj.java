package io.jvirt.driver.secret.store;

import io.jvirt.conf.secret.SecretDef;

/** One secret of a store: its definition and value. Only its store touches it, under its lock. */
final class SecretObj {
    SecretDef def;
    /** The value, or null before one was set; wiped when replaced or removed. */
    byte[] value;

    SecretObj(SecretDef def) {
        this.def = def;
    }

    void replaceValue(byte[] newValue) {
        PrivateFiles.wipe(value);
        value = newValue;
    }
}
