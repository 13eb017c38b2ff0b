package io.jvirt.rpc.xdr;

import java.util.function.BiConsumer;
import java.util.function.Function;

/** Encodes and decodes one XDR type. */
public interface XdrCodec<T> {
    void encode(T value, XdrWriter out);

    T decode(XdrReader in);

    /** The fewest bytes a value takes: lets array counts be checked against the bytes left. */
    int minSize();

    /** A codec from its two halves. */
    static <T> XdrCodec<T> of(int minSize, BiConsumer<XdrWriter, T> encode, Function<XdrReader, T> decode) {
        return new XdrCodec<>() {
            @Override
            public void encode(T value, XdrWriter out) {
                encode.accept(out, value);
            }

            @Override
            public T decode(XdrReader in) {
                return decode.apply(in);
            }

            @Override
            public int minSize() {
                return minSize;
            }
        };
    }
}
