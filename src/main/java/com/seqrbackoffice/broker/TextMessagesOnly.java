package com.seqrbackoffice.broker;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.jms.JmsMessage;
import org.springframework.jms.support.converter.MessageConversionException;
import org.springframework.jms.support.converter.MessageConverter;

import com.seqrbackoffice.payments.InvalidMessageException;

/**
 * The queues carry JMS text messages holding JSON (CONTRACTS.md); any other type is refused unread.
 * <p>
 * As the {@code jms} component's message converter it reads the text of a text message and nothing of any other
 * type. Without it Camel converts the body when the exchange starts (the error policy keeps the original
 * message): an ObjectMessage would be deserialized, whatever classes a sender put in it, before any route step
 * could look at it. As the first step of every route that reads a queue (the error policy's
 * {@code interceptFrom}) it refuses such a message as bad input, so that it is dead-lettered with the reason.
 */
public final class TextMessagesOnly implements MessageConverter, Processor {

    public static final String CODE = "NOT_A_TEXT_MESSAGE";

    /** The text of a text message; null for any other type, whose body is never read. */
    @Override
    public Object fromMessage(Message message) throws JMSException {
        return message instanceof TextMessage text ? text.getText() : null;
    }

    /** The app sends text only (JSON, or nothing for a status poll and the dead letter of an unread message). */
    @Override
    public Message toMessage(Object body, Session session) throws JMSException {
        if (body != null && !(body instanceof String)) {
            throw new MessageConversionException("The app sends JMS text messages only, not a " + body.getClass().getName());
        }
        return session.createTextMessage((String) body);
    }

    @Override
    public void process(Exchange exchange) {
        if (exchange.getIn() instanceof JmsMessage in && in.getJmsMessage() != null
                && !(in.getJmsMessage() instanceof TextMessage)) {
            throw new InvalidMessageException(CODE, kind(in.getJmsMessage())
                    + " was refused unread: the queues take JMS text messages holding JSON only");
        }
    }

    private static String kind(Message message) {
        if (message instanceof ObjectMessage) {
            return "an ObjectMessage";
        }
        if (message instanceof BytesMessage) {
            return "a BytesMessage";
        }
        if (message instanceof MapMessage) {
            return "a MapMessage";
        }
        if (message instanceof StreamMessage) {
            return "a StreamMessage";
        }
        return "a JMS message without a body";
    }
}
