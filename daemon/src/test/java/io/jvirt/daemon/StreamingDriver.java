package io.jvirt.daemon;

import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.jvirt.api.ConnectAuth;
import io.jvirt.api.ConnectUri;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.DomainRef;
import io.jvirt.spi.HypervisorDriver;
import io.jvirt.spi.OpenResult;
import io.jvirt.spi.StorageDriver;
import io.jvirt.spi.StorageVolRef;
import io.jvirt.spi.StreamDriver;
import io.jvirt.spi.StreamRef;

/**
 * A driver whose one domain ({@code screen}) streams what the tests need of jvirtd's stream
 * mechanism, which libvirt's own drivers cannot be made to do on purpose: screen 0 is
 * {@link #SIZE} bytes of a known pattern (several packets), screen 1 fails after
 * {@link #FAIL_AFTER} bytes, screen 2 fails before the stream is bound. Its one volume
 * ({@link #VOLUME}, key and path {@code /streaming/vol}) takes uploads and gives downloads of its
 * bytes. It records how each of its streams ended.
 */
final class StreamingDriver implements ConnectDriver {
    static final int SIZE = 600_000;
    static final int FAIL_AFTER = 300_000;
    static final DomainRef DOMAIN = new DomainRef("screen", UUID.fromString("00000000-0000-0000-0000-00000000d00d"), 1);

    static final StorageVolRef VOLUME = new StorageVolRef("pool", "vol", "/streaming/vol");

    /** How streams ended: "finish" or "abort", in order. */
    final CopyOnWriteArrayList<String> endings = new CopyOnWriteArrayList<>();
    /** The volume's bytes; an upload replaces them when it finishes. */
    volatile byte[] volume = new byte[0];

    private final StorageDriver storage = new StorageDriver() {
        @Override
        public StorageVolRef storageVolLookupByKey(String key) {
            return storageVolLookupByPath(key);
        }

        @Override
        public StorageVolRef storageVolLookupByPath(String path) {
            if (!path.equals(VOLUME.key())) {
                throw new VirtException(ErrorCode.NO_STORAGE_VOL, ErrorDomain.STORAGE,
                        "Storage volume not found: no storage vol with matching path '" + path + "'");
            }
            return VOLUME;
        }

        @Override
        public void storageVolDownload(StorageVolRef vol, StreamRef stream, long offset, long length, int flags) {
            byte[] b = volume;
            int from = (int) Math.min(offset, b.length);
            int n = (int) (length == 0 ? b.length - from : Math.min(length, b.length - from));
            stream.bind(recording(StreamDriver.reading(new java.io.ByteArrayInputStream(b, from, n))));
        }

        @Override
        public void storageVolUpload(StorageVolRef vol, StreamRef stream, long offset, long length, int flags) {
            java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream() {
                @Override
                public void close() {
                    volume = toByteArray();
                }
            };
            StreamDriver sink = StreamDriver.writing(data);
            stream.bind(new StreamDriver() {
                @Override
                public int send(byte[] buf, int off, int len) {
                    return sink.send(buf, off, len);
                }

                @Override
                public void sendHole(long holeLength, int holeFlags) {
                    sink.sendHole(holeLength, holeFlags);
                }

                @Override
                public void finish() {
                    sink.finish();
                    endings.add("finish");
                }

                @Override
                public void abort() {
                    endings.add("abort"); // the volume keeps its old bytes
                }
            });
        }
    };

    /** Records how a stream ends. */
    private StreamDriver recording(StreamDriver d) {
        return new StreamDriver() {
            @Override
            public int recv(byte[] buffer, int offset, int length) {
                return d.recv(buffer, offset, length);
            }

            @Override
            public void finish() {
                d.finish();
                endings.add("finish");
            }

            @Override
            public void abort() {
                d.abort();
                endings.add("abort");
            }
        };
    }

    static byte pattern(long i) {
        return (byte) (i * 31 + (i >> 8));
    }

    @Override
    public OpenResult open(ConnectUri uri, ConnectAuth auth, int flags) {
        if (!"streaming".equals(uri.scheme())) {
            return OpenResult.declined();
        }
        return OpenResult.success(new HypervisorDriver() {
            @Override
            public java.util.Optional<StorageDriver> storageDriver() {
                return java.util.Optional.of(storage);
            }

            @Override
            public DomainRef domainLookupByName(String name) {
                if (!name.equals(DOMAIN.name())) {
                    throw new VirtException(ErrorCode.NO_DOMAIN, ErrorDomain.DOM,
                            "Domain not found: no domain with matching name '" + name + "'");
                }
                return DOMAIN;
            }

            @Override
            public String domainScreenshot(DomainRef dom, StreamRef stream, int screen, int fl) {
                if (screen == 2) {
                    throw new VirtException(ErrorCode.OPERATION_INVALID, ErrorDomain.DOM,
                            "Requested operation is not valid: screen 2 has no picture");
                }
                long end = screen == 1 ? FAIL_AFTER : SIZE;
                stream.bind(new StreamDriver() {
                    long pos;

                    @Override
                    public int recv(byte[] buffer, int offset, int length) {
                        if (pos == end && screen == 1) {
                            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.STREAMS,
                                    "cannot read screen 1: the picture tore");
                        }
                        int n = (int) Math.min(length, end - pos);
                        for (int i = 0; i < n; i++) {
                            buffer[offset + i] = pattern(pos++);
                        }
                        return n;
                    }

                    @Override
                    public void finish() {
                        endings.add("finish");
                    }

                    @Override
                    public void abort() {
                        endings.add("abort");
                    }
                });
                return "application/x-pattern";
            }
        });
    }
}
