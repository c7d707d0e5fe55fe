package com.seqrbackoffice.app;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ManagementConsolesTest {

    @Test
    void consolesOnALoopbackHostAreAllowed() {
        assertThatCode(() -> ManagementConsoles.check("127.0.0.1", true, true)).doesNotThrowAnyException();
        assertThatCode(() -> ManagementConsoles.check("localhost", true, false)).doesNotThrowAnyException();
    }

    @Test
    void noConsoleOnAnyHostIsAllowed() {
        assertThatCode(() -> ManagementConsoles.check("0.0.0.0", false, false)).doesNotThrowAnyException();
    }

    @Test
    void jolokiaOrTheDeveloperConsoleOnAReachableHostIsRefusedWithTheSettingToChange() {
        assertThatThrownBy(() -> ManagementConsoles.check("0.0.0.0", true, false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("camel.management.host is 0.0.0.0").hasMessageContaining("camel.management.jolokia-enabled")
                .hasMessageNotContaining("dev-console");
        assertThatThrownBy(() -> ManagementConsoles.check("10.0.0.5", false, true))
                .hasMessageContaining("camel.management.dev-console-enabled");
    }
}
