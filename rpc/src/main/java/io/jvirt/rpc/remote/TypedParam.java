package io.jvirt.rpc.remote;

import java.util.Objects;

import io.jvirt.rpc.xdr.Xdr;
import io.jvirt.rpc.xdr.XdrCodec;
import io.jvirt.rpc.xdr.XdrException;
import io.jvirt.rpc.xdr.XdrReader;
import io.jvirt.rpc.xdr.XdrWriter;

/**
 * {@code remote_typed_param}: a field name and a value whose XDR union arm is chosen by
 * {@code virTypedParameterType} (1 int, 2 uint, 3 llong, 4 ullong, 5 double, 6 boolean, 7 string).
 * The value is an Integer, Long, Double or String accordingly (booleans are Integers 0/1).
 */
public record TypedParam(String field, int type, Object value) {
    public static final int INT = 1;
    public static final int UINT = 2;
    public static final int LLONG = 3;
    public static final int ULLONG = 4;
    public static final int DOUBLE = 5;
    public static final int BOOLEAN = 6;
    public static final int STRING = 7;

    /** libvirt's VIR_TYPED_PARAM_FIELD_LENGTH. */
    public static final int FIELD_MAX = 80;

    public TypedParam {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
    }

    /** The union's codec, found by {@link Xdr#of} through this field. */
    public static final XdrCodec<TypedParam> XDR = new XdrCodec<>() {
        @Override
        public void encode(TypedParam p, XdrWriter out) {
            out.writeString(p.field, FIELD_MAX);
            out.writeInt(p.type);
            switch (p.type) {
                case INT, UINT, BOOLEAN -> out.writeInt(((Number) p.value).intValue());
                case LLONG, ULLONG -> out.writeHyper(((Number) p.value).longValue());
                case DOUBLE -> out.writeDouble(((Number) p.value).doubleValue());
                case STRING -> out.writeString((String) p.value, Xdr.STRING_MAX);
                default -> throw new XdrException("typed parameter " + p.field + " has unknown type " + p.type);
            }
        }

        @Override
        public TypedParam decode(XdrReader in) {
            String field = in.readString(FIELD_MAX);
            int type = in.readInt();
            Object value = switch (type) {
                case INT, UINT, BOOLEAN -> in.readInt();
                case LLONG, ULLONG -> in.readHyper();
                case DOUBLE -> in.readDouble();
                case STRING -> in.readString(Xdr.STRING_MAX);
                default -> throw new XdrException("typed parameter " + field + " has unknown type " + type);
            };
            return new TypedParam(field, type, value);
        }

        @Override
        public int minSize() {
            return 12;
        }
    };
}
