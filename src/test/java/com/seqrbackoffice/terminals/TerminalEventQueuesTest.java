package com.seqrbackoffice.terminals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * A terminal's events queue is named at once, whatever the broker takes to set its permission: an event asks for
 * it in the background, a registration sets it before its event; the ledger decides which terminals get a queue.
 */
class TerminalEventQueuesTest {

    private final List<String> granted = new ArrayList<>();
    private final List<Runnable> background = new ArrayList<>();
    private boolean brokerRefuses;
    private final TerminalEventQueues queues = new TerminalEventQueues("pos.payment.events",
            Set.of("till-1", "till-2")::contains, (queue, terminalId) -> {
                if (brokerRefuses) {
                    throw new IllegalStateException("The broker did not answer addSecuritySettings within 2000 ms");
                }
                granted.add(queue + " for " + terminalId);
            }, background::add);

    @Test
    void anEventNamesTheQueueBeforeThePermissionIsSetAndAsksForItOnce() {
        assertThat(queues.queueFor("till-1")).isEqualTo("pos.payment.events.till-1");
        assertThat(granted).as("set while the event waits").isEmpty();
        assertThat(queues.queueFor("till-1")).isEqualTo("pos.payment.events.till-1");
        assertThat(background).as("asked once").hasSize(1);

        background.forEach(Runnable::run);

        assertThat(granted).containsExactly("pos.payment.events.till-1 for till-1");
        queues.queueFor("till-1");
        assertThat(background).hasSize(1);
    }

    @Test
    void aRegistrationSetsThePermissionBeforeItsEventAndTheEventsAfterAskNothing() {
        queues.open("till-2");

        assertThat(granted).containsExactly("pos.payment.events.till-2 for till-2");
        assertThat(queues.queueFor("till-2")).isEqualTo("pos.payment.events.till-2");
        assertThat(background).isEmpty();
    }

    @Test
    void aTerminalTheLedgerDoesNotKnowGetsNoQueue() {
        assertThat(queues.queueFor("till-forged")).isNull();
        assertThat(queues.queueFor(null)).isNull();
        assertThat(background).isEmpty();
        assertThat(granted).isEmpty();
    }

    @Test
    void aPermissionTheBrokerRefusedIsAskedForAgainAtTheNextEvent() {
        brokerRefuses = true;
        queues.open("till-1");
        assertThat(granted).isEmpty();

        brokerRefuses = false;
        assertThat(queues.queueFor("till-1")).as("the event still names the queue").isEqualTo("pos.payment.events.till-1");
        background.forEach(Runnable::run);

        assertThat(granted).containsExactly("pos.payment.events.till-1 for till-1");
    }
}
