package io.jvirt.shell.virsh;

import static io.jvirt.shell.virsh.Opt.arg;
import static io.jvirt.shell.virsh.Opt.flag;
import static io.jvirt.shell.virsh.Opt.value;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import io.jvirt.api.Connect;
import io.jvirt.api.Domain;
import io.jvirt.api.DomainCreateFlag;
import io.jvirt.api.DomainDefineFlag;
import io.jvirt.api.DomainDestroyFlag;
import io.jvirt.api.DomainInfo;
import io.jvirt.api.DomainShutdownFlag;
import io.jvirt.api.DomainUndefineFlag;
import io.jvirt.api.DomainXMLFlag;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ListAllDomainsFlag;
import io.jvirt.api.SecurityLabel;
import io.jvirt.api.SecurityModel;
import io.jvirt.api.VirtException;

/** virsh's domain commands: list, dominfo, dumpxml, define, undefine and the lifecycle verbs. */
final class DomainCommands {
    private DomainCommands() {
    }

    private static final Opt DOMAIN = arg("domain", true, "domain name, id or uuid").completing(Names.domains());

    /** The domain option of a command that only applies to domains listed with {@code flag}, as virsh completes it. */
    private static Opt domain(ListAllDomainsFlag flag) {
        return arg("domain", true, "domain name, id or uuid").completing(Names.domains(flag));
    }

    static List<CommandDef> all() {
        return List.of(
                new CommandDef("list", "list domains", List.of(flag("inactive", "list inactive domains"),
                        flag("all", "list inactive & active domains"), flag("transient", "list transient domains"),
                        flag("persistent", "list persistent domains"),
                        flag("with-snapshot", "list domains with existing snapshot"),
                        flag("without-snapshot", "list domains without a snapshot"),
                        flag("with-checkpoint", "list domains with existing checkpoint"),
                        flag("without-checkpoint", "list domains without a checkpoint"),
                        flag("state-running", "list domains in running state"),
                        flag("state-paused", "list domains in paused state"),
                        flag("state-shutoff", "list domains in shutoff state"),
                        flag("state-other", "list domains in other states"),
                        flag("autostart", "list domains with autostart enabled"),
                        flag("no-autostart", "list domains with autostart disabled"),
                        flag("with-managed-save", "list domains with managed save state"),
                        flag("without-managed-save", "list domains without managed save"),
                        flag("uuid", "list uuid's only"), flag("name", "list domain names only"),
                        flag("table", "list table (default)")), DomainCommands::list),
                new CommandDef("dominfo", "domain information", List.of(DOMAIN), DomainCommands::dominfo),
                new CommandDef("dumpxml", "domain information in XML", List.of(DOMAIN,
                        flag("inactive", "show inactive defined XML"),
                        flag("security-info", "include security sensitive information in XML dump"),
                        flag("update-cpu", "update guest CPU according to host CPU"),
                        flag("migratable", "provide XML suitable for migrations")), DomainCommands::dumpxml),
                new CommandDef("define", "define (but don't start) a domain from an XML file",
                        List.of(arg("file", true, "file containing an XML domain description"),
                                flag("validate", "validate the XML against the schema")),
                        DomainCommands::define),
                new CommandDef("undefine", "undefine a domain", List.of(domain(ListAllDomainsFlag.PERSISTENT),
                        flag("managed-save", "remove domain managed state file"),
                        flag("snapshots-metadata", "remove all domain snapshot metadata (vm must be inactive)"),
                        flag("checkpoints-metadata", "remove all domain checkpoint metadata (vm must be inactive)"),
                        flag("nvram", "remove nvram file"), flag("keep-nvram", "keep nvram file"),
                        flag("tpm", "remove TPM state"), flag("keep-tpm", "keep TPM state")),
                        DomainCommands::undefine),
                new CommandDef("start", "start a (previously defined) inactive domain", List.of(
                        arg("domain", true, "name of the inactive domain").completing(Names.domains(ListAllDomainsFlag.INACTIVE)),
                        flag("paused", "leave the guest paused after creation"),
                        flag("autodestroy", "automatically destroy the guest when virsh disconnects"),
                        flag("bypass-cache", "avoid file system cache when loading"),
                        flag("force-boot", "force fresh boot by discarding any managed save"),
                        flag("reset-nvram", "re-initialize NVRAM from its pristine template")),
                        DomainCommands::start),
                new CommandDef("shutdown", "gracefully shutdown a domain", List.of(domain(ListAllDomainsFlag.ACTIVE),
                        value("mode", "shutdown mode: acpi|agent|initctl|signal|paravirt")
                                .completing(Names.words("acpi", "agent", "initctl", "signal", "paravirt"))),
                        DomainCommands::shutdown),
                new CommandDef("destroy", "destroy (stop) a domain", List.of(domain(ListAllDomainsFlag.ACTIVE),
                        flag("graceful", "terminate gracefully"), flag("remove-logs", "remove domain logs")),
                        DomainCommands::destroy),
                new CommandDef("suspend", "suspend a domain", List.of(domain(ListAllDomainsFlag.RUNNING)),
                        (call, a) -> verb(call, a, "suspend", "suspended", Domain::suspend)),
                new CommandDef("resume", "resume a domain", List.of(domain(ListAllDomainsFlag.PAUSED)),
                        (call, a) -> verb(call, a, "resume", "resumed", Domain::resume)));
    }

