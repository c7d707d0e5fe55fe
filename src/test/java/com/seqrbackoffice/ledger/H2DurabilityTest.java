package com.seqrbackoffice.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2DurabilityTest {

    private static final String DEFAULT = "jdbc:h2:file:./data/ledger;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";

    @Test
    void anEmbeddedFileUrlGetsNoWriteDelay() {
        assertThat(H2Durability.durableUrl(DEFAULT)).isEqualTo(DEFAULT + ";WRITE_DELAY=0");
        assertThat(H2Durability.durableUrl("jdbc:h2:./data/ledger")).isEqualTo("jdbc:h2:./data/ledger;WRITE_DELAY=0");
        assertThat(H2Durability.durableUrl("jdbc:h2:file:/var/ledger;AUTO_SERVER=TRUE"))
                .isEqualTo("jdbc:h2:file:/var/ledger;AUTO_SERVER=TRUE;WRITE_DELAY=0");
    }

    @Test
    void anExplicitZeroWriteDelayIsKept() {
        assertThat(H2Durability.durableUrl(DEFAULT + ";WRITE_DELAY=0")).isEqualTo(DEFAULT + ";WRITE_DELAY=0");
        assertThat(H2Durability.durableUrl(DEFAULT + ";write_delay = 0;IFEXISTS=TRUE"))
                .isEqualTo(DEFAULT + ";write_delay = 0;IFEXISTS=TRUE");
    }

    @Test
    void anotherWriteDelayIsRefusedWithTheReason() {
        assertThatThrownBy(() -> H2Durability.durableUrl(DEFAULT + ";WRITE_DELAY=500"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WRITE_DELAY=500")
                .hasMessageContaining("a crash of the app would lose them");
        assertThatThrownBy(() -> H2Durability.durableUrl("jdbc:h2:file:/l;Write_Delay=10;MODE=PostgreSQL"))
                .hasMessageContaining("WRITE_DELAY=10");
    }

    @Test
    void urlsTheAppDoesNotOpenAsAnEmbeddedFileAreLeftAlone() {
        for (String url : new String[] {"jdbc:postgresql://db:5432/seqr", "jdbc:h2:mem:test;DB_CLOSE_DELAY=-1",
                "jdbc:h2:tcp://127.0.0.1:9092/ledger", "jdbc:h2:ssl://db/ledger;WRITE_DELAY=500"}) {
            assertThat(H2Durability.durableUrl(url)).isEqualTo(url);
        }
    }

    /**
     * The file as a kill -9 can leave it (CrashRecoveryIT found one): the header names an older chunk, and the
     * newest commits sit in space older chunks freed, where H2's next open does not look.
     */
    @Test
    void commitsBeyondTheVersionTheHeaderNamesAreKept(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("ledger.mv.db");
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        store.setRetentionTime(0);
        MVMap<Integer, String> old = store.openMap("old");
        for (int key = 0; key < 2000; key++) {
            old.put(key, "x".repeat(1000));
        }
        store.commit();
        MVMap<Integer, String> payments = store.openMap("payments");
        payments.put(1, "ISSUED");
        store.commit();
        store.removeMap(old);
        store.commit();
        ByteBuffer header = ByteBuffer.allocate(8192);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.read(header, 0);
        }
        for (int update = 0; update < 5; update++) {
            payments.put(1, "RESERVED " + update);
            store.commit();
        }
        store.closeImmediately();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(header.flip(), 0);
        }
        assertThat(lastPayment(file)).as("the file as H2 would open it").isNotEqualTo("RESERVED 4");

        assertThat(H2Durability.recoverNewestCommits("jdbc:h2:file:" + folder.resolve("ledger") + ";MODE=PostgreSQL"))
                .isPositive();

        assertThat(lastPayment(file)).isEqualTo("RESERVED 4");
    }

    @Test
    void aLedgerClosedCleanlyOrNotThereYetIsLeftAsItIs(@TempDir Path folder) throws Exception {
        String url = "jdbc:h2:file:" + folder.resolve("ledger") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        assertThat(H2Durability.recoverNewestCommits(url)).isZero();
        try (Connection connection = DriverManager.getConnection(H2Durability.durableUrl(url), "sa", "")) {
            connection.createStatement().execute("create table payments (order_id varchar(20))");
            connection.createStatement().execute("insert into payments values ('o-1')");
        }
        long modified = folder.resolve("ledger.mv.db").toFile().lastModified();

        assertThat(H2Durability.recoverNewestCommits(url)).isZero();

        assertThat(folder.resolve("ledger.mv.db").toFile().lastModified()).isEqualTo(modified);
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             ResultSet rows = connection.createStatement().executeQuery("select count(*) from payments")) {
            rows.next();
            assertThat(rows.getInt(1)).isOne();
        }
        assertThat(H2Durability.recoverNewestCommits("jdbc:postgresql://db:5432/seqr")).isZero();
        assertThat(H2Durability.recoverNewestCommits("jdbc:h2:mem:ledger")).isZero();
    }

    private static String lastPayment(Path file) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            return store.hasMap("payments") ? store.<Integer, String>openMap("payments").get(1) : null;
        } finally {
            store.closeImmediately();
        }
    }
}
