package io.jvirt.registry.connect;

import java.util.List;
import java.util.UUID;

import io.jvirt.api.BitFlag;
import io.jvirt.api.Connect;
import io.jvirt.api.Domain;
import io.jvirt.api.DomainCreateFlag;
import io.jvirt.api.DomainDestroyFlag;
import io.jvirt.api.DomainInfo;
import io.jvirt.api.DomainModificationFlag;
import io.jvirt.api.DomainShutdownFlag;
import io.jvirt.api.DomainStateReason;
import io.jvirt.api.DomainUndefineFlag;
import io.jvirt.api.DomainXMLFlag;
import io.jvirt.spi.DomainRef;

/**
 * A domain handle: name, UUID and the ID of the current activation, as {@code virDomainPtr}
 * caches them. The ID is refreshed by {@link #create} and cleared by {@link #destroy}, as libvirt does.
 */
final class DomainHandle implements Domain {
    private final ManagedConnection conn;
    private volatile DomainRef ref;

    DomainHandle(ManagedConnection conn, DomainRef ref) {
        this.conn = conn;
        this.ref = ref;
    }

    DomainRef ref() {
        return ref;
    }

    private static int mask(BitFlag[] flags) {
        return BitFlag.mask(List.of(flags));
    }

    @Override
    public Connect getConnect() {
        return conn;
    }

    @Override
    public String getName() {
        return ref.name();
    }

    @Override
    public UUID getUUID() {
        return ref.uuid();
    }

    @Override
    public int getID() {
        return ref.id();
    }

    @Override
    public String getOSType() {
        return conn.hv("virDomainGetOSType", d -> d.domainGetOSType(ref));
    }

    @Override
    public DomainInfo getInfo() {
        return conn.hv("virDomainGetInfo", d -> d.domainGetInfo(ref));
    }

    @Override
    public DomainStateReason getState() {
        return conn.hv("virDomainGetState", d -> d.domainGetState(ref, 0));
    }

    @Override
    public String getXMLDesc(DomainXMLFlag... flags) {
        int mask = mask(flags);
        if ((mask & DomainXMLFlag.SECURE.bit()) != 0) {
            conn.checkWritable("virDomainGetXMLDesc");
        }
        return conn.hv("virDomainGetXMLDesc", d -> d.domainGetXMLDesc(ref, mask));
    }

    @Override
    public boolean isActive() {
        return conn.hv("virDomainIsActive", d -> d.domainIsActive(ref));
    }

    @Override
    public boolean isPersistent() {
        return conn.hv("virDomainIsPersistent", d -> d.domainIsPersistent(ref));
    }

    @Override
    public void create(DomainCreateFlag... flags) {
        conn.checkWritable("virDomainCreateWithFlags");
        int mask = mask(flags);
        DomainRef started = conn.hv("virDomainCreateWithFlags", d -> d.domainCreateWithFlags(ref, mask));
        if (started != null) {
            ref = started;
        }
    }

    @Override
    public void destroy(DomainDestroyFlag... flags) {
        int mask = mask(flags);
        conn.hvMutate("virDomainDestroyFlags", d -> d.domainDestroyFlags(ref, mask));
        ref = new DomainRef(ref.name(), ref.uuid(), -1);
    }

    @Override
    public void shutdown(DomainShutdownFlag... flags) {
        int mask = mask(flags);
        conn.hvMutate("virDomainShutdownFlags", d -> d.domainShutdownFlags(ref, mask));
    }

    @Override
    public void reboot(DomainShutdownFlag... flags) {
        int mask = mask(flags);
        conn.hvMutate("virDomainReboot", d -> d.domainReboot(ref, mask));
    }

    @Override
    public void suspend() {
        conn.hvMutate("virDomainSuspend", d -> d.domainSuspend(ref));
    }

    @Override
    public void resume() {
        conn.hvMutate("virDomainResume", d -> d.domainResume(ref));
    }

    @Override
    public void undefine(DomainUndefineFlag... flags) {
        int mask = mask(flags);
        conn.hvMutate("virDomainUndefineFlags", d -> d.domainUndefineFlags(ref, mask));
    }

    @Override
    public boolean getAutostart() {
        return conn.hv("virDomainGetAutostart", d -> d.domainGetAutostart(ref));
    }

    @Override
    public void setAutostart(boolean autostart) {
        conn.hvMutate("virDomainSetAutostart", d -> d.domainSetAutostart(ref, autostart));
    }

    @Override
    public long getMaxMemory() {
        return conn.hv("virDomainGetMaxMemory", d -> d.domainGetMaxMemory(ref));
    }

    @Override
    public void setMemory(long kib, DomainModificationFlag... flags) {
        int mask = mask(flags);
        conn.hvMutate("virDomainSetMemoryFlags", d -> d.domainSetMemoryFlags(ref, kib, mask));
    }

    @Override
    public void setMaxMemory(long kib) {
        conn.hvMutate("virDomainSetMaxMemory", d -> d.domainSetMaxMemory(ref, kib));
    }

    @Override
    public void setVcpus(int count, DomainModificationFlag... flags) {
        int mask = mask(flags);
        conn.hvMutate("virDomainSetVcpusFlags", d -> d.domainSetVcpusFlags(ref, count, mask));
    }

    @Override
    public int getMaxVcpus() {
        return conn.hv("virDomainGetMaxVcpus", d -> d.domainGetMaxVcpus(ref));
    }

    @Override
    public void managedSave() {
        conn.hvMutate("virDomainManagedSave", d -> d.domainManagedSave(ref, 0));
    }

    @Override
    public boolean hasManagedSaveImage() {
        return conn.hv("virDomainHasManagedSaveImage", d -> d.domainHasManagedSaveImage(ref, 0));
    }

    @Override
    public void managedSaveRemove() {
        conn.hvMutate("virDomainManagedSaveRemove", d -> d.domainManagedSaveRemove(ref, 0));
    }

    @Override
    public void save(String path) {
        conn.hvMutate("virDomainSave", d -> d.domainSave(ref, path));
    }

    @Override
    public String toString() {
        return "Domain[" + ref.name() + ", " + ref.uuid() + ", id " + ref.id() + "]";
    }
}
