package io.jvirt.rpc.xdr;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * XDR codecs: the primitives, and codecs derived from records so that a protocol struct is one
 * record declaration. Component types map as in libvirt's {@code .x} files: {@code int} is
 * {@code int}/{@code unsigned int}/{@code unsigned char}/{@code unsigned short} (all 4 bytes),
 * {@code long} is {@code hyper}, {@code boolean} an int 0/1, {@code String} a
 * {@code remote_nonnull_string}, {@code UUID} a {@code remote_uuid}, {@code byte[]} an
 * {@code opaque<>}, {@code List<T>} a {@code T<>} array, a record a struct. Annotations give the
 * bounds ({@link Max}), pointers ({@link Opt}), and {@code char x[N]} ({@link Chars}).
 */
public final class Xdr {
    /** libvirt's REMOTE_STRING_MAX. */
    public static final int STRING_MAX = 4_194_304;

    /** The maximum length of a string, opaque or array component. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
    public @interface Max {
        int value();
    }

    /** An optional component ({@code T *} in XDR: a 0/1 word, then the value when 1); null when absent. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
    public @interface Opt {
    }

    /** A {@code char x[N]} string: N characters, each sent as a 4-byte int, NUL padded. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface Chars {
        int value();
    }

    /** An {@code opaque x[N]}: exactly N bytes, no length word. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface Fixed {
        int value();
    }

    /**
     * A {@code char x<N>} string: a count, then each character as a 4-byte int, with the C string's
     * terminating NUL counted and sent (how libvirt sends security models and labels).
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface VarChars {
        int value();
    }

    /**
     * A {@code char x<N>} carrying bytes, not a C string: a count, then each byte as a 4-byte int,
     * exactly as many as there are (SASL's data, which may hold NULs, as PLAIN's does).
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface CharBytes {
        int value();
    }

    private static final Map<Class<?>, XdrCodec<?>> CODECS = new ConcurrentHashMap<>();

    private Xdr() {
    }

    // ------------------------------------------------------------------ primitives

    public static final XdrCodec<Integer> INT = XdrCodec.of(4, XdrWriter::writeInt, XdrReader::readInt);

    public static final XdrCodec<Long> HYPER = XdrCodec.of(8, XdrWriter::writeHyper, XdrReader::readHyper);

    /** libvirt sends "int" booleans such as autostart as 0/1, and reads any non-zero value as true. */
    public static final XdrCodec<Boolean> BOOL = XdrCodec.of(4, XdrWriter::writeBoolean, in -> in.readInt() != 0);

    public static final XdrCodec<Double> DOUBLE = XdrCodec.of(8, XdrWriter::writeDouble, XdrReader::readDouble);

    public static final XdrCodec<UUID> UUID_CODEC = XdrCodec.of(16, XdrWriter::writeUuid, XdrReader::readUuid);

    /** {@code string<max>}. */
    public static XdrCodec<String> string(int max) {
        return XdrCodec.of(4, (out, v) -> out.writeString(v, max), in -> in.readString(max));
    }

    public static final XdrCodec<String> STRING = string(STRING_MAX);

    /** {@code opaque[n]}. */
    public static XdrCodec<byte[]> fixedOpaque(int n) {
        return XdrCodec.of((n + 3) & ~3, (out, v) -> out.writeFixedOpaque(v, n), in -> in.readFixedOpaque(n));
    }

    /** {@code opaque<max>}. */
    public static XdrCodec<byte[]> opaque(int max) {
        return XdrCodec.of(4, (out, v) -> out.writeOpaque(v, max), in -> in.readOpaque(max));
    }

    /** {@code char x[n]}: n characters sent as n 4-byte ints. */
    public static XdrCodec<String> chars(int n) {
        return new XdrCodec<>() {
            @Override
            public void encode(String v, XdrWriter out) {
                byte[] b = v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                for (int i = 0; i < n; i++) {
                    out.writeInt(i < b.length && i < n - 1 ? b[i] : 0);
                }
            }

            @Override
            public String decode(XdrReader in) {
                byte[] b = new byte[n];
                int len = n;
                for (int i = 0; i < n; i++) {
                    b[i] = (byte) in.readInt();
                    if (b[i] == 0 && len == n) {
                        len = i;
                    }
                }
                return new String(b, 0, len, java.nio.charset.StandardCharsets.UTF_8);
            }

            @Override
            public int minSize() {
                return 4 * n;
            }
        };
    }

