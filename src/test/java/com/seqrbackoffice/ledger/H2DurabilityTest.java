package com.seqrbackoffice.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

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
}
