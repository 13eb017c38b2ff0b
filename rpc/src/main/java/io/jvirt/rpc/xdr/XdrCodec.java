package io.jvirt.rpc.xdr;

/** Encodes and decodes one XDR type. */
public interface XdrCodec<T> {
    void encode(T value, XdrWriter out);

    T decode(XdrReader in);

    /** The fewest bytes a value takes: lets array counts be checked against the bytes left. */
    int minSize();
}
