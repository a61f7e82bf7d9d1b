package dev.tollgate.host.traffic;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;

/** Latency histograms as the traffic tables keep them: HdrHistogram's compressed form, in base64. */
final class HistogramCodec {
    private HistogramCodec() {
    }

    static String encode(Histogram h) {
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(buf);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf.array(), n));
    }

    /** Adds an encoded histogram into {@code into}; a value that does not decode is skipped (false). */
    static boolean addInto(Histogram into, String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return false;
        }
        try {
            into.add(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), 0));
            return true;
        } catch (DataFormatException | IllegalArgumentException e) {
            return false;
        }
    }
}
