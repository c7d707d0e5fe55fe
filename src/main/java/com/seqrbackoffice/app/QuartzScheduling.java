package com.seqrbackoffice.app;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

import javax.sql.DataSource;

import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * The {@code quartz} component the reporting and hold-deadline routes schedule with. By default its job store is
 * in memory (each instance fires its own triggers). With {@code quartz.clustered=true} it is Quartz's clustered
 * JDBC job store in the ledger database (tables from migration V2): the instances share the triggers and each
 * fire runs on one instance only. An instance that stops checking in has its triggers taken over by another, and
 * the jobs it was running (the routes ask for recovery) are run again there with their original scheduled fire time.
 */
final class QuartzScheduling {

    private QuartzScheduling() {
    }

    static QuartzComponent component(Settings settings, DataSource ledger) {
        Properties quartz = new Properties();
        quartz.setProperty("org.quartz.scheduler.instanceName", settings.get("quartz.scheduler-name"));
        quartz.setProperty("org.quartz.threadPool.threadCount", settings.get("quartz.thread-count"));
        quartz.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        QuartzComponent component = new QuartzComponent();
        if (settings.getBoolean("quartz.clustered")) {
            // One provider name per app: Quartz's connection manager is JVM-wide, and tests run apps one after another
            String dataSourceName = "ledger-" + Integer.toHexString(System.identityHashCode(ledger));
            DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new LedgerConnections(ledger));
            quartz.setProperty("org.quartz.scheduler.instanceId", settings.get("quartz.instance-id"));
            quartz.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
            // H2 runs in its PostgreSQL mode with BYTEA columns (V2), so one delegate serves both databases
            quartz.setProperty("org.quartz.jobStore.driverDelegateClass",
                    "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
            quartz.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
            quartz.setProperty("org.quartz.jobStore.tablePrefix", "qrtz_");
            quartz.setProperty("org.quartz.jobStore.isClustered", "true");
            quartz.setProperty("org.quartz.jobStore.clusterCheckinInterval", settings.get("quartz.cluster-checkin-ms"));
            quartz.setProperty("org.quartz.jobStore.misfireThreshold", settings.get("quartz.misfire-threshold-ms"));
            // Camel's job data holds only strings, but a BLOB keeps Quartz's defaults for any other job
            quartz.setProperty("org.quartz.jobStore.useProperties", "false");
            // every instance must use the same scheduler name to share the triggers
            component.setPrefixInstanceName(false);
        } else {
            quartz.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
            quartz.setProperty("org.quartz.jobStore.misfireThreshold", settings.get("quartz.misfire-threshold-ms"));
        }
        component.setProperties(quartz);
        component.setEnableJmx(false);
        return component;
    }

    /** Quartz borrows the ledger's pool; it commits and closes what it borrows. */
    private record LedgerConnections(DataSource dataSource) implements ConnectionProvider {

        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            // the ledger pool is closed by BackofficeResources
        }

        @Override
        public void initialize() {
        }
    }
}
