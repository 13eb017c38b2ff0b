package io.jvirt.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * {@code virConnectAuth}: the credential types an application can supply and the callback a
 * driver calls to ask for them.
 */
@ConsumerType
public interface ConnectAuth {
    /** The credential types this callback can answer. */
    List<CredentialType> credentialTypes();

    /**
     * Fills in {@link Credential#setResult(String)} for each credential asked.
     *
     * @throws VirtException to refuse (libvirt's {@code VIR_ERR_AUTH_CANCELLED})
     */
    void requestCredentials(List<Credential> credentials);

    /** One credential asked by a driver. */
    final class Credential {
        private final CredentialType type;
        private final String prompt;
        private final String challenge;
        private final String defaultResult;
        private String result;

        public Credential(CredentialType type, String prompt, String challenge, String defaultResult) {
            this.type = type;
            this.prompt = prompt;
            this.challenge = challenge;
            this.defaultResult = defaultResult;
        }

        public CredentialType type() {
            return type;
        }

        public String prompt() {
            return prompt;
        }

        public String challenge() {
            return challenge;
        }

        public String defaultResult() {
            return defaultResult;
        }

        public String result() {
            return result;
        }

        public void setResult(String result) {
            this.result = result;
        }
    }
}
