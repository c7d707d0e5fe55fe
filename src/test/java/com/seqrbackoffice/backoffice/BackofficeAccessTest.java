package com.seqrbackoffice.backoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** Who may use the back office, for each way the management port can be bound. */
class BackofficeAccessTest {

    @Test
    void onLoopbackWithoutAPasswordItIsOpenToPeopleOnTheHost() {
        for (String host : new String[] {"127.0.0.1", "localhost", "::1"}) {
            BackofficeAccess access = BackofficeAccess.of(host, "backoffice", "");
            assertThat(access.mode()).as(host).isEqualTo(BackofficeAccess.Mode.OPEN);
            assertThat(access.admits(null)).isTrue();
        }
    }

    @Test
    void aPasswordIsAskedForWhereverOneIsSet() {
        assertThat(BackofficeAccess.of("127.0.0.1", "backoffice", "pw").mode()).isEqualTo(BackofficeAccess.Mode.PASSWORD);
        assertThat(BackofficeAccess.of("0.0.0.0", "backoffice", "pw").mode()).isEqualTo(BackofficeAccess.Mode.PASSWORD);
    }

    @Test
    void anotherAddressWithoutAPasswordRefusesToStart() {
        for (String host : new String[] {"0.0.0.0", "::", "192.0.2.10"}) {
            assertThatThrownBy(() -> BackofficeAccess.of(host, "backoffice", "")).as(host)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("set backoffice.http.password");
        }
    }

    @Test
    void onlyTheRightUserAndPasswordAreAdmitted() {
        BackofficeAccess access = BackofficeAccess.of("0.0.0.0", "auditor", "päss:word");

        assertThat(access.admits(basic("auditor", "päss:word"))).isTrue();
        assertThat(access.admits(basic("auditor", "päss:wor"))).isFalse();
        assertThat(access.admits(basic("Auditor", "päss:word"))).isFalse();
        assertThat(access.admits("Bearer x")).isFalse();
        assertThat(access.admits("Basic not-base64!")).isFalse();
        assertThat(access.admits(null)).isFalse();
    }

    @Test
    void aUserIsNeededBesideThePasswordAndHasNoColon() {
        assertThatThrownBy(() -> BackofficeAccess.of("0.0.0.0", "", "pw")).hasMessageContaining("backoffice.http.user");
        assertThatThrownBy(() -> BackofficeAccess.of("0.0.0.0", "a:b", "pw")).hasMessageContaining("without ':'");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
