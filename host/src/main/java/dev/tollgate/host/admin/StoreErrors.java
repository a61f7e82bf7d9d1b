package dev.tollgate.host.admin;

import java.util.function.Supplier;

import dev.tollgate.db.StoreException;

/** Turns the store's refusals and outages into Admin API answers. */
final class StoreErrors {
    private StoreErrors() {
    }

    static <R> R translate(Supplier<R> write) {
        try {
            return write.get();
        } catch (StoreException.Duplicate e) {
            throw AdminException.conflict(e.getMessage(), e.fields());
        } catch (StoreException.Reference e) {
            throw AdminException.foreignKey(e.field().orElse(null), e.getMessage());
        } catch (StoreException.Ambiguous e) {
            throw AdminException.of(409, e.getMessage());
        } catch (StoreException.Unavailable e) {
            throw AdminException.of(503, "database unavailable: " + e.getMessage());
        }
    }
}
