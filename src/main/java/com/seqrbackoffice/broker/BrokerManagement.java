package com.seqrbackoffice.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;

import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;

/**
 * Management operations on the broker, the embedded one or an external one alike: a request message to the
 * broker's management address, answered on a temporary queue (Artemis' management over messaging). The app's
 * role has the {@code manage} permission it needs.
 */
public final class BrokerManagement {

    private final ConnectionFactory connections;
    private final String managementAddress;
    private final Duration timeout;
    // One call at a time: each waits for its answer on a temporary queue, and dozens at once (every terminal's first
    // event after a start, from as many virtual-thread consumers) made the broker client report concurrent session
    // use and time out (AMQ219014), stalling every consumer (CrashRecoveryIT)
    private final ReentrantLock oneCallAtATime = new ReentrantLock();

    public BrokerManagement(ConnectionFactory connections, String managementAddress, Duration timeout) {
        this.connections = connections;
        this.managementAddress = managementAddress;
        this.timeout = timeout;
    }

    /**
     * Sets the permissions on one address (an exact name: it has no wildcard), replacing any it had. The broker
     * keeps them in its journal, so they outlive its restarts.
     */
    public void setPermissions(String address, Map<String, Set<String>> permissionsByRole) {
        List<Object> arguments = new ArrayList<>();
        arguments.add(address);
        for (String permission : BrokerRoles.PERMISSIONS) {
            arguments.add(String.join(",", permissionsByRole.entrySet().stream()
                    .filter(role -> role.getValue().contains(permission)).map(Map.Entry::getKey).sorted().toList()));
        }
        invoke("addSecuritySettings", arguments.toArray());
    }

    private void invoke(String operation, Object... arguments) {
        oneCallAtATime.lock();
        try {
            invokeAlone(operation, arguments);
        } finally {
            oneCallAtATime.unlock();
        }
    }

    private void invokeAlone(String operation, Object... arguments) {
        try (Connection connection = connections.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            Message request = session.createMessage();
            JMSManagementHelper.putOperationInvocation(request, ResourceNames.BROKER, operation, arguments);
            request.setJMSReplyTo(replies);
            try (var producer = session.createProducer(session.createQueue(managementAddress));
                 var consumer = session.createConsumer(replies)) {
                producer.send(request);
                Message reply = consumer.receive(timeout.toMillis());
                if (reply == null) {
                    throw new IllegalStateException("The broker did not answer " + operation + " within " + timeout.toMillis() + " ms");
                }
                if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
                    throw new IllegalStateException("The broker refused " + operation + ": " + JMSManagementHelper.getResult(reply));
                }
            }
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot ask the broker for " + operation, e);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the broker's answer to " + operation, e);
        }
    }
}
