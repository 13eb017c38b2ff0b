package io.jvirt.network.nwfilter;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.nwfilter.NWFilterBindingDef;
import io.jvirt.conf.nwfilter.NWFilterDef;
import io.jvirt.conf.validate.SchemaValidator;
import io.jvirt.network.nwfilter.state.Instance;
import io.jvirt.spi.HypervisorDriver;
import io.jvirt.spi.NWFilterBindingRef;
import io.jvirt.spi.NWFilterDriver;
import io.jvirt.spi.NWFilterRef;

/**
 * One connection to an nwfilter instance ({@code nwfilter:///system}, ...): libvirt's nwfilter
 * connection driver, a hypervisor connection with no hypervisor (its type is {@code nwfilter}) that
 * brings the instance's {@link NWFilterDriver}. Flags are checked as libvirt's driver functions
 * check them, in their names.
 */
final class NWFilterConnection implements HypervisorDriver, NWFilterDriver {
    /** VIR_NWFILTER_DEFINE_VALIDATE and VIR_NWFILTER_BINDING_CREATE_VALIDATE. */
    private static final int VALIDATE = 1;

    private final Instance instance;
    private final String uri;
    private final SchemaValidator schemas;

    NWFilterConnection(Instance instance, String uri, SchemaValidator schemas) {
        this.instance = instance;
        this.uri = uri;
        this.schemas = schemas;
    }

    @Override
    public String connectGetType() {
        return "nwfilter";
    }

    @Override
    public String connectGetURI() {
        return uri;
    }

    @Override
    public Optional<NWFilterDriver> nwfilterDriver() {
        return Optional.of(this);
    }

    // ---------------------------------------------------------------- filters

    private static NWFilterRef ref(NWFilterDef d) {
        return new NWFilterRef(d.name(), d.uuid());
    }

    @Override
    public List<NWFilterRef> connectListAllNWFilters(int flags) {
        checkFlags(flags, 0, "nwfilterConnectListAllNWFilters");
        return instance.filters().stream().map(NWFilterConnection::ref).toList();
    }

    @Override
    public NWFilterRef nwfilterLookupByName(String name) {
        return ref(instance.byName(name));
    }

    @Override
    public NWFilterRef nwfilterLookupByUUID(UUID uuid) {
        return ref(instance.byUuid(uuid));
    }

    @Override
    public NWFilterRef nwfilterDefineXML(String xml, int flags) {
        checkFlags(flags, VALIDATE, "nwfilterDefineXMLFlags");
        instance.requireDefine();
        if ((flags & VALIDATE) != 0) {
            schemas.validate(xml, SchemaValidator.Dialect.NWFILTER);
        }
        return ref(instance.define(NWFilterDef.parse(xml)));
    }

    @Override
    public void nwfilterUndefine(NWFilterRef filter) {
        instance.undefine(filter.uuid());
    }

    @Override
    public String nwfilterGetXMLDesc(NWFilterRef filter, int flags) {
        checkFlags(flags, 0, "nwfilterGetXMLDesc");
        return instance.byUuid(filter.uuid()).format();
    }

    // ---------------------------------------------------------------- bindings

    private static NWFilterBindingRef ref(NWFilterBindingDef b) {
        return new NWFilterBindingRef(b.portDev(), b.filter().filter());
    }

    @Override
    public NWFilterBindingRef nwfilterBindingCreateXML(String xml, int flags) {
        checkFlags(flags, VALIDATE, "nwfilterBindingCreateXML");
        instance.requireBinding();
        if ((flags & VALIDATE) != 0) {
            schemas.validate(xml, SchemaValidator.Dialect.NWFILTER_BINDING);
        }
        return ref(instance.createBinding(NWFilterBindingDef.parse(xml)));
    }

    @Override
    public NWFilterBindingRef nwfilterBindingLookupByPortDev(String portDev) {
        return ref(instance.binding(portDev));
    }

    @Override
    public List<NWFilterBindingRef> connectListAllNWFilterBindings(int flags) {
        checkFlags(flags, 0, "nwfilterConnectListAllNWFilterBindings");
        return instance.bindings().stream().map(NWFilterConnection::ref).toList();
    }

    @Override
    public String nwfilterBindingGetXMLDesc(NWFilterBindingRef binding, int flags) {
        checkFlags(flags, 0, "nwfilterBindingGetXMLDesc");
        return instance.binding(binding.portDev()).format();
    }

    @Override
    public void nwfilterBindingDelete(NWFilterBindingRef binding) {
        instance.deleteBinding(binding.portDev());
    }

    private static void checkFlags(int flags, int allowed, String function) {
        if ((flags & ~allowed) != 0) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NWFILTER,
                    "unsupported flags (0x" + Integer.toHexString(flags & ~allowed) + ") in function " + function);
        }
    }
}
