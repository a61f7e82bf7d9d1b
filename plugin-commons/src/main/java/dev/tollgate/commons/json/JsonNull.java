package dev.tollgate.commons.json;

/** JSON's {@code null}: a value of its own, so a member set to null differs from an absent one. */
public enum JsonNull {
    NULL;

    @Override
    public String toString() {
        return "null";
    }
}
