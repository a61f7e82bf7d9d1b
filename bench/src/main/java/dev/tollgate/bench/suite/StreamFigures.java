package dev.tollgate.bench.suite;

/** What the suite measured of streamed answers: scenario 6, the bursts and the token throughput. */
record StreamFigures(Streaming streaming, Bursts bursts, TokenRate tokens) {
    void appendTo(StringBuilder md) {
        streaming.appendTo(md);
        bursts.appendTo(md);
        tokens.appendTo(md);
    }
}