    /** {@code char x<max>}: NUL-terminated, each character a 4-byte int. */
    public static XdrCodec<String> varChars(int max) {
        return new XdrCodec<>() {
            @Override
            public void encode(String v, XdrWriter out) {
                byte[] b = v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                if (b.length + 1 > max) {
                    throw new XdrException("char array of " + (b.length + 1) + " exceeds its maximum " + max);
                }
                out.writeInt(b.length + 1);
                for (byte c : b) {
                    out.writeInt(c);
                }
                out.writeInt(0);
            }

            @Override
            public String decode(XdrReader in) {
                int n = in.readCount(max, 4, "char array");
                byte[] b = new byte[n];
                int len = n;
                for (int i = 0; i < n; i++) {
                    b[i] = (byte) in.readInt();
                    if (b[i] == 0 && len == n) {
                        len = i;
                    }
                }
                return new String(b, 0, len, java.nio.charset.StandardCharsets.UTF_8);
            }

            @Override
            public int minSize() {
                return 4;
            }
        };
    }

    public static XdrCodec<byte[]> charBytes(int max) {
        return new XdrCodec<>() {
            @Override
            public void encode(byte[] v, XdrWriter out) {
                if (v.length > max) {
                    throw new XdrException("char array of " + v.length + " exceeds its maximum " + max);
                }
                out.writeInt(v.length);
                for (byte c : v) {
                    out.writeInt(c);
                }
            }

            @Override
            public byte[] decode(XdrReader in) {
                int n = in.readCount(max, 4, "char array");
                byte[] b = new byte[n];
                for (int i = 0; i < n; i++) {
                    b[i] = (byte) in.readInt();
                }
                return b;
            }

            @Override
            public int minSize() {
                return 4;
            }
        };
    }

    /** {@code T *}: absent is {@code null}. */
    public static <T> XdrCodec<T> optional(XdrCodec<T> inner) {
        return new XdrCodec<>() {
            @Override
            public void encode(T v, XdrWriter out) {
                out.writeBoolean(v != null);
                if (v != null) {
                    inner.encode(v, out);
                }
            }

            @Override
            public T decode(XdrReader in) {
                return in.readBoolean() ? inner.decode(in) : null;
            }

            @Override
            public int minSize() {
                return 4;
            }
        };
    }