    private static void list(Invocation call, Args a) {
        exclusive(a, "table", "name");
        exclusive(a, "table", "uuid");
        List<ListAllDomainsFlag> flags = new ArrayList<>();
        if (!a.flag("all")) {
            flags.add(a.flag("inactive") ? ListAllDomainsFlag.INACTIVE : ListAllDomainsFlag.ACTIVE);
        }
        when(a, "persistent", flags, ListAllDomainsFlag.PERSISTENT);
        when(a, "transient", flags, ListAllDomainsFlag.TRANSIENT);
        when(a, "with-snapshot", flags, ListAllDomainsFlag.HAS_SNAPSHOT);
        when(a, "without-snapshot", flags, ListAllDomainsFlag.NO_SNAPSHOT);
        when(a, "with-checkpoint", flags, ListAllDomainsFlag.HAS_CHECKPOINT);
        when(a, "without-checkpoint", flags, ListAllDomainsFlag.NO_CHECKPOINT);
        when(a, "state-running", flags, ListAllDomainsFlag.RUNNING);
        when(a, "state-paused", flags, ListAllDomainsFlag.PAUSED);
        when(a, "state-shutoff", flags, ListAllDomainsFlag.SHUTOFF);
        when(a, "state-other", flags, ListAllDomainsFlag.OTHER);
        when(a, "autostart", flags, ListAllDomainsFlag.AUTOSTART);
        when(a, "no-autostart", flags, ListAllDomainsFlag.NO_AUTOSTART);
        when(a, "with-managed-save", flags, ListAllDomainsFlag.MANAGEDSAVE);
        when(a, "without-managed-save", flags, ListAllDomainsFlag.NO_MANAGEDSAVE);
        List<Domain> domains = new ArrayList<>(
                call.connect().listAllDomains(flags.toArray(ListAllDomainsFlag[]::new)));
        // virsh: running domains by ID, then the inactive ones by name
        domains.sort(Comparator.comparing((Domain d) -> d.getID() < 0)
                .thenComparingInt(d -> d.getID() < 0 ? 0 : d.getID()).thenComparing(Text.BY_NAME));

        boolean name = a.flag("name");
        boolean uuid = a.flag("uuid");
        if (name || uuid) {
            StringBuilder b = new StringBuilder();
            for (Domain d : domains) {
                if (uuid && name) {
                    b.append(d.getUUIDString()).append(' ').append(d.getName());
                } else {
                    b.append(uuid ? d.getUUIDString() : d.getName());
                }
                b.append('\n');
            }
            call.out().print(b);
            return;
        }
        Table t = new Table("Id", "Name", "State");
        for (Domain d : domains) {
            int id = d.getID();
            t.row(id < 0 ? "-" : id, d.getName(), Text.state(d.getInfo().state()));
        }
        call.out().print(t.render());
    }

