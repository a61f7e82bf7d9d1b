package dev.tollgate.sdk.config;

/**

 * The value types configuration fields take (as in JSON, with integers apart).

 *

 * @since 0.1.0

 */
public enum FieldType {
    STRING, INTEGER, NUMBER, BOOLEAN,
    /** A list of strings; a form body's single value counts as one element. */
    STRING_ARRAY,
    /** A list of integers. */
    INTEGER_ARRAY,
    /** An object of string keys to string values. */
    STRING_MAP,
    /** A nested group of fields with a schema of its own. */
    RECORD,
    /** A list of records sharing one schema (the AI proxy's {@code targets}). */
    RECORD_ARRAY
}
