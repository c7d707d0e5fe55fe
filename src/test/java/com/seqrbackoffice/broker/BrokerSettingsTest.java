package com.seqrbackoffice.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.app.Settings;
import com.seqrbackoffice.broker.BrokerSettings.BrokerUser;
import com.seqrbackoffice.testing.ConfigFile;

/** The embedded broker's users as broker.embedded.users writes them: name:password:role+role... */
class BrokerSettingsTest {

    @Test
    void theShippedUsersAreATillWithItsTerminalsRoleTheOrderSystemAndTheBackOffice() {
        Properties file = ConfigFile.load();
        BrokerSettings broker = BrokerSettings.from(new Settings(key -> Optional.ofNullable(file.getProperty(key))));

        assertThat(broker.embeddedUsers()).extracting(BrokerUser::name, BrokerUser::roles).containsExactly(
                tuple("till-1", Set.of("till", "terminal.till-1")),
                tuple("orders", Set.of("orders")),
                tuple("backoffice", Set.of("backoffice")));
    }

    @Test
    void aPasswordMayHoldColonsSinceTheRolesComeAfterTheLastOne() {
        BrokerUser user = BrokerUser.parse("till-7:pa:ss:till+terminal.till-7");

        assertThat(user.password()).isEqualTo("pa:ss");
        assertThat(user.roles()).containsExactlyInAnyOrder("till", "terminal.till-7");
        assertThat(user.toString()).doesNotContain("pa:ss");
    }

    @Test
    void anEntryWithoutNamePasswordOrRoleIsRefusedWithoutShowingThePassword() {
        for (String entry : new String[] {"till-7:secret-1", "till-7:secret-1:", ":secret-1:till", "till-7::till"}) {
            assertThatThrownBy(() -> BrokerUser.parse(entry)).as(entry)
                    .hasMessageContaining("broker.embedded.users").hasMessageNotContaining("secret-1");
        }
    }
}
