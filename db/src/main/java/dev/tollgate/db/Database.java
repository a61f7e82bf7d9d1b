package dev.tollgate.db;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** How the store reaches its database: the data source (a connection pool for PostgreSQL) and the schema's migrations. */
final class Database {
    private Database() {
    }

    /** H2's data source, or a pool of PostgreSQL connections. */
    static DataSource dataSource(DatabaseSettings settings) {
        if (settings.type().equals("h2")) {
            var ds = new JdbcDataSource();
            ds.setURL(settings.jdbcUrl());
            ds.setUser(settings.user() == null ? "" : settings.user());
            ds.setPassword(settings.password() == null ? "" : settings.password());
            return ds;
        }
        var ds = new PGSimpleDataSource();
        ds.setUrl(settings.jdbcUrl());
        if (settings.user() != null) {
            ds.setUser(settings.user());
        }
        if (settings.password() != null) {
            ds.setPassword(settings.password());
        }
        ds.setConnectTimeout(5);
        ds.setSocketTimeout(30);
        // A pool: a new connection per call (TCP, startup, authentication) cost more than most
        // queries, 20 to 30 of which make the admin UI's Overview.
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(ds);
        pool.setPoolName("tollgate-database");
        pool.setMaximumPoolSize(10);
        pool.setMinimumIdle(2);
        // While the database is down a call fails within this instead of waiting for a connection.
        pool.setConnectionTimeout(1_500);
        pool.setValidationTimeout(1_000);
        // A node starts without its database (it serves the saved configuration) and connects later.
        pool.setInitializationFailTimeout(-1);
        pool.setKeepaliveTime(60_000);
        pool.setMaxLifetime(1_800_000);
        return new HikariDataSource(pool);
    }

    /** Closes the pool, if the data source is one. */
    static void close(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource pool) {
            pool.close();
        }
    }

    /** Applies the pending Flyway migrations; a failure is {@link StoreException.Unavailable}. */
    static void migrate(DatabaseSettings settings, DataSource dataSource) {
        try {
            Flyway.configure(Database.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new StoreException.Unavailable("database " + settings.describe() + ": " + ConfigStore.rootMessage(e), e);
        }
    }
}
