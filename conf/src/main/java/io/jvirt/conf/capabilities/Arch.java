package io.jvirt.conf.capabilities;

/** libvirt's CPU architectures with their XML names and word sizes (virArch). */
public enum Arch {
    ALPHA("alpha", 64),
    ARMV6L("armv6l", 32),
    ARMV7L("armv7l", 32),
    ARMV7B("armv7b", 32),
    AARCH64("aarch64", 64),
    CRIS("cris", 32),
    I686("i686", 32),
    IA64("ia64", 64),
    LM32("lm32", 32),
    LOONGARCH64("loongarch64", 64),
    M68K("m68k", 32),
    MICROBLAZE("microblaze", 32),
    MICROBLAZEEL("microblazeel", 32),
    MIPS("mips", 32),
    MIPSEL("mipsel", 32),
    MIPS64("mips64", 64),
    MIPS64EL("mips64el", 64),
    OPENRISC("openrisc", 32),
    PARISC("parisc", 32),
    PARISC64("parisc64", 64),
    PPC("ppc", 32),
    PPCLE("ppcle", 32),
    PPC64("ppc64", 64),
    PPC64LE("ppc64le", 64),
    PPCEMB("ppcemb", 32),
    RISCV32("riscv32", 32),
    RISCV64("riscv64", 64),
    S390("s390", 32),
    S390X("s390x", 64),
    SH4("sh4", 32),
    SH4EB("sh4eb", 64),
    SPARC("sparc", 32),
    SPARC64("sparc64", 64),
    UNICORE32("unicore32", 32),
    X86_64("x86_64", 64),
    XTENSA("xtensa", 32),
    XTENSAEB("xtensaeb", 32);

    private final String xmlName;
    private final int wordSize;

    Arch(String xmlName, int wordSize) {
        this.xmlName = xmlName;
        this.wordSize = wordSize;
    }

    public String xmlName() {
        return xmlName;
    }

    /** The guest word size libvirt reports for this architecture. */
    public int wordSize() {
        return wordSize;
    }

    public static Arch fromXml(String name) {
        for (Arch a : values()) {
            if (a.xmlName.equals(name)) {
                return a;
            }
        }
        throw CapsXml.error("unknown architecture '" + name + "'");
    }

    @Override
    public String toString() {
        return xmlName;
    }
}
