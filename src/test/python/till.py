"""A till written in Python, over AMQP 1.0 (python3-qpid-proton) or STOMP (python3-stomp): registers itself, takes
a payment to PAID and reads its own events with a selector, as docs/messages.md tells a till developer to.

Run by NonJavaTillsTest: python3 till.py amqp|stomp, with the broker, queues and ids in the environment. Prints one
JSON line per event received ({"properties": ..., "body": ...}); exits 1 with the reason on the last line if an
event does not come.
"""
import json
import os
import queue
import sys
import urllib.request
import uuid

TIMEOUT_SECONDS = 30
env = os.environ


class AmqpTill:
    def __init__(self):
        from proton.utils import BlockingConnection
        self.connection = BlockingConnection(
            "amqp://%s:%s" % (env["BROKER_HOST"], env["BROKER_PORT"]), timeout=TIMEOUT_SECONDS,
            user=env["BROKER_USER"], password=env["BROKER_PASSWORD"], allowed_mechs="PLAIN", allow_insecure_mechs=True)
        self.senders = {}

    def subscribe(self, address, selector):
        from proton.reactor import Selector
        self.receiver = self.connection.create_receiver(address, options=Selector(selector))

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
    def __init__(self):
        import stomp
        # without content-length the broker makes each frame a JMS text message (with it, a bytes message)
        self.connection = stomp.Connection([(env["BROKER_HOST"], int(env["BROKER_PORT"]))], auto_content_length=False)
        self.frames = queue.Queue()
        till = self

        class Listener(stomp.ConnectionListener):
            def on_message(self, frame):
                till.frames.put(frame)

        self.connection.set_listener("events", Listener())
        self.connection.connect(env["BROKER_USER"], env["BROKER_PASSWORD"], wait=True)

    def subscribe(self, address, selector):
        self.connection.subscribe(destination=address, id="events", ack="auto", headers={"selector": selector})

    def send(self, address, text):
        self.connection.send(destination=address, body=text, headers={"persistent": "true"})

    def next_event(self):
        frame = self.frames.get(timeout=TIMEOUT_SECONDS)
        return dict(frame.headers), frame.body

    def close(self):
        self.connection.disconnect()


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


def main():
    till = {"amqp": AmqpTill, "stomp": StompTill}[sys.argv[1]]()
    terminal, order = env["TERMINAL_ID"], env["ORDER_ID"]
    try:
        till.subscribe(env["EVENTS_QUEUE"], "terminalId = '%s'" % terminal)

        till.send(env["COMMANDS_QUEUE"], json.dumps({
            "messageId": str(uuid.uuid4()), "command": "REGISTER", "terminalId": terminal, "name": "Python till"}))
        await_event(till, lambda properties, body: body.get("type") == "TERMINAL_REGISTERED", "TERMINAL_REGISTERED")

        till.send(env["PAYMENTS_QUEUE"], json.dumps({
            "messageId": str(uuid.uuid4()), "terminalId": terminal, "orderId": order, "title": "Pump 2",
            "amount": {"value": "300.00", "currency": "SEK"}}))
        issued = await_event(till, status("ISSUED"), "ISSUED")

        # the customer confirms in the SEQR app (the emulator's customer app)
        confirm = "%s/emulator/app/invoices/%s/confirm" % (env["EMULATOR_URL"], issued["invoiceReference"])
        urllib.request.urlopen(urllib.request.Request(confirm, method="POST"), timeout=TIMEOUT_SECONDS).read()
        await_event(till, status("RESERVED"), "RESERVED")

        till.send(env["FULFILMENT_QUEUE"], json.dumps({
            "messageId": str(uuid.uuid4()), "orderId": order, "finalAmount": {"value": "245.50", "currency": "SEK"}}))
        await_event(till, status("PAID"), "PAID")
    finally:
        till.close()


if __name__ == "__main__":
    main()