    private static void dominfo(Invocation call, Args a) {
        Connect c = call.connect();
        Domain d = Lookup.domain(c, a.value("domain"));
        StringBuilder b = new StringBuilder();
        int id = d.getID();
        b.append(Text.field(15, "Id:", id < 0 ? "-" : id));
        b.append(Text.field(15, "Name:", d.getName()));
        b.append(Text.field(15, "UUID:", d.getUUIDString()));
        b.append(Text.field(15, "OS Type:", d.getOSType()));
        DomainInfo info = d.getInfo();
        b.append(Text.field(15, "State:", Text.state(info.state())));
        b.append(Text.field(15, "CPU(s):", info.nrVirtCpu()));
        if (info.cpuTimeNs() != 0) {
            b.append(Text.field(15, "CPU time:", String.format(Locale.ROOT, "%.1fs", info.cpuTimeNs() / 1e9)));
        }
        b.append(Text.field(15, "Max memory:", info.maxMemKiB() == 0xFFFFFFFFL ? "no limit"
                : info.maxMemKiB() + " KiB"));
        b.append(Text.field(15, "Used memory:", info.memoryKiB() + " KiB"));
        b.append(Text.field(15, "Persistent:", orUnknown(() -> Text.yesNo(d.isPersistent()))));
        try {
            b.append(Text.field(15, "Autostart:", d.getAutostart() ? "enable" : "disable"));
        } catch (VirtException e) {
            // virsh leaves the line out when autostart cannot be read
        }
        b.append(Text.field(15, "Managed save:", orUnknown(() -> Text.yesNo(d.hasManagedSaveImage()))));
        SecurityModel model = null;
        try {
            model = c.nodeGetSecurityModel();
        } catch (VirtException e) {
            if (e.code() != ErrorCode.NO_SUPPORT) {
                call.out().print(b);
                throw e;
            }
        }
        if (model != null && model.model() != null && !model.model().isEmpty()) {
            b.append(Text.field(15, "Security model:", model.model()));
            b.append(Text.field(15, "Security DOI:", model.doi() == null ? "" : model.doi()));
            SecurityLabel label = d.getSecurityLabel();
            if (label != null && label.label() != null && !label.label().isEmpty()) {
                b.append(Text.field(15, "Security label:",
                        label.label() + " (" + (label.enforcing() ? "enforcing" : "permissive") + ")"));
            }
        }
        try {
            List<String> messages = d.getMessages();
            for (int i = 0; i < messages.size(); i++) {
                b.append(Text.field(15, i == 0 ? "Messages:" : "", messages.get(i)));
            }
        } catch (VirtException e) {
            // virsh prints no messages when a driver has none to give (the test driver)
        }
        call.out().print(b);
    }

    private static void dumpxml(Invocation call, Args a) {
        Domain d = Lookup.domain(call.connect(), a.value("domain"));
        List<DomainXMLFlag> flags = new ArrayList<>();
        when(a, "inactive", flags, DomainXMLFlag.INACTIVE);
        when(a, "security-info", flags, DomainXMLFlag.SECURE);
        when(a, "update-cpu", flags, DomainXMLFlag.UPDATE_CPU);
        when(a, "migratable", flags, DomainXMLFlag.MIGRATABLE);
        call.out().print(d.getXMLDesc(flags.toArray(DomainXMLFlag[]::new)));
    }

    private static void define(Invocation call, Args a) {
        String file = a.value("file");
        String xml = readFile(file);
        Domain d;
        try {
            d = a.flag("validate") ? call.connect().domainDefineXML(xml, DomainDefineFlag.VALIDATE)
                    : call.connect().domainDefineXML(xml);
        } catch (VirtException e) {
            throw new ShellError("Failed to define domain from " + file, e.getMessage());
        }
        call.out().print("Domain '" + d.getName() + "' defined from " + file + "\n");
    }

    private static void undefine(Invocation call, Args a) {
        String name = a.value("domain");
        Domain d = Lookup.domain(call.connect(), name);
        List<DomainUndefineFlag> flags = new ArrayList<>();
        when(a, "managed-save", flags, DomainUndefineFlag.MANAGED_SAVE);
        when(a, "snapshots-metadata", flags, DomainUndefineFlag.SNAPSHOTS_METADATA);
        when(a, "checkpoints-metadata", flags, DomainUndefineFlag.CHECKPOINTS_METADATA);
        when(a, "nvram", flags, DomainUndefineFlag.NVRAM);
        when(a, "keep-nvram", flags, DomainUndefineFlag.KEEP_NVRAM);
        when(a, "tpm", flags, DomainUndefineFlag.TPM);
        when(a, "keep-tpm", flags, DomainUndefineFlag.KEEP_TPM);
        try {
            d.undefine(flags.toArray(DomainUndefineFlag[]::new));
        } catch (VirtException e) {
            throw new ShellError("Failed to undefine domain '" + name + "'", e.getMessage());
        }
        call.out().print("Domain '" + name + "' has been undefined\n");
    }

