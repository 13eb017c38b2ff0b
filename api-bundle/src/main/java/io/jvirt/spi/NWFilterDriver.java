package io.jvirt.spi;

import java.util.List;
import java.util.UUID;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Network filters: libvirt's {@code virNWFilterDriver}. Registered as a service or returned by
 * {@link HypervisorDriver#nwfilterDriver()}.
 */
@ConsumerType
public interface NWFilterDriver {

    default List<NWFilterRef> connectListAllNWFilters(int flags) {
        throw Unsupported.api("virConnectListAllNWFilters");
    }

    default NWFilterRef nwfilterLookupByName(String name) {
        throw Unsupported.api("virNWFilterLookupByName");
    }

    default NWFilterRef nwfilterLookupByUUID(UUID uuid) {
        throw Unsupported.api("virNWFilterLookupByUUID");
    }

    default NWFilterRef nwfilterDefineXML(String xml, int flags) {
        throw Unsupported.api("virNWFilterDefineXMLFlags");
    }

    default void nwfilterUndefine(NWFilterRef filter) {
        throw Unsupported.api("virNWFilterUndefine");
    }

    default String nwfilterGetXMLDesc(NWFilterRef filter, int flags) {
        throw Unsupported.api("virNWFilterGetXMLDesc");
    }

    // --- bindings of filters to port devices (libvirt's nwfilterBinding* driver calls)

    /** {@code flags}: {@code VIR_NWFILTER_BINDING_CREATE_VALIDATE} 1. */
    default NWFilterBindingRef nwfilterBindingCreateXML(String xml, int flags) {
        throw Unsupported.api("virNWFilterBindingCreateXML");
    }

    default NWFilterBindingRef nwfilterBindingLookupByPortDev(String portDev) {
        throw Unsupported.api("virNWFilterBindingLookupByPortDev");
    }

    default List<NWFilterBindingRef> connectListAllNWFilterBindings(int flags) {
        throw Unsupported.api("virConnectListAllNWFilterBindings");
    }

    default String nwfilterBindingGetXMLDesc(NWFilterBindingRef binding, int flags) {
        throw Unsupported.api("virNWFilterBindingGetXMLDesc");
    }

    default void nwfilterBindingDelete(NWFilterBindingRef binding) {
        throw Unsupported.api("virNWFilterBindingDelete");
    }

}
