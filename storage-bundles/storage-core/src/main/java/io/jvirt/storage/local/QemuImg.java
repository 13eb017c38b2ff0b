package io.jvirt.storage.local;

import java.nio.file.Files;
import java.nio.file.Path;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.StorageVolCreateFlag;
import io.jvirt.api.VirtException;
import io.jvirt.conf.storage.FileFormat;
import io.jvirt.conf.storage.StoragePoolDef;
import io.jvirt.conf.storage.StorageVolDef;
import io.jvirt.conf.storage.StorageVolType;
import io.jvirt.conf.storage.VolEncryption;
import io.jvirt.conf.storage.VolTarget;
import io.jvirt.conf.storage.VolumeFormat;

/**
 * The {@code qemu-img} command lines of libvirt's storage driver for creating a volume, converting
 * another one into it, and the two steps of an encrypted conversion, with libvirt's checks and
 * errors ({@code virStorageBackendCreateQemuImgCmdFromVol}); conformance with
 * {@code storagevolxml2argvdata} is shown by {@code QemuImgArgvTest}.
 */
public final class QemuImg {
    /** Which command of an encrypted conversion (libvirt's {@code virStorageVolEncryptConvertStep}). */
    public enum Step {
        /** One command: create, or convert without encryption. */
        NONE,
        /** Create the (encrypted) target at the input's size... */
        CREATE,
        /** ...then convert the input into it with {@code --image-opts}. */
        CONVERT
    }

    /**
     * The qcow2 compatibility level when the volume names none: libvirt 9.0 asks for {@code 0.10}
     * (measured: its qcow2 volumes are version 2), libvirt 10.7's fixtures expect {@code 1.1}.
     */
    public static final String LIBVIRT_9_DEFAULT_COMPAT = "0.10";

    private QemuImg() {
    }

    private static VirtException err(ErrorCode code, String message) {
        return StorageErrors.of(code, message);
    }

    /** A file format as qemu-img names it; block volumes and ISO images are raw. */
    private static FileFormat fileFormat(StorageVolDef vol) {
        VolumeFormat f = vol.target().format();
        if (vol.type() == StorageVolType.BLOCK) {
            return FileFormat.RAW;
        }
        if (f instanceof FileFormat ff) {
            return ff == FileFormat.ISO || ff == FileFormat.NONE ? FileFormat.RAW : ff;
        }
        return FileFormat.RAW;
    }

    private static boolean encrypted(StorageVolDef v) {
        return v != null && v.target().encryption() != null;
    }

    /**
     * The command for {@code vol} (from {@code input} when not null) in {@code pool}, as libvirt builds it.
     *
     * @param flags           {@code virStorageVolCreateFlags} (only PREALLOC_METADATA is valid)
     * @param defaultCompat   the qcow2 compat level when the volume gives none
     * @param secretPath      the file holding the volume's passphrase (encrypted volumes)
     * @param inputSecretPath the file holding the input's passphrase (encrypted input)
     */
    public static Command command(StoragePoolDef pool, StorageVolDef vol, StorageVolDef input, int flags,
            String tool, String secretPath, String inputSecretPath, Step step, String defaultCompat) {
        if ((flags & ~StorageVolCreateFlag.PREALLOC_METADATA.bit()) != 0) {
            StorageErrors.checkFlags(flags, StorageVolCreateFlag.PREALLOC_METADATA.bit(),
                    "virStorageBackendCreateQemuImgCmdFromVol");
        }
        VolTarget t = vol.target();
        VolEncryption enc = t.encryption();
        VolEncryption inputEnc = input == null ? null : input.target().encryption();
        FileFormat declared = t.format() instanceof FileFormat ff ? ff : FileFormat.RAW;
        if (enc != null && (enc.format() == VolEncryption.Format.QCOW || enc.format() == VolEncryption.Format.DEFAULT)
                && (declared == FileFormat.QCOW || declared == FileFormat.QCOW2)) {
            throw err(ErrorCode.CONFIG_UNSUPPORTED, "creation of qcow2 encrypted image is not supported");
        }
        if (inputEnc != null && inputEnc.format() != VolEncryption.Format.LUKS) {
            throw err(ErrorCode.CONFIG_UNSUPPORTED, "encryption format of inputvol must be LUKS");
        }
        FileFormat format = fileFormat(vol);
        String type = format.xml();
        String inputType = input == null ? null : input.target().format() instanceof FileFormat inf ? inf.xml() : "none";
        boolean preallocate = (flags & StorageVolCreateFlag.PREALLOC_METADATA.bit()) != 0;
        String compat = t.compat();
        if (preallocate && format != FileFormat.QCOW2) {
            throw err(ErrorCode.CONFIG_UNSUPPORTED, "metadata preallocation only available with qcow2");
        }
        if (compat != null && format != FileFormat.QCOW2) {
            throw err(ErrorCode.CONFIG_UNSUPPORTED, "compatibility option only available with qcow2");
        }
        if (t.features() != null && format != FileFormat.QCOW2) {
            throw err(ErrorCode.CONFIG_UNSUPPORTED, "format features only available with qcow2");
        }
        if (format == FileFormat.RAW && enc != null) {
            if (enc.format() != VolEncryption.Format.LUKS) {
                throw err(ErrorCode.INTERNAL_ERROR, "Only luks encryption is supported for raw files");
            }
            type = "luks";
        }
        if (input != null && input.target().format() == FileFormat.RAW && inputEnc != null) {
            if (inputEnc.format() != VolEncryption.Format.LUKS) {
                throw err(ErrorCode.INTERNAL_ERROR, "Only luks encryption is supported for raw files");
            }
            inputType = "luks";
        }
        String inputPath = null;
        String inputFormatStr = null;
        if (input != null) {
            if (step != Step.CREATE) {
                inputPath = input.target().path();
                if (inputPath == null) {
                    throw err(ErrorCode.INVALID_ARG, "missing input volume target path");
                }
            }
            inputFormatStr = fileFormat(input).xml();
        }
        String backingPath = null;
        String backingFormat = null;
        if (vol.backingStore() != null && vol.backingStore().path() != null) {
            if (format == FileFormat.RAW) {
                throw err(ErrorCode.CONFIG_UNSUPPORTED, "cannot set backing store for raw volume");
            }
            backingPath = vol.backingStore().path();
            VolumeFormat bf = vol.backingStore().format();
            backingFormat = bf == null ? "raw" : bf.xml();
            if (preallocate) {
                throw err(ErrorCode.CONFIG_UNSUPPORTED, "metadata preallocation conflicts with backing store");
            }
            if (input != null && input.backingStore() != null && input.backingStore().path() != null
                    && !input.backingStore().path().equals(backingPath)) {
                throw err(ErrorCode.INTERNAL_ERROR, "a different backing store cannot be specified.");
            }
            Path abs = backingPath.startsWith("/") ? Path.of(backingPath) : Path.of(pool.targetPath(), backingPath);
            if (!Files.isReadable(abs)) {
                throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.STORAGE,
                        "inaccessible backing store volume " + backingPath + ": "
                                + (Files.exists(abs) ? "Permission denied" : "No such file or directory"));
            }
        }
        if (enc != null) {
            checkEncryption(format, type, enc);
        }
        long sizeArg = ceilDiv(vol.capacity(), 1024);
        long allocation = ceilDiv(vol.allocation(), 1024);

