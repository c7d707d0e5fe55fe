package com.seqrbackoffice.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The ledger database: one pooled DataSource, migrated by Flyway to the current schema before any route
 * starts. Shared tables live under db/migration/common; what differs by database (Quartz's tables, the
 * append-only guards) under db/migration/h2 and db/migration/postgresql, and one H2 step in Java
 * ({@link H2EntryTypeCheck}). An embedded H2 file is opened with no write delay, after its newest commits are made
 * the ones H2 opens, and the commits a crash interrupted are finished before anything reads it ({@link H2Durability}),
 * so that a commit survives a crash of the app as on PostgreSQL.
 */
public final class LedgerDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerDatabase.class);

    private final HikariDataSource dataSource;
    private final DataSource transactionAware;

    public LedgerDatabase(String url, String user, String password, int poolSize) {
        long recovered = H2Durability.recoverNewestCommits(url);
        if (recovered > 0) {
            LOG.warn("The H2 ledger was not closed cleanly: {} versions written before the stop were found beyond"
                    + " the version its header named, and are kept", recovered);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("ledger");
        config.setJdbcUrl(H2Durability.durableUrl(url));
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(30_000);
        this.dataSource = new HikariDataSource(config);
        this.transactionAware = new TransactionAwareDataSourceProxy(dataSource);
        if (H2Durability.opensH2FileInProcess(url)) {
            finishInterruptedCommits();
        }
    }

    private void finishInterruptedCommits() {
        try (Connection connection = dataSource.getConnection()) {
            int finished = H2Durability.finishInterruptedCommits(connection);
            if (finished > 0) {
                LOG.warn("The H2 ledger was not closed cleanly: {} commits it was making when it stopped were finished",
                        finished);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the ledger database at " + describe(), e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * The same pool, for a bean that reads the ledger from a route which may be in a ledger transaction: there it
     * gets that transaction's connection. A second connection from the pool would wait for one while holding one,
     * and when every connection was held so, each waited the pool's whole timeout (a status change publishing the
     * first event of a terminal did, 12 at once on a pool of 12, and polls behind them were late for SEQR's
     * 20-second rule). Outside a transaction it is a connection of its own, as from the pool.
     */
    public DataSource transactionAware() {
        return transactionAware;
    }

    /** Migrates the schema; returns how many migrations ran (0 when it was already current). */
    public int migrate() {
        String vendor = vendor();
        FluentConfiguration flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor);
        if (vendor.equals("h2")) {
            flyway.javaMigrations(new H2EntryTypeCheck());
        }
        MigrateResult result = flyway.load().migrate();
        return result.migrationsExecuted;
    }

    /**
     * The folder of this database's own migrations: "h2" or "postgresql". Resolved here because Flyway 13 no
     * longer expands a {vendor} placeholder in locations (it silently found no such folder).
     */
    private String vendor() {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (!product.equals("h2") && !product.equals("postgresql")) {
                throw new IllegalStateException("The ledger supports H2 and PostgreSQL, not " + product);
            }
            return product;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the ledger database at " + describe(), e);
        }
    }

    public boolean isReachable() {
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid(2);
            if (!valid) {
                // The pool skips its own check for a connection used within the last half second, so a health
                // probe polled often would get this dead connection back for ever after a database restart
                dataSource.evictConnection(connection);
            }
            return valid;
        } catch (SQLException e) {
            return false;
        }
    }

    public String describe() {
        return dataSource.getJdbcUrl();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
