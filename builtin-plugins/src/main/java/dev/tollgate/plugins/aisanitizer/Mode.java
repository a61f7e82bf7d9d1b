package dev.tollgate.plugins.aisanitizer;

/** What a finding is replaced with. */
enum Mode {
    /** {@code <EMAIL_1>}: one per distinct value in the request, put back into the answer. */
    PLACEHOLDER,
    /** {@code [EMAIL]}: the kind only. */
    REDACT,
    /** {@code j***@example.com}, {@code **** **** **** 4242}: enough left to recognise, not to use. */
    MASK
}