        Command cmd = new Command(tool);
        if (inputPath != null || step == Step.CREATE) {
            backingPath = null;
        }
        if (inputPath != null && step == Step.NONE) {
            cmd.args("convert", "-f", inputFormatStr, "-O", type);
        } else if (inputPath != null && step == Step.CONVERT) {
            cmd.args("convert", "--image-opts", "-n", "--target-image-opts");
        } else {
            cmd.args("create", "-f", type);
        }
        if (backingPath != null) {
            cmd.args("-b", backingPath);
        }
        String alias = null;
        if (enc != null) {
            if (secretPath == null) {
                throw err(ErrorCode.INTERNAL_ERROR, "path to secret data file is required");
            }
            alias = vol.name() + "_encrypt0";
            cmd.args("--object", "secret,id=" + alias + ",file=" + escapeComma(secretPath));
        }
        String inputAlias = null;
        if (inputEnc != null && step == Step.CONVERT) {
            if (inputSecretPath == null) {
                throw err(ErrorCode.INTERNAL_ERROR, "path to inputvol secret data file is required");
            }
            inputAlias = input.name() + "_encrypt0";
            cmd.args("--object", "secret,id=" + inputAlias + ",file=" + escapeComma(inputSecretPath));
        }
        if (step != Step.CONVERT) {
            String opts = options(format, enc, alias, backingPath, backingFormat, preallocate, sizeArg, allocation,
                    t.nocow(), compat, defaultCompat, t.clusterSize(), t.features());
            if (!opts.isEmpty()) {
                cmd.args("-o", opts);
            }
            if (inputPath != null) {
                cmd.arg(inputPath);
            }
            cmd.arg(t.path());
            if (inputPath == null && (sizeArg != 0 || backingPath == null)) {
                cmd.arg(sizeArg + "K");
            }
        } else {
            if (inputEnc != null) {
                String prefix = input.target().format() == FileFormat.QCOW2 ? "encrypt." : "";
                cmd.arg("driver=" + inputType + ",file.filename=" + inputPath + "," + prefix + "key-secret="
                        + inputAlias);
            } else {
                cmd.arg("driver=" + (inputType != null ? inputType : "raw") + ",file.filename=" + inputPath);
            }
            if (enc != null) {
                String prefix = declared == FileFormat.QCOW2 ? "encrypt." : "";
                cmd.arg("driver=" + type + ",file.filename=" + t.path() + "," + prefix + "key-secret=" + alias);
            } else {
                cmd.arg("driver=" + type + ",file.filename=" + t.path());
            }
        }
        return cmd;
    }

    private static void checkEncryption(FileFormat format, String type, VolEncryption enc) {
        if (format == FileFormat.RAW || format == FileFormat.QCOW2) {
            if (enc.format() != VolEncryption.Format.LUKS) {
                throw err(ErrorCode.CONFIG_UNSUPPORTED, "unsupported volume encryption format " + enc.format().ordinal());
            }
            if (enc.secrets().size() > 1) {
                throw err(ErrorCode.XML_ERROR, "too many secrets for luks encryption");
            }
            if (enc.secrets().isEmpty()) {
                throw err(ErrorCode.XML_ERROR, "no secret provided for luks encryption");
            }
        } else {
            throw err(ErrorCode.CONFIG_UNSUPPORTED, "volume encryption unsupported with format " + type);
        }
    }

    private static String options(FileFormat format, VolEncryption enc, String alias, String backingPath,
            String backingFormat, boolean preallocate, long sizeArg, long allocation, boolean nocow, String compat,
            String defaultCompat, long clusterSize, java.util.Set<VolTarget.Feature> features) {
        StringBuilder b = new StringBuilder();
        if (backingPath != null) {
            b.append("backing_fmt=").append(backingFormat).append(',');
        }
        if (enc != null) {
            String pre = "";
            if (format == FileFormat.QCOW2) {
                b.append("encrypt.format=luks,");
                pre = "encrypt.";
            }
            b.append(pre).append("key-secret=").append(alias).append(',');
            VolEncryption.Cipher c = enc.cipher();
            if (c != null) {
                b.append(pre).append("cipher-alg=").append(escapeComma(c.name())).append('-').append(c.size()).append(',');
                if (c.mode() != null) {
                    b.append(pre).append("cipher-mode=").append(escapeComma(c.mode())).append(',');
                }
                if (c.hash() != null) {
                    b.append(pre).append("hash-alg=").append(escapeComma(c.hash())).append(',');
                }
                VolEncryption.Ivgen iv = enc.ivgen();
                if (iv != null) {
                    b.append(pre).append("ivgen-alg=").append(escapeComma(iv.name())).append(',');
                    if (iv.hash() != null) {
                        b.append(pre).append("ivgen-hash-alg=").append(escapeComma(iv.hash())).append(',');
                    }
                }
            }
        }
        if (preallocate) {
            b.append(sizeArg > allocation ? "preallocation=metadata," : "preallocation=falloc,");
        }
        if (nocow) {
            b.append("nocow=on,");
        }
        if (compat != null) {
            b.append("compat=").append(compat).append(',');
        } else if (format == FileFormat.QCOW2 && defaultCompat != null) {
            b.append("compat=").append(defaultCompat).append(',');
        }
        if (clusterSize > 0) {
            b.append("cluster_size=").append(clusterSize).append(',');
        }
        if (features != null && format == FileFormat.QCOW2) {
            if (features.contains(VolTarget.Feature.LAZY_REFCOUNTS)) {
                if ("0.10".equals(compat)) {
                    throw err(ErrorCode.CONFIG_UNSUPPORTED, "lazy_refcounts not supported with compat level " + compat);
                }
                b.append("lazy_refcounts,");
            }
            if (features.contains(VolTarget.Feature.EXTENDED_L2)) {
                if ("0.10".equals(compat)) {
                    throw err(ErrorCode.CONFIG_UNSUPPORTED, "'extended_l2' not supported with compat level " + compat);
                }
                b.append("extended_l2=on,");
            }
        }
        if (b.length() > 0) {
            b.setLength(b.length() - 1);
        }
        return b.toString();
    }

    /** QEMU's option syntax: a comma inside a value is doubled. */
    static String escapeComma(String s) {
        return s.replace(",", ",,");
    }

    private static long ceilDiv(long a, long b) {
        return a == 0 ? 0 : Long.divideUnsigned(a - 1, b) + 1;
    }

    /** {@code qemu-img resize [--shrink] PATH SIZE}, the size rounded up to 512 as libvirt does. */
    public static Command resize(String tool, StorageVolDef vol, long capacity, String secretPath) {
        long rounded = (capacity + 511) / 512 * 512;
        Command cmd = new Command(tool, "resize");
        if (rounded < vol.capacity()) {
            cmd.arg("--shrink");
        }
        VolEncryption enc = vol.target().encryption();
        if (enc == null) {
            cmd.arg(vol.target().path());
        } else {
            String alias = vol.name() + "_encrypt0";
            cmd.args("--object", "secret,id=" + alias + ",file=" + escapeComma(secretPath));
            boolean qcow2 = vol.target().format() == FileFormat.QCOW2;
            cmd.args("--image-opts", "driver=" + (qcow2 ? "qcow2" : "luks") + "," + (qcow2 ? "encrypt." : "")
                    + "key-secret=" + alias + ",file.filename=" + escapeComma(vol.target().path()));
        }
        cmd.arg(Long.toUnsignedString(rounded));
        return cmd;
    }
}