    /** {@code T x<max>}. */
    public static <T> XdrCodec<List<T>> array(XdrCodec<T> element, int max) {
        return new XdrCodec<>() {
            @Override
            public void encode(List<T> v, XdrWriter out) {
                if (v.size() > max) {
                    throw new XdrException("array of " + v.size() + " elements exceeds its maximum " + max);
                }
                out.writeInt(v.size());
                for (T t : v) {
                    element.encode(t, out);
                }
            }

            @Override
            public List<T> decode(XdrReader in) {
                int n = in.readCount(max, element.minSize(), "array");
                List<T> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(element.decode(in));
                }
                return Collections.unmodifiableList(list);
            }

            @Override
            public int minSize() {
                return 4;
            }
        };
    }

    /** Registers a hand-written codec for a type (unions such as typed parameters). */
    public static <T> void register(Class<T> type, XdrCodec<T> codec) {
        CODECS.put(type, codec);
    }

    /**
     * The codec of a type, found once and cached: a type that brings its own codec (a
     * {@code public static final XdrCodec XDR} field, for unions) uses it, a record gets one
     * derived from its components.
     */
    @SuppressWarnings("unchecked")
    public static <T> XdrCodec<T> of(Class<T> type) {
        XdrCodec<?> c = CODECS.get(type);
        if (c == null) {
            try {
                java.lang.reflect.Field own = type.getField("XDR");
                if (java.lang.reflect.Modifier.isStatic(own.getModifiers())
                        && XdrCodec.class.isAssignableFrom(own.getType())) {
                    c = (XdrCodec<?>) own.get(null);
                    CODECS.putIfAbsent(type, c);
                    return (XdrCodec<T>) c;
                }
            } catch (NoSuchFieldException notOwn) {
                // derive it below
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException(type + ".XDR is not accessible", e);
            }
            if (!type.isRecord()) {
                throw new IllegalArgumentException(type + " is neither a record nor a registered XDR type");
            }
            c = new RecordCodec<>(type);
            XdrCodec<?> raced = CODECS.putIfAbsent(type, c);
            if (raced != null) {
                c = raced;
            }
        }
        return (XdrCodec<T>) c;
    }

    // ------------------------------------------------------------------ records

    private static XdrCodec<?> forComponent(Type type, AnnotatedElement annotations, String where) {
        Max max = annotations.getAnnotation(Max.class);
        Chars chars = annotations.getAnnotation(Chars.class);
        VarChars varChars = annotations.getAnnotation(VarChars.class);
        CharBytes charBytes = annotations.getAnnotation(CharBytes.class);
        Fixed fixed = annotations.getAnnotation(Fixed.class);
        XdrCodec<?> base;
        if (fixed != null) {
            base = fixedOpaque(fixed.value());
        } else if (chars != null) {
            base = chars(chars.value());
        } else if (varChars != null) {
            base = varChars(varChars.value());
        } else if (charBytes != null) {
            base = charBytes(charBytes.value());
        } else if (type == int.class || type == Integer.class) {
            base = INT;
        } else if (type == long.class || type == Long.class) {
            base = HYPER;
        } else if (type == boolean.class || type == Boolean.class) {
            base = BOOL;
        } else if (type == double.class || type == Double.class) {
            base = DOUBLE;
        } else if (type == String.class) {
            base = max != null ? string(max.value()) : STRING;
        } else if (type == UUID.class) {
            base = UUID_CODEC;
        } else if (type == byte[].class) {
            base = opaque(max != null ? max.value() : STRING_MAX);
        } else if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            if (max == null) {
                throw new IllegalArgumentException(where + ": a List component needs @Max");
            }
            Type elem = p.getActualTypeArguments()[0];
            XdrCodec<?> elemCodec = elem == String.class ? STRING : forComponent(elem, NO_ANNOTATIONS, where);
            base = array(elemCodec, max.value());
        } else if (type instanceof Class<?> cls) {
            base = of(cls);
        } else {
            throw new IllegalArgumentException(where + ": no XDR mapping for " + type);
        }
        return annotations.isAnnotationPresent(Opt.class) ? optional(base) : base;
    }

    private static final AnnotatedElement NO_ANNOTATIONS = new AnnotatedElement() {
        @Override
        public <A extends java.lang.annotation.Annotation> A getAnnotation(Class<A> c) {
            return null;
        }

        @Override
        public java.lang.annotation.Annotation[] getAnnotations() {
            return new java.lang.annotation.Annotation[0];
        }

        @Override
        public java.lang.annotation.Annotation[] getDeclaredAnnotations() {
            return getAnnotations();
        }
    };

    /** A struct: the record's components in declaration order. */
    private static final class RecordCodec<T> implements XdrCodec<T> {
        private static final java.lang.invoke.MethodType GETTER =
                java.lang.invoke.MethodType.methodType(Object.class, Object.class);
        private static final java.lang.invoke.MethodType CONSTRUCTOR =
                java.lang.invoke.MethodType.methodType(Object.class, Object[].class);
        private final Class<T> type;
        private final MethodHandle[] getters;
        private final XdrCodec<Object>[] codecs;
        private final MethodHandle constructor;
        private final int minSize;

        @SuppressWarnings("unchecked")
        RecordCodec(Class<T> type) {
            this.type = type;
            RecordComponent[] comps = type.getRecordComponents();
            getters = new MethodHandle[comps.length];
            codecs = new XdrCodec[comps.length];
            Class<?>[] types = new Class<?>[comps.length];
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            int min = 0;
            try {
                for (int i = 0; i < comps.length; i++) {
                    RecordComponent rc = comps[i];
                    // adapted once to (Object)Object, so each call is an invokeExact without conversions
                    getters[i] = lookup.unreflect(rc.getAccessor()).asType(GETTER);
                    codecs[i] = (XdrCodec<Object>) forComponent(rc.getGenericType(), rc,
                            type.getSimpleName() + "." + rc.getName());
                    types[i] = rc.getType();
                    min += codecs[i].minSize();
                }
                // spread and adapted once: invokeWithArguments would build an invoker on every call
                constructor = lookup.unreflectConstructor(type.getDeclaredConstructor(types))
                        .asSpreader(Object[].class, comps.length).asType(CONSTRUCTOR);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("record " + type + " must be public with public components", e);
            }
            this.minSize = min;
        }

        @Override
        public void encode(T value, XdrWriter out) {
            if (value == null) {
                throw new XdrException(type.getSimpleName() + " is required but null");
            }
            try {
                for (int i = 0; i < getters.length; i++) {
                    codecs[i].encode((Object) getters[i].invokeExact((Object) value), out);
                }
            } catch (RuntimeException e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public T decode(XdrReader in) {
            Object[] args = new Object[codecs.length];
            for (int i = 0; i < codecs.length; i++) {
                args[i] = codecs[i].decode(in);
            }
            try {
                return type.cast((Object) constructor.invokeExact(args));
            } catch (RuntimeException e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public int minSize() {
            return minSize;
        }
    }
}
