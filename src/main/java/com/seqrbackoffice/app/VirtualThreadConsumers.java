package com.seqrbackoffice.app;

import org.apache.camel.Endpoint;
import org.apache.camel.component.jms.JmsEndpoint;
import org.apache.camel.spi.EndpointStrategy;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * Runs the consumers of every JMS endpoint on virtual threads, each named after its queue
 * ({@code JmsConsumer[seqr.status.polls]-12}, as Camel names its platform threads), unless the endpoint names a
 * {@code taskExecutor} of its own.
 * <p>
 * A consumer takes a message, runs the route to its end (SEQR calls, ledger transaction, the messages it sends) and
 * commits its session, all in its own thread: the JMS session and the ledger transaction are bound to that thread,
 * which is what makes a message's effect commit with its acknowledgement. On a platform thread, each consumer's
 * wait for SEQR held that thread, so polls per second were capped at consumers ÷ SEQR's answer time. A virtual
 * thread waiting for a socket (SEQR, PostgreSQL) or in the Artemis client's {@code synchronized} receive (JDK 24+,
 * JEP 491) leaves its carrier to others, so hundreds of consumers cost no more platform threads than the
 * scheduler's carriers (one per core).
 */
final class VirtualThreadConsumers implements EndpointStrategy {

    @Override
    public Endpoint registerEndpoint(String uri, Endpoint endpoint) {
        if (endpoint instanceof JmsEndpoint jms && jms.getTaskExecutor() == null) {
            SimpleAsyncTaskExecutor consumers = new SimpleAsyncTaskExecutor("JmsConsumer[" + jms.getDestinationName() + "]-");
            consumers.setVirtualThreads(true);
            jms.setTaskExecutor(consumers);
        }
        return endpoint;
    }
}
