package dev.tollgate.plugins.airesponsecache;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One cached answer as the client got it: the reply's headers, its body as the chunks to replay
 * (one for a whole answer, one per event for a stream), and what the original call used. Stored
 * in a compact binary form; a value that does not decode (another version, a damaged entry) is
 * a miss.
 *
 * @param storedAtMillis when it was stored, by the gateway's clock
 * @param usage          the original call's usage, when the AI plugin reported one
 */
record CachedAnswer(long storedAtMillis, Map<String, List<String>> headers, List<byte[]> chunks,
                    Optional<OriginalUsage> usage) {
    private static final int VERSION = 1;

    CachedAnswer {
        headers = Map.copyOf(headers);
        chunks = List.copyOf(chunks);
        requireNonNull(usage, "usage");
    }

    /**
     * What the call that produced the answer used: the tokens a hit saves.
     *
     * @param recorded false when the AI plugin kept the call out of the usage records
     */
    record OriginalUsage(String provider, Optional<String> requestedModel, String model, String routeType,
                         long promptTokens, long completionTokens, long cachedPromptTokens, boolean tokensCounted,
                         boolean recorded) {
        OriginalUsage {
            requireNonNull(provider, "provider");
            requireNonNull(requestedModel, "requestedModel");
            requireNonNull(model, "model");
            requireNonNull(routeType, "routeType");
            if (promptTokens < 0 || completionTokens < 0 || cachedPromptTokens < 0) {
                throw new IllegalArgumentException("tokens: " + promptTokens + "/" + completionTokens + "/"
                        + cachedPromptTokens + " (expected: >= 0)");
            }
        }
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + chunks.stream().mapToInt(c -> c.length + 4).sum());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            out.writeLong(storedAtMillis);
            out.writeInt(headers.size());
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                out.writeUTF(h.getKey());
                out.writeInt(h.getValue().size());
                for (String v : h.getValue()) {
                    out.writeUTF(v);
                }
            }
            out.writeBoolean(usage.isPresent());
            if (usage.isPresent()) {
                OriginalUsage u = usage.get();
                out.writeUTF(u.provider());
                out.writeUTF(u.requestedModel().orElse(""));
                out.writeUTF(u.model());
                out.writeUTF(u.routeType());
                out.writeLong(u.promptTokens());
                out.writeLong(u.completionTokens());
                out.writeLong(u.cachedPromptTokens());
                out.writeBoolean(u.tokensCounted());
                out.writeBoolean(u.recorded());
            }
            out.writeInt(chunks.size());
            for (byte[] c : chunks) {
                out.writeInt(c.length);
                out.write(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail; writeUTF refuses over 64 KiB
        }
        return bytes.toByteArray();
    }

    /** The answer in {@code value}, or empty when it is not one this version wrote. */
    static Optional<CachedAnswer> decode(byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            if (in.readInt() != VERSION) {
                return Optional.empty();
            }
            long storedAt = in.readLong();
            int headerCount = count(in, value.length);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 0; i < headerCount; i++) {
                String name = in.readUTF();
                int n = count(in, value.length);
                List<String> values = new ArrayList<>(n);
                for (int j = 0; j < n; j++) {
                    values.add(in.readUTF());
                }
                headers.put(name, values);
            }
            Optional<OriginalUsage> usage = Optional.empty();
            if (in.readBoolean()) {
                String provider = in.readUTF();
                String requested = in.readUTF();
                usage = Optional.of(new OriginalUsage(provider, Optional.of(requested).filter(s -> !s.isEmpty()),
                        in.readUTF(), in.readUTF(), in.readLong(), in.readLong(), in.readLong(), in.readBoolean(),
                        in.readBoolean()));
            }
            int chunkCount = count(in, value.length);
            List<byte[]> chunks = new ArrayList<>(chunkCount);
            for (int i = 0; i < chunkCount; i++) {
                byte[] chunk = new byte[count(in, in.available())];
                in.readFully(chunk);
                chunks.add(chunk);
            }
            return in.available() == 0 ? Optional.of(new CachedAnswer(storedAt, headers, chunks, usage)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A count or length read from the value, refused when the value is too short to hold it. */
    private static int count(DataInputStream in, int limit) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > limit) {
            throw new IOException("count " + n + " (expected: 0.." + limit + ")");
        }
        return n;
    }

    /** The answer's size as the client gets it. */
    long bodyBytes() {
        return chunks.stream().mapToLong(c -> c.length).sum();
    }
}
