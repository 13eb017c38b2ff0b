package io.jvirt.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A domain (VM or container), named by name, UUID and, while active, an ID. Every method may
 * throw {@link VirtException} with libvirt's error numbers.
 */
@ProviderType
public interface Domain extends NamedObject {
    /** The ID of this activation, or -1 when inactive (as libvirt). */
    int getID();

    String getOSType();

    DomainInfo getInfo();

    DomainStateReason getState();

    String getXMLDesc(DomainXMLFlag... flags);

    boolean isActive();

    boolean isPersistent();

    /** Starts a defined domain; on success {@link #getID()} returns the new ID. */
    void create(DomainCreateFlag... flags);

    void destroy(DomainDestroyFlag... flags);

    void shutdown(DomainShutdownFlag... flags);

    void reboot(DomainShutdownFlag... flags);

    void suspend();

    void resume();

    void undefine(DomainUndefineFlag... flags);

    boolean getAutostart();

    void setAutostart(boolean autostart);

    /** Maximum memory in KiB. */
    long getMaxMemory();

    void setMemory(long kib, DomainModificationFlag... flags);

    void setMaxMemory(long kib);

    void setVcpus(int count, DomainModificationFlag... flags);

    int getMaxVcpus();

    void managedSave();

    boolean hasManagedSaveImage();

    void managedSaveRemove();

    void save(String path);
}
