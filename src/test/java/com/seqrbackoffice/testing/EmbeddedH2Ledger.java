package com.seqrbackoffice.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The embedded default ledger (an H2 file in the app's data folder) as a process-level test reads it while the
 * app runs in another JVM. The app opens it with the default {@code ledger.url} of config/application.properties
 * plus H2's mixed mode ({@code AUTO_SERVER}), which only adds a TCP server inside the app's own H2 engine: the app
 * still writes the file itself, so a kill -9 of the app loses what H2 had not written, as it would by default.
 * The test connects to that server with the key H2 writes to the lock file, and never opens the file itself: a
 * test that opened it while the app was down would become the engine the restarted app writes through.
 */
public final class EmbeddedH2Ledger {

    private final Path dataDir;
    private final int port = RunningApp.freePort();

    public EmbeddedH2Ledger(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** The app's {@code ledger.url}: the default one, in the test's data folder, with H2's mixed mode on a free port. */
    public String url() {
        // H2's mixed mode needs H2 to close the database at JVM exit: a difference at a clean stop, none at kill -9
        return ConfigFile.load().getProperty("ledger.url").replace("{{app.data-dir}}", dataDir.toString())
                .replace(";DB_CLOSE_ON_EXIT=FALSE", "") + ";AUTO_SERVER=TRUE;AUTO_SERVER_PORT=" + port;
    }

    /** A connection through the running app's H2 server; fails while the app is down. */
    public Connection connect() throws SQLException {
        Properties lock = new Properties();
        try (InputStream in = Files.newInputStream(dataDir.resolve("ledger.lock.db"))) {
            lock.load(in);
        } catch (IOException e) {
            throw new SQLException("The ledger is not open: no lock file in " + dataDir, e);
        }
        return DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:" + port + "/" + lock.getProperty("id"), "sa", "");
    }
}