    private static void start(Invocation call, Args a) {
        String name = a.value("domain");
        Domain d = Lookup.domain(call.connect(), name);
        if (d.getID() >= 0) {
            throw new ShellError("Domain is already active");
        }
        List<DomainCreateFlag> flags = new ArrayList<>();
        when(a, "paused", flags, DomainCreateFlag.START_PAUSED);
        when(a, "autodestroy", flags, DomainCreateFlag.START_AUTODESTROY);
        when(a, "bypass-cache", flags, DomainCreateFlag.START_BYPASS_CACHE);
        when(a, "force-boot", flags, DomainCreateFlag.START_FORCE_BOOT);
        when(a, "reset-nvram", flags, DomainCreateFlag.START_RESET_NVRAM);
        try {
            d.create(flags.toArray(DomainCreateFlag[]::new));
        } catch (VirtException e) {
            throw new ShellError("Failed to start domain '" + name + "'", e.getMessage());
        }
        call.out().print("Domain '" + name + "' started\n");
    }

    private static void shutdown(Invocation call, Args a) {
        Set<DomainShutdownFlag> flags = EnumSet.noneOf(DomainShutdownFlag.class);
        String modes = a.value("mode");
        if (modes != null) {
            for (String m : modes.split(",")) {
                flags.add(switch (m) {
                    case "acpi" -> DomainShutdownFlag.ACPI_POWER_BTN;
                    case "agent" -> DomainShutdownFlag.GUEST_AGENT;
                    case "initctl" -> DomainShutdownFlag.INITCTL;
                    case "signal" -> DomainShutdownFlag.SIGNAL;
                    case "paravirt" -> DomainShutdownFlag.PARAVIRT;
                    default -> throw new ShellError("Unknown mode " + m + " value, expecting "
                            + "'acpi', 'agent', 'initctl', 'signal', or 'paravirt'");
                });
            }
        }
        verb(call, a, "shutdown", "is being shutdown", d -> d.shutdown(flags.toArray(DomainShutdownFlag[]::new)));
    }

    private static void destroy(Invocation call, Args a) {
        List<DomainDestroyFlag> flags = new ArrayList<>();
        when(a, "graceful", flags, DomainDestroyFlag.GRACEFUL);
        when(a, "remove-logs", flags, DomainDestroyFlag.REMOVE_LOGS);
        verb(call, a, "destroy", "destroyed", d -> d.destroy(flags.toArray(DomainDestroyFlag[]::new)));
    }

    /** A lifecycle verb: {@code Domain 'x' <done>} or {@code Failed to <verb> domain 'x'} and why. */
    private static void verb(Invocation call, Args a, String verb, String done, Consumer<Domain> action) {
        String name = a.value("domain");
        Domain d = Lookup.domain(call.connect(), name);
        try {
            action.accept(d);
        } catch (VirtException e) {
            throw new ShellError("Failed to " + verb + " domain '" + name + "'", e.getMessage());
        }
        call.out().print("Domain '" + name + "' " + done + "\n");
    }

    static String readFile(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new ShellError("Failed to open file '" + file + "': No such file or directory");
        } catch (AccessDeniedException e) {
            throw new ShellError("Failed to open file '" + file + "': Permission denied");
        } catch (IOException e) {
            throw new ShellError("Failed to read file '" + file + "' to buffer: " + e.getMessage());
        }
    }

    /** virsh's check for two options that cannot go together. */
    static void exclusive(Args a, String first, String second) {
        if (a.flag(first) && a.flag(second)) {
            throw new ShellError("Options --" + first + " and --" + second + " are mutually exclusive");
        }
    }

    static <F> void when(Args a, String option, List<F> flags, F flag) {
        if (a.flag(option)) {
            flags.add(flag);
        }
    }

    private static String orUnknown(java.util.function.Supplier<String> s) {
        try {
            return s.get();
        } catch (VirtException e) {
            return "unknown";
        }
    }
}
