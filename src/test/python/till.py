"""A till written in Python, over AMQP 1.0 (python3-qpid-proton) or STOMP (python3-stomp): logs in as its own broker
user, registers itself, reads its own events queue with a selector and takes a payment to PAID, as docs/messages.md
tells a till developer to; the order system (its own user) sends the fulfilment.

Run by NonJavaTillsTest: python3 till.py amqp|stomp, with the broker, users, queues and ids in the environment.
Prints one JSON line per subscription ({"refused": address} or {"subscribed": address}) and per event received
({"properties": ..., "body": ...}); exits 1 with the reason on the last line if an event does not come.
"""
import json
import os
import queue
import sys
import time
import urllib.request
import uuid

TIMEOUT_SECONDS = 30
env = os.environ


class AmqpTill:
    def __init__(self, user, password):
        from proton.utils import BlockingConnection
        self.connection = BlockingConnection(
            "amqp://%s:%s" % (env["BROKER_HOST"], env["BROKER_PORT"]), timeout=TIMEOUT_SECONDS,
            user=user, password=password, allowed_mechs="PLAIN", allow_insecure_mechs=True)
        self.senders = {}

    def subscribe(self, address, selector):
        """True once the receiver is attached; False if the broker refuses this user the queue."""
        from proton import symbol
        from proton.reactor import ReceiverOption, Selector
        from proton.utils import LinkDetached

        class AnycastQueue(ReceiverOption):
            # the capability "queue": Artemis reads the address as an anycast queue, as the app sends to it
            def apply(self, receiver):
                receiver.source.capabilities.put_object(symbol("queue"))

        try:
            # a link name of its own: the broker ignores an attach under the name of a refused link not yet closed
            self.receiver = self.connection.create_receiver(address, name="%s-%s" % (address, uuid.uuid4()),
                                                            options=[Selector(selector), AnycastQueue()])
            return True
        except LinkDetached:
            return False

    def send(self, address, text):
        from proton import Message
        if address not in self.senders:
            self.senders[address] = self.connection.create_sender(address)
        # a string body is an AMQP value: the broker hands it on as a JMS text message
        self.senders[address].send(Message(body=text, durable=True))

    def next_event(self):
        message = self.receiver.receive(timeout=TIMEOUT_SECONDS)
        self.receiver.accept()
        return dict(message.properties or {}), message.body

    def close(self):
        self.connection.close()


class StompTill:
    def __init__(self, user, password):
        self.user, self.password = user, password
        self.frames = queue.Queue()
        self.connection = self.connect(None)
        self.receiving = None

    def connect(self, listener):
        import stomp
        # without content-length the broker makes each frame a JMS text message (with it, a bytes message)
        connection = stomp.Connection([(env["BROKER_HOST"], int(env["BROKER_PORT"]))], auto_content_length=False)
        if listener:
            connection.set_listener("events", listener)
        connection.connect(self.user, self.password, wait=True)
        return connection

    def subscribe(self, address, selector):
        """True once the broker confirms the subscription; False if it refuses this user the queue. A refusal is an
        ERROR frame, after which the broker closes the connection: each attempt has a connection of its own."""
        import stomp
        till, outcome = self, queue.Queue()

        class Listener(stomp.ConnectionListener):
            def on_message(self, frame):
                till.frames.put(frame)

            def on_receipt(self, frame):
                outcome.put(True)

            def on_error(self, frame):
                outcome.put(False)

        connection = self.connect(Listener())
        connection.subscribe(destination=address, id="events", ack="auto", headers={
            "selector": selector, "subscription-type": "ANYCAST", "receipt": "subscribed"})
        try:
            subscribed = outcome.get(timeout=TIMEOUT_SECONDS)
        except queue.Empty:
            subscribed = False
        if subscribed:
            self.receiving = connection
        else:
            try:
                connection.disconnect()
            except Exception:  # the broker may have closed it already
                pass
        return subscribed

    def send(self, address, text):
        self.connection.send(destination=address, body=text, headers={"persistent": "true"})

    def next_event(self):
        frame = self.frames.get(timeout=TIMEOUT_SECONDS)
        return dict(frame.headers), frame.body

    def close(self):
        for connection in (self.receiving, self.connection):
            if connection:
                connection.disconnect()


def await_event(till, wanted, description):
    """The next event of this till that satisfies wanted(properties, body); the others are printed and passed by."""
    while True:
        try:
            properties, text = till.next_event()
        except Exception as e:  # a timeout, whatever the client library calls it
            sys.exit("no %s event within %d s (%s)" % (description, TIMEOUT_SECONDS, type(e).__name__))
        body = json.loads(text)
        print(json.dumps({"properties": properties, "body": body}), flush=True)
        if body.get("type") == "ERROR":
            sys.exit("ERROR event while waiting for %s: %s" % (description, body))
        if wanted(properties, body):
            return body


def status(name):
    return lambda properties, body: body.get("type") == "PAYMENT_STATUS" and body.get("status") == name


def subscribe_once_readable(till, address, selector):
    """The terminal's own queue becomes readable when the app sends its first event: until then, subscribe again."""
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while not till.subscribe(address, selector):
        if time.monotonic() > deadline:
            sys.exit("%s still refused after %d s" % (address, TIMEOUT_SECONDS))
        time.sleep(0.2)
    print(json.dumps({"subscribed": address}), flush=True)


def main():
    client = {"amqp": AmqpTill, "stomp": StompTill}[sys.argv[1]]
    till = client(env["TILL_USER"], env["TILL_PASSWORD"])
    terminal, order = env["TERMINAL_ID"], env["ORDER_ID"]
    selector = "terminalId = '%s'" % terminal
    try:
        # every terminal's events are the back office's to read, not a till's
        if till.subscribe(env["SHARED_EVENTS_QUEUE"], selector):
            sys.exit("the till's user may read %s" % env["SHARED_EVENTS_QUEUE"])
        print(json.dumps({"refused": env["SHARED_EVENTS_QUEUE"]}), flush=True)

        till.send(env["COMMANDS_QUEUE"], json.dumps({
            "messageId": str(uuid.uuid4()), "command": "REGISTER", "terminalId": terminal, "name": "Python till"}))
        subscribe_once_readable(till, env["EVENTS_QUEUE"], selector)
        await_event(till, lambda properties, body: body.get("type") == "TERMINAL_REGISTERED", "TERMINAL_REGISTERED")

        till.send(env["PAYMENTS_QUEUE"], json.dumps({
            "messageId": str(uuid.uuid4()), "terminalId": terminal, "orderId": order, "title": "Pump 2",
            "amount": {"value": "300.00", "currency": "SEK"}}))
        issued = await_event(till, status("ISSUED"), "ISSUED")

        # the customer confirms in the SEQR app (the emulator's customer app)
        confirm = "%s/emulator/app/invoices/%s/confirm" % (env["EMULATOR_URL"], issued["invoiceReference"])
        urllib.request.urlopen(urllib.request.Request(confirm, method="POST"), timeout=TIMEOUT_SECONDS).read()
        await_event(till, status("RESERVED"), "RESERVED")

        orders = client(env["ORDERS_USER"], env["ORDERS_PASSWORD"])
        try:
            orders.send(env["FULFILMENT_QUEUE"], json.dumps({
                "messageId": str(uuid.uuid4()), "orderId": order, "finalAmount": {"value": "245.50", "currency": "SEK"}}))
        finally:
            orders.close()
        await_event(till, status("PAID"), "PAID")
    finally:
        till.close()


if __name__ == "__main__":
    main()
