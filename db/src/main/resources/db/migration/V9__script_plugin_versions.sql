-- The last versions of each script plugin's source, written with every save in the same
-- transaction, so an earlier one can be looked at and put back (the admin UI's roll back).
-- The newest 20 of a script are kept; they go with the script.
CREATE TABLE script_plugin_versions (
  script_id  VARCHAR(36) NOT NULL REFERENCES script_plugins (id) ON DELETE CASCADE,
  version    INT NOT NULL,
  source     VARCHAR(1000000) NOT NULL,
  saved_at   BIGINT NOT NULL,
  PRIMARY KEY (script_id, version)
);
