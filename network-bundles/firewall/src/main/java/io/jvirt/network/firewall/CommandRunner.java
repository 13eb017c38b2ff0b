package io.jvirt.network.firewall;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

import io.jvirt.network.firewall.apply.ProcessRunner;

/**
 * Runs one command line and says how it went. {@link #system()} runs the host's tools; a test or
 * a driver in another network namespace wraps them ({@link #system(List)}); a dry run records
 * command lines and answers as libvirt's test programs do.
 */
@ConsumerType
public interface CommandRunner {
    /** What a command did. */
    record Result(int status, String stdout, String stderr) {
    }

    /**
     * Runs {@code argv}; its first element is the tool's name ({@code iptables}, {@code nft}), which
     * the runner may resolve to a path.
     */
    Result run(List<String> argv);

    /** The tool's path as error messages name it ({@code /usr/sbin/iptables}); the name by default. */
    default String resolve(String tool) {
        return tool;
    }

    /** Runs the host's tools, found on PATH or in the sbin directories. */
    static CommandRunner system() {
        return new ProcessRunner(List.of());
    }

    /** Runs the host's tools under a launcher, e.g. {@code ip netns exec NS}. */
    static CommandRunner system(List<String> launcher) {
        return new ProcessRunner(launcher);
    }
}
