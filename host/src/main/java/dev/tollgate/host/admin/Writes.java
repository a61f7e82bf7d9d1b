package dev.tollgate.host.admin;

import java.util.function.Supplier;

import dev.tollgate.db.StoreException;

/** Turns the store's refusals into Admin API answers. */
final class Writes {
    private Writes() {
    }

    static <R> R translate(Supplier<R> write) {
        try {
            return write.get();
        } catch (StoreException.Duplicate e) {
            throw AdminException.conflict(e.getMessage(), e.fields());
        } catch (StoreException.Reference e) {
            throw AdminException.foreignKey(e.field().orElse(null), e.getMessage());
        } catch (StoreException.Unavailable e) {
            throw AdminException.of(503, "database unavailable: " + e.getMessage());
        }
    }
}
