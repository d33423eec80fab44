package org.medassist.kit.ownership;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * A person's inputs waiting for an ownership answer, in arrival order: the first is the record that asked (its
 * request id is {@link #awaiting}), the rest arrived after it and must not overtake it (claims apply in receipt
 * order, E2). Stored in the person's task as bytes; a record here is the raw input with its headers (who sent it,
 * docs/security.md), decoded again when its turn comes.
 */
public final class PendingInputs {
    /** One raw input record and where it came from. */
    public record Input(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value, Headers headers) {
        public static Input of(RecordMetadata md, Record<byte[], byte[]> record) {
            return new Input(md.topic(), md.partition(), md.offset(), record.timestamp(), record.key(), record.value(),
                    new RecordHeaders(record.headers().toArray()));
        }

        /** A deterministic request id: the same record asks with the same id after a retry. */
        public String requestId() { return topic + "/" + partition + "/" + offset; }
    }

    public final String awaiting;
    public final List<Input> inputs;

    public PendingInputs(String awaiting, List<Input> inputs) {
        this.awaiting = awaiting;
        this.inputs = inputs;
    }

    public byte[] toBytes() {
        List<byte[]> parts = new ArrayList<>();
        int size = 0;
        for (Input i : inputs) {
            byte[] t = i.topic().getBytes(StandardCharsets.UTF_8);
            parts.add(t);
            size += 4 + t.length + 4 + 8 + 8 + 4 + len(i.key()) + 4 + len(i.value()) + 4;
            for (Header h : i.headers()) size += 4 + h.key().getBytes(StandardCharsets.UTF_8).length + 4 + len(h.value());
        }
        byte[] a = awaiting.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(size + 8 + a.length);
        b.putInt(a.length).put(a).putInt(inputs.size());
        for (int n = 0; n < inputs.size(); n++) {
            Input i = inputs.get(n);
            b.putInt(parts.get(n).length).put(parts.get(n)).putInt(i.partition()).putLong(i.offset()).putLong(i.timestamp());
            bytes(b, i.key());
            bytes(b, i.value());
            Header[] hs = i.headers().toArray();
            b.putInt(hs.length);
            for (Header h : hs) {
                bytes(b, h.key().getBytes(StandardCharsets.UTF_8));
                bytes(b, h.value());
            }
        }
        return b.array();
    }

    public static PendingInputs fromBytes(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data);
        String awaiting = string(b);
        int n = b.getInt();
        List<Input> inputs = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            String topic = string(b);
            int partition = b.getInt();
            long offset = b.getLong();
            long timestamp = b.getLong();
            byte[] key = bytes(b);
            byte[] value = bytes(b);
            RecordHeaders headers = new RecordHeaders();
            int h = b.getInt();
            for (int j = 0; j < h; j++) headers.add(new String(bytes(b), StandardCharsets.UTF_8), bytes(b));
            inputs.add(new Input(topic, partition, offset, timestamp, key, value, headers));
        }
        return new PendingInputs(awaiting, inputs);
    }

    private static int len(byte[] x) { return x == null ? 0 : x.length; }

    private static void bytes(ByteBuffer b, byte[] x) {
        if (x == null) {
            b.putInt(-1);
        } else {
            b.putInt(x.length).put(x);
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0) return null;
        byte[] x = new byte[n];
        b.get(x);
        return x;
    }

    private static String string(ByteBuffer b) {
        byte[] x = new byte[b.getInt()];
        b.get(x);
        return new String(x, StandardCharsets.UTF_8);
    }
}
