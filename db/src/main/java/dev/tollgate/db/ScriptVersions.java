package dev.tollgate.db;

import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

/** The last {@value #KEEP} sources of each script plugin ({@code script_plugin_versions}), newest first. */
public final class ScriptVersions {
    static final int KEEP = 20;

    /** One saved source: its number (1, 2, ...), when, and its length in characters. */
    public record Version(int version, long savedAt, int length, String source) {}

    private final ConfigStore store;

    public ScriptVersions(ConfigStore store) {
        this.store = store;
    }

    /** Adds the script's source as its next version (in the write's own transaction), unless it is the newest already. */
    static void record(Handle h, ScriptPlugin s, long now) {
        Optional<String> newest = h.createQuery("SELECT source FROM script_plugin_versions WHERE script_id = :id"
                        + " ORDER BY version DESC LIMIT 1").bind("id", s.id()).mapTo(String.class).findFirst();
        if (newest.isPresent() && newest.get().equals(s.source())) {
            return;
        }
        int next = h.createQuery("SELECT COALESCE(MAX(version), 0) + 1 FROM script_plugin_versions WHERE script_id = :id")
                .bind("id", s.id()).mapTo(Integer.class).one();
        h.createUpdate("INSERT INTO script_plugin_versions (script_id, version, source, saved_at) VALUES (:id, :v, :src, :at)")
                .bind("id", s.id()).bind("v", next).bind("src", s.source()).bind("at", now).execute();
        h.createUpdate("DELETE FROM script_plugin_versions WHERE script_id = :id AND version <= :old")
                .bind("id", s.id()).bind("old", next - KEEP).execute();
    }

    /** The script's versions, newest first, without their sources. */
    public List<Version> list(String scriptId) {
        return store.call(h -> h.createQuery("SELECT version, saved_at, LENGTH(source) FROM script_plugin_versions"
                        + " WHERE script_id = :id ORDER BY version DESC")
                .bind("id", scriptId)
                .map((rs, ctx) -> new Version(rs.getInt(1), rs.getLong(2), rs.getInt(3), null)).list());
    }

    public Optional<Version> get(String scriptId, int version) {
        return store.call(h -> h.createQuery("SELECT version, saved_at, LENGTH(source), source FROM script_plugin_versions"
                        + " WHERE script_id = :id AND version = :v")
                .bind("id", scriptId).bind("v", version)
                .map((rs, ctx) -> new Version(rs.getInt(1), rs.getLong(2), rs.getInt(3), rs.getString(4))).findFirst());
    }
}
