package io.jvirt.daemon.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import com.ongres.scram.common.ClientFirstMessage;
import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import com.ongres.scram.common.ServerFinalMessage;
import com.ongres.scram.common.ServerFirstMessage;
import com.ongres.scram.common.exception.ScramParseException;

/**
 * SCRAM-SHA-256 (RFC 5802, RFC 7677) on the server side, with OnGres SCRAM's message types and
 * functions (its library is a client; the server's half, the client-final parse and the proof
 * check, is here): client-first, server-first ({@code r=,s=,i=}), client-final, server-final
 * ({@code v=}). No channel binding (libvirt's Cyrus client sends {@code n,,}). An unknown user gets
 * a made-up salt, so the exchange does not tell which users exist.
 */
final class ScramSha256 implements SaslExchange {
    private static final ScramMechanism MECH = ScramMechanism.SCRAM_SHA_256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserDatabase users;
    private ClientFirstMessage first;
    /** The client's gs2 header ({@code n,,}) and the rest of its first message, as sent. */
    private String gs2;
    private String clientFirstBare;
    private ServerFirstMessage serverFirst;
    private UserDatabase.ScramKeys keys;
    private String user;
    private String identity;

    ScramSha256(UserDatabase users) {
        this.users = users;
    }

    @Override
    public Step start(byte[] data) throws Failed {
        if (data == null) {
            return new Step(new byte[0], false);
        }
        return step(data);
    }

    @Override
    public Step step(byte[] data) throws Failed {
        if (data == null) {
            throw new Failed("SCRAM: no data");
        }
        String msg = new String(data, StandardCharsets.UTF_8);
        if (first == null) {
            return serverFirst(msg);
        }
        if (identity == null && serverFirst != null) {
            return serverFinal(msg);
        }
        throw new Failed("SCRAM: unexpected step");
    }

    private Step serverFirst(String msg) throws Failed {
        try {
            first = ClientFirstMessage.parseFrom(msg);
        } catch (ScramParseException | RuntimeException e) {
            throw new Failed("SCRAM: malformed client-first message");
        }
        int comma = msg.indexOf(',', msg.indexOf(',') + 1);
        gs2 = msg.substring(0, comma + 1);
        clientFirstBare = msg.substring(comma + 1);
        if (first.isChannelBindingRequired()) {
            throw new Failed("SCRAM: channel binding is not offered");
        }
        String authz = first.getGs2Header().getAuthzid();
        user = first.getUsername().replace("=2C", ",").replace("=3D", "=");
        if (authz != null && !authz.isEmpty() && !authz.equals(user)) {
            throw new Failed("SCRAM: " + user + " may not act as " + authz);
        }
        keys = users.scram(user).orElseGet(() -> {
            byte[] none = ScramFunctions.salt(32, RANDOM);
            return new UserDatabase.ScramKeys(ScramFunctions.salt(16, RANDOM), UserDatabase.ITERATIONS, none, none);
        });
        serverFirst = new ServerFirstMessage(first.getClientNonce(), ScramFunctions.nonce(24, RANDOM),
                Base64.getEncoder().encodeToString(keys.salt()), keys.iterations());
        return new Step(serverFirst.toString().getBytes(StandardCharsets.UTF_8), false);
    }

    private Step serverFinal(String msg) throws Failed {
        // client-final-message = channel-binding "," nonce ["," extensions] "," proof
        int p = msg.lastIndexOf(",p=");
        if (!msg.startsWith("c=") || p < 0) {
            throw new Failed("SCRAM: malformed client-final message");
        }
        String withoutProof = msg.substring(0, p);
        String[] attrs = withoutProof.split(",");
        if (attrs.length < 2 || !attrs[1].equals("r=" + serverFirst.getNonce())) {
            throw new Failed("SCRAM: the nonce does not match");
        }
        String cbind = Base64.getEncoder().encodeToString(gs2.getBytes(StandardCharsets.UTF_8));
        if (!attrs[0].equals("c=" + cbind)) {
            throw new Failed("SCRAM: channel binding data does not match");
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(msg.substring(p + 3));
        } catch (IllegalArgumentException e) {
            throw new Failed("SCRAM: malformed proof");
        }
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        if (proof.length != 32 || !ScramFunctions.verifyClientProof(MECH, proof, keys.storedKey(), authMessage)) {
            throw new Failed("SCRAM: wrong password or unknown user " + user);
        }
        identity = user;
        byte[] signature = ScramFunctions.serverSignature(MECH, keys.serverKey(), authMessage);
        return new Step(new ServerFinalMessage(signature).toString().getBytes(StandardCharsets.UTF_8), true);
    }

    @Override
    public String identity() {
        return identity;
    }
}
