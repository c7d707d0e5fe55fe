package com.seqrbackoffice.seqr.emulator;

import static com.seqrbackoffice.seqr.api.InvoiceStatus.CANCELED;
import static com.seqrbackoffice.seqr.api.InvoiceStatus.EXPIRED;
import static com.seqrbackoffice.seqr.api.InvoiceStatus.ISSUED;
import static com.seqrbackoffice.seqr.api.InvoiceStatus.PAID;
import static com.seqrbackoffice.seqr.api.InvoiceStatus.RESERVED;

import com.seqrbackoffice.seqr.api.Amount;
import com.seqrbackoffice.seqr.api.ClientContext;
import com.seqrbackoffice.seqr.api.ErswsPaymentStatusResponse;
import com.seqrbackoffice.seqr.api.Invoice;
import com.seqrbackoffice.seqr.api.InvoiceStatus;
import com.seqrbackoffice.seqr.api.Parameter;
import com.seqrbackoffice.seqr.api.ParameterMap;
import com.seqrbackoffice.seqr.api.PaymentInvoiceRow;
import com.seqrbackoffice.seqr.api.PaymentMode;
import com.seqrbackoffice.seqr.api.PrincipalId;
import com.seqrbackoffice.seqr.api.Receipt;
import com.seqrbackoffice.seqr.api.Report;
import com.seqrbackoffice.seqr.client.SeqrResultCode;
import com.seqrbackoffice.seqr.emulator.EmulatorSettings.Reseller;
import com.seqrbackoffice.seqr.emulator.EmulatorSettings.TerminalAccount;
import com.seqrbackoffice.seqr.emulator.InvoiceStateMachine.Event;
import com.seqrbackoffice.seqr.emulator.InvoiceStateMachine.Outcome;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulated SEQR back end: accounts, invoices, payments, refunds and reconciliation, without SOAP. Every
 * invoice is guarded by its own monitor; the maps are concurrent, so terminals never wait for each other.
 * Timed rules (auto-confirm, the 20-second reversal, reservation expiry) are deadlines in one queue that
 * {@link #sweep()} works off against the injected clock.
 */
final class SeqrBackend {

    private static final Logger LOG = LoggerFactory.getLogger(SeqrBackend.class);
    private static final String QR_PREFIX = "HTTP://SEQR.SE/R";
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern SEQR_ID = Pattern.compile("[A-Za-z0-9]+");
    private static final DatatypeFactory DATATYPES = datatypeFactory();

    static final class Terminal {
        final String terminalId;
        final String externalId;
        final String resellerId;
        /** A registered terminal holds one open invoice (FAQ, API.md §7); the shared public test terminal does not. */
        final boolean cashRegister;
        final AtomicReference<String> openInvoice = new AtomicReference<>();
        volatile String name;
        volatile String password;
        volatile String seqrId;

        Terminal(String terminalId, String externalId, String resellerId, boolean cashRegister, String name,
                 String password) {
            this.terminalId = terminalId;
            this.externalId = externalId;
            this.resellerId = resellerId;
            this.cashRegister = cashRegister;
            this.name = name;
            this.password = password;
        }
    }

    /** Mutable state of one invoice; every field below the finals is guarded by the object's monitor. */
    static final class EmulatedInvoice {
        final String reference;
        final Terminal terminal;
        final PaymentMode mode;
        final String currency;
        final Long commitTimeoutSeconds;
        Invoice invoice;
        InvoiceStatus status = ISSUED;
        int version;
        BigDecimal reserved;
        BigDecimal paid;
        BigDecimal refunded = BigDecimal.ZERO;
        String ersReference;
        Receipt receipt;
        boolean reversed;
        /** Set while a RESERVED or PAID status waits for getPaymentStatus; null once polled. */
        Instant acknowledgeBy;
        Instant commitBy;

        EmulatedInvoice(String reference, Terminal terminal, Invoice invoice) {
            this.reference = reference;
            this.terminal = terminal;
            this.invoice = invoice;
            this.mode = invoice.getPaymentMode();
            this.currency = invoice.getTotalAmount().getCurrency();
            this.commitTimeoutSeconds = invoice.getCommitReservationTimeout();
        }

        BigDecimal total() {
            return invoice.getTotalAmount().getValue();
        }
    }

    private enum DeadlineKind {
        AUTO_CONFIRM, ACKNOWLEDGE, COMMIT_TIMEOUT
    }

    private record Deadline(Instant due, String invoiceReference, DeadlineKind kind) {
    }

    private record AutoConfirm(boolean enabled, Duration delay) {
    }

    private final Clock clock;
    private final EmulatorSettings settings;
    private final Counters counters;
    private final References references;
    private final ReconciliationJournal journal;
    private final Map<String, Reseller> resellers = new ConcurrentHashMap<>();
    private final Map<String, Terminal> terminals = new ConcurrentHashMap<>();
    /** resellerId|externalTerminalId to terminalId, so that registering a till again answers its terminalId. */
    private final Map<String, String> registrations = new ConcurrentHashMap<>();
    /** Every terminal ever known, unregistered ones included, so that their last period can still be reported. */
    private final Map<String, String> terminalOwners = new ConcurrentHashMap<>();
    private final Map<String, String> seqrIds = new ConcurrentHashMap<>();
    private final Map<String, EmulatedInvoice> invoices = new ConcurrentHashMap<>();
    private final Map<String, EmulatedInvoice> paymentsByErsReference = new ConcurrentHashMap<>();
    private final Set<String> waitingForCustomer = ConcurrentHashMap.newKeySet();
    private final PriorityBlockingQueue<Deadline> deadlines =
            new PriorityBlockingQueue<>(64, Comparator.comparing(Deadline::due));
    private volatile AutoConfirm autoConfirm;
    private volatile BiConsumer<String, Instant> statusPollListener = (invoiceReference, at) -> { };

    SeqrBackend(EmulatorSettings settings, Clock clock, Counters counters) {
        this.settings = settings;
        this.clock = clock;
        this.counters = counters;
        this.references = new References(clock);
        this.journal = new ReconciliationJournal(clock.instant());
        this.autoConfirm = new AutoConfirm(settings.autoConfirm(), settings.autoConfirmDelay());
        for (Reseller reseller : settings.allResellers()) {
            resellers.put(resellerKey(reseller.id(), reseller.userId()), reseller);
        }
        for (TerminalAccount account : settings.allTerminals()) {
            boolean shared = account.terminalId().equals(EmulatorSettings.PUBLIC_TEST_TERMINAL.terminalId());
            terminals.put(account.terminalId(), new Terminal(account.terminalId(), account.terminalId(),
                    account.resellerId(), !shared, account.terminalId(), account.password()));
            terminalOwners.put(account.terminalId(), account.resellerId());
        }
    }

    // ---- authentication (API.md §4 principalId, §6 codes 20, 21, 29, 37) ----

    Terminal authenticateTerminal(ClientContext context) {
        PrincipalId principal = context == null ? null : context.getInitiatorPrincipalId();
        if (principal == null || !"TERMINALID".equals(principal.getType()) || principal.getId() == null) {
            throw new Refusal(SeqrResultCode.INVALID_INITIATOR_PRINCIPAL_ID, "a TERMINALID principal is required");
        }
        Terminal terminal = terminals.get(principal.getId());
        if (terminal == null) {
            throw new Refusal(SeqrResultCode.INVALID_INITIATOR_PRINCIPAL_ID, "no terminal " + principal.getId());
        }
        String password = terminal.password;
        if (!samePassword(password, context.getPassword())) {
            throw new Refusal(SeqrResultCode.AUTHENTICATION_FAILED, "wrong password for terminal " + terminal.terminalId);
        }
        if (password.length() < 4) {
            throw new Refusal(SeqrResultCode.ACCESS_DENIED, "password of terminal " + terminal.terminalId
                    + " is shorter than 4 characters");
        }
        return terminal;
    }

    Reseller authenticateReseller(ClientContext context) {
        PrincipalId principal = context == null ? null : context.getInitiatorPrincipalId();
        Reseller reseller = principal == null || !"RESELLERUSER".equals(principal.getType()) ? null
                : resellers.get(resellerKey(principal.getId(), principal.getUserId()));
        if (reseller == null) {
            throw new Refusal(SeqrResultCode.INITIATOR_PRINCIPAL_NOT_FOUND, "a known RESELLERUSER principal is required");
        }
        if (!samePassword(reseller.password(), context.getPassword())) {
            throw new Refusal(SeqrResultCode.AUTHENTICATION_FAILED, "wrong password for reseller " + reseller.id());
        }
        return reseller;
    }

    // ---- terminals ----

    String registerTerminal(Reseller reseller, String externalTerminalId, String password, String name) {
        if (externalTerminalId == null || externalTerminalId.isBlank()) {
            throw new Refusal(SeqrResultCode.REGISTRATION_NOT_POSSIBLE, "externalTerminalId is required");
        }
        String key = reseller.id() + "|" + externalTerminalId;
        String terminalId = registrations.computeIfAbsent(key, k -> {
            String id = references.terminalId();
            terminals.put(id, new Terminal(id, externalTerminalId, reseller.id(), true, name,
                    password == null ? "" : password));
            terminalOwners.put(id, reseller.id());
            return id;
        });
        Terminal terminal = terminals.get(terminalId);
        terminal.password = password == null ? "" : password;
        terminal.name = name;
        LOG.debug("Terminal {} registered as {} for {}", externalTerminalId, terminalId, reseller.id());
        return terminalId;
    }

    void unregisterTerminal(Terminal terminal) {
        terminals.remove(terminal.terminalId);
        registrations.remove(terminal.resellerId + "|" + terminal.externalId, terminal.terminalId);
        String seqrId = terminal.seqrId;
        if (seqrId != null) {
            seqrIds.remove(seqrId, terminal.terminalId);
        }
        LOG.debug("Terminal {} unregistered", terminal.terminalId);
    }

    void assignSeqrId(Terminal terminal, String seqrId) {
        if (seqrId == null || !SEQR_ID.matcher(seqrId).matches()) {
            throw new Refusal(SeqrResultCode.INVALID_SEQR_ID, "a SEQR ID is alphanumeric");
        }
        String holder = seqrIds.putIfAbsent(seqrId, terminal.terminalId);
        if (holder != null && !holder.equals(terminal.terminalId)) {
            throw new Refusal(SeqrResultCode.INVALID_SEQR_ID, "SEQR ID " + seqrId + " belongs to another terminal");
        }
        String previous = terminal.seqrId;
        terminal.seqrId = seqrId;
        if (previous != null && !previous.equals(seqrId)) {
            seqrIds.remove(previous, terminal.terminalId);
        }
    }

    // ---- invoices ----

    EmulatedInvoice sendInvoice(Terminal terminal, Invoice invoice) {
        validate(invoice, null);
        if (invoice.getPaymentMode() == null) {
            throw new Refusal(SeqrResultCode.INVALID_INVOICE_DATA, "paymentMode is required");
        }
        Long timeout = invoice.getCommitReservationTimeout();
        if (invoice.getPaymentMode() == PaymentMode.RESERVATION_REQUIRED_PRELIMINARY_AMOUNT
                && (timeout == null || timeout <= 0)) {
            // API.md §7 (PRE): "and you have to set commitReservationTimeout"
            throw new Refusal(SeqrResultCode.INVALID_INVOICE_DATA, "a preliminary invoice needs commitReservationTimeout");
        }
        EmulatedInvoice created = new EmulatedInvoice(references.invoiceReference(), terminal, invoice);
        invoices.put(created.reference, created);
        counters.created(ISSUED);
        waitingForCustomer.add(created.reference);
        LOG.debug("Invoice {} issued on terminal {}", created.reference, terminal.terminalId);
        if (terminal.cashRegister) {
            String previous = terminal.openInvoice.getAndSet(created.reference);
            EmulatedInvoice replaced = previous == null ? null : invoices.get(previous);
            if (replaced != null) {
                synchronized (replaced) {
                    applyIfDefined(replaced, Event.NEW_INVOICE_ON_TERMINAL);
                }
            }
        }
        AutoConfirm auto = autoConfirm;
        if (auto.enabled()) {
            if (auto.delay().isZero()) {
                confirmIfIssued(created);
            } else {
                deadlines.add(new Deadline(clock.instant().plus(auto.delay()), created.reference,
                        DeadlineKind.AUTO_CONFIRM));
            }
        }
        return created;
    }

    static String qrCode(EmulatedInvoice invoice) {
        return QR_PREFIX + invoice.reference;
    }

    ErswsPaymentStatusResponse getPaymentStatus(Terminal terminal, String invoiceReference) {
        EmulatedInvoice invoice = owned(terminal, invoiceReference);
        statusPollListener.accept(invoiceReference, clock.instant());
        ErswsPaymentStatusResponse response = new ErswsPaymentStatusResponse();
        synchronized (invoice) {
            invoice.acknowledgeBy = null;
            response.setStatus(invoice.status);
            response.setVersion(invoice.version);
            if (invoice.status == PAID) {
                response.setErsReference(invoice.ersReference);
                response.setReceipt(invoice.receipt);
            }
        }
        return response;
    }

    void updateInvoice(Terminal terminal, String invoiceReference, Invoice update) {
        EmulatedInvoice invoice = owned(terminal, invoiceReference);
        synchronized (invoice) {
            if (invoice.status != ISSUED && invoice.status != RESERVED) {
                throw new Refusal(SeqrResultCode.INVOICE_STATE_NOT_RESERVED, "invoice " + invoiceReference + " is "
                        + invoice.status + "; only ISSUED or RESERVED invoices can be updated");
            }
            validate(update, invoice.currency);
            invoice.invoice = update;
        }
    }

    void commitReservation(Terminal terminal, Amount amount, String invoiceReference) {
        EmulatedInvoice invoice = owned(terminal, invoiceReference);
        synchronized (invoice) {
            InvoiceStatus paid = target(invoice, Event.MERCHANT_COMMITTED);
            // API.md §7: no amount commits the whole invoice (its total after any updateInvoice)
            BigDecimal value = amount == null || amount.getValue() == null ? invoice.total() : amount.getValue();
            String currency = amount == null || amount.getCurrency() == null ? invoice.currency : amount.getCurrency();
            if (!invoice.currency.equals(currency) || value.signum() <= 0 || tooManyDecimals(value)) {
                throw new Refusal(SeqrResultCode.REJECTED_AMOUNT, "commit amount " + value + " " + currency
                        + " does not fit invoice " + invoiceReference);
            }
            if (value.compareTo(invoice.reserved) > 0 && !settings.allowOverCommit()) {
                throw new Refusal(SeqrResultCode.REJECTED_AMOUNT, "commit amount " + value + " is above the reserved "
                        + invoice.reserved);
            }
            move(invoice, paid, Event.MERCHANT_COMMITTED, value);
        }
    }

    /**
     * The commit's response never reached the cash register: as with a customer's payment, the PAID status now
     * needs a getPaymentStatus within the reversal period (see docs/emulator.md, "Inferred behaviour").
     */
    void commitResponseLost(String invoiceReference) {
        EmulatedInvoice invoice = invoices.get(invoiceReference);
        if (invoice == null) {
            return;
        }
        synchronized (invoice) {
            if (invoice.status == PAID && !invoice.reversed) {
                awaitAcknowledgement(invoice, clock.instant());
            }
        }
    }

    void cancelInvoice(Terminal terminal, String invoiceReference) {
        EmulatedInvoice invoice = owned(terminal, invoiceReference);
        synchronized (invoice) {
            move(invoice, target(invoice, Event.MERCHANT_CANCELED), Event.MERCHANT_CANCELED, null);
        }
    }

    /** Returns the refund's own ersReference. */
    String refundPayment(Terminal terminal, String ersReference, Invoice refund) {
        EmulatedInvoice payment = ersReference == null ? null : paymentsByErsReference.get(ersReference);
        if (payment == null || !payment.terminal.resellerId.equals(terminal.resellerId)) {
            throw new Refusal(SeqrResultCode.INVALID_ERS_REFERENCE, "no payment " + ersReference + " in this shop");
        }
        validate(refund, payment.currency);
        BigDecimal value = refund.getTotalAmount().getValue();
        synchronized (payment) {
            // a reversed payment has nothing left to refund: the customer already has the money back
            BigDecimal refundable = payment.reversed ? BigDecimal.ZERO : payment.paid.subtract(payment.refunded);
            if (value.compareTo(refundable) > 0) {
                throw new Refusal(SeqrResultCode.SUM_OF_REFUNDS_CAN_NOT_BE_MORE_THAN_ORIGINAL_TRANSACTION,
                        "refund " + value + " is above the refundable " + refundable);
            }
            payment.refunded = payment.refunded.add(value);
            String refundReference = references.ersReference();
            journal.record(Transaction.Type.REFUND, clock.instant(), payment.reference, refundReference,
                    payment.ersReference, payment.invoice.getClientInvoiceId(), payment.terminal.terminalId,
                    payment.terminal.resellerId, value, payment.currency);
            return refundReference;
        }
    }

    Optional<String> invoiceReferenceOfPayment(String ersReference) {
        EmulatedInvoice payment = ersReference == null ? null : paymentsByErsReference.get(ersReference);
        return Optional.ofNullable(payment).map(p -> p.reference);
    }

    // ---- reconciliation (API.md §7 "Reporting") ----

    String markTransactionPeriod(Reseller reseller, ParameterMap parameters) {
        String terminalId = parameter(parameters, "TERMINALID");
        if (terminalId != null && !reseller.id().equals(terminalOwners.get(terminalId))) {
            throw new Refusal(SeqrResultCode.REJECTED_BUSINESS_LOGIC, "terminal " + terminalId + " is not in this shop");
        }
        return journal.mark(references.transactionPeriodId(), reseller.id(), terminalId, clock.instant()).id();
    }

    Report executeReport(Reseller reseller, String reportId, String language, ParameterMap parameters) {
        boolean shopReport = ReconciliationJournal.SHOP_REPORTS.contains(reportId);
        boolean terminalReport = ReconciliationJournal.TERMINAL_REPORTS.contains(reportId);
        if (!shopReport && !terminalReport) {
            throw new Refusal(SeqrResultCode.REJECTED_BUSINESS_LOGIC, "unknown report " + reportId);
        }
        ReconciliationJournal.Period period = journal.period(parameter(parameters, "transactionPeriodId"));
        if (period == null || !period.resellerId().equals(reseller.id())) {
            throw new Refusal(SeqrResultCode.REJECTED_BUSINESS_LOGIC, "unknown transactionPeriodId");
        }
        String terminalId = parameter(parameters, "TERMINALID");
        if (shopReport == (period.terminalId() != null)
                || (terminalId != null && !terminalId.equals(period.terminalId()))) {
            throw new Refusal(SeqrResultCode.REJECTED_BUSINESS_LOGIC, "report " + reportId
                    + " does not fit the scope of period " + period.id());
        }
        Instant now = clock.instant();
        if (now.isBefore(period.markedAt().plus(settings.reportDelay()))) {
            throw new Refusal(SeqrResultCode.REPORT_NOT_READY, "report of period " + period.id() + " is not ready");
        }
        String xml = journal.reportXml(reportId, language, period, now);
        Report report = new Report();
        report.setTitle(reportId);
        report.setMimeType("text/xml");
        report.setContentString(xml);
        report.setContent(xml.getBytes(StandardCharsets.UTF_8));
        return report;
    }

    // ---- the customer ----

    List<InvoiceView> waitingForCustomer() {
        return waitingForCustomer.stream().sorted().map(invoices::get).filter(i -> i != null)
                .map(SeqrBackend::view).filter(v -> v.status() == ISSUED).toList();
    }

    InvoiceView confirm(String invoiceReference) {
        return customerAction(invoiceReference, null);
    }

    InvoiceView decline(String invoiceReference) {
        return customerAction(invoiceReference, Event.CUSTOMER_DECLINED);
    }

    InvoiceView failPayment(String invoiceReference) {
        return customerAction(invoiceReference, Event.PAYMENT_FAILED);
    }

    void setAutoConfirm(boolean enabled, Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        autoConfirm = new AutoConfirm(enabled, delay);
    }

    void onStatusPoll(BiConsumer<String, Instant> listener) {
        statusPollListener = listener == null ? (invoiceReference, at) -> { } : listener;
    }

    boolean autoConfirmEnabled() {
        return autoConfirm.enabled();
    }

    Duration autoConfirmDelay() {
        return autoConfirm.delay();
    }

    /** A PAID payment the ledger never saw, already acknowledged, for reconciliation tests. */
    InvoiceView seedPaidPayment(String terminalId, BigDecimal value, String currency, String clientInvoiceId) {
        Terminal terminal = terminals.get(terminalId);
        if (terminal == null) {
            throw new IllegalArgumentException("no terminal " + terminalId);
        }
        Invoice invoice = new Invoice();
        invoice.setPaymentMode(PaymentMode.IMMEDIATE_DEBIT);
        invoice.setTitle("Seeded payment");
        invoice.setClientInvoiceId(clientInvoiceId);
        invoice.setIssueDate(calendar(clock.instant()));
        Amount total = new Amount();
        total.setValue(value);
        total.setCurrency(currency);
        invoice.setTotalAmount(total);
        validate(invoice, null);
        EmulatedInvoice seeded = new EmulatedInvoice(references.invoiceReference(), terminal, invoice);
        invoices.put(seeded.reference, seeded);
        counters.created(ISSUED);
        synchronized (seeded) {
            move(seeded, target(seeded, Event.CUSTOMER_PAID), Event.CUSTOMER_PAID, null);
            seeded.acknowledgeBy = null;
            return view(seeded);
        }
    }

    Optional<InvoiceView> invoice(String invoiceReference) {
        return Optional.ofNullable(invoiceReference == null ? null : invoices.get(invoiceReference))
                .map(SeqrBackend::view);
    }

    /** Fires every deadline that is due by the clock: auto-confirm, reversal, reservation expiry. */
    synchronized void sweep() {
        Instant now = clock.instant();
        for (Deadline next = deadlines.peek(); next != null && !next.due().isAfter(now); next = deadlines.peek()) {
            deadlines.poll();
            EmulatedInvoice invoice = invoices.get(next.invoiceReference());
            if (invoice == null) {
                continue;
            }
            switch (next.kind()) {
                case AUTO_CONFIRM -> confirmIfIssued(invoice);
                case ACKNOWLEDGE -> fireIfDue(invoice, Event.STATUS_NOT_POLLED, now);
                case COMMIT_TIMEOUT -> fireIfDue(invoice, Event.COMMIT_TIMEOUT_PASSED, now);
            }
        }
    }

    // ---- internals ----

    private InvoiceView customerAction(String invoiceReference, Event refusal) {
        EmulatedInvoice invoice = invoiceReference == null ? null : invoices.get(invoiceReference);
        if (invoice == null) {
            throw new CustomerActionException(true, "no invoice " + invoiceReference);
        }
        synchronized (invoice) {
            if (invoice.status != ISSUED) {
                throw new CustomerActionException(false, "invoice " + invoiceReference + " is " + invoice.status
                        + ", not waiting for the customer");
            }
            Event event = refusal != null ? refusal : customerConfirmation(invoice);
            move(invoice, target(invoice, event), event, null);
            return view(invoice);
        }
    }

    private void confirmIfIssued(EmulatedInvoice invoice) {
        synchronized (invoice) {
            if (invoice.status == ISSUED) {
                Event event = customerConfirmation(invoice);
                move(invoice, target(invoice, event), event, null);
            }
        }
    }

    private static Event customerConfirmation(EmulatedInvoice invoice) {
        return invoice.mode == PaymentMode.IMMEDIATE_DEBIT ? Event.CUSTOMER_PAID : Event.CUSTOMER_RESERVED;
    }

    private void fireIfDue(EmulatedInvoice invoice, Event event, Instant now) {
        synchronized (invoice) {
            Instant due = event == Event.STATUS_NOT_POLLED ? invoice.acknowledgeBy : invoice.commitBy;
            if (due != null && !now.isBefore(due)) {
                applyIfDefined(invoice, event);
            }
        }
    }

    /** The status the table moves the invoice to on this event; a refusal in the table is thrown. */
    private static InvoiceStatus target(EmulatedInvoice invoice, Event event) {
        Outcome outcome = InvoiceStateMachine.apply(invoice.status, event).orElseThrow(() ->
                new IllegalStateException("No transition for " + event + " from " + invoice.status));
        if (outcome instanceof Outcome.Refuse refusal) {
            throw new Refusal(refusal.code(), "invoice " + invoice.reference + " is " + invoice.status);
        }
        return ((Outcome.Move) outcome).to();
    }

    /** For events nobody answers (timers, a replacing invoice): a move if the table has one, else nothing. */
    private void applyIfDefined(EmulatedInvoice invoice, Event event) {
        InvoiceStateMachine.apply(invoice.status, event)
                .filter(Outcome.Move.class::isInstance)
                .ifPresent(outcome -> move(invoice, ((Outcome.Move) outcome).to(), event, null));
    }

    /** Moves the invoice and does what entering the status means; the caller holds the invoice's monitor. */
    private void move(EmulatedInvoice invoice, InvoiceStatus to, Event event, BigDecimal committed) {
        InvoiceStatus from = invoice.status;
        Instant now = clock.instant();
        invoice.status = to;
        invoice.version++;
        invoice.acknowledgeBy = null;
        counters.moved(from, to);
        if (from == ISSUED) {
            waitingForCustomer.remove(invoice.reference);
            invoice.terminal.openInvoice.compareAndSet(invoice.reference, null);
        }
        if (to == RESERVED) {
            invoice.reserved = invoice.total();
            awaitAcknowledgement(invoice, now);
            if (invoice.commitTimeoutSeconds != null) {
                invoice.commitBy = now.plusSeconds(invoice.commitTimeoutSeconds);
                deadlines.add(new Deadline(invoice.commitBy, invoice.reference, DeadlineKind.COMMIT_TIMEOUT));
            }
        } else if (to == PAID) {
            pay(invoice, committed != null ? committed : invoice.total(), now);
            invoice.commitBy = null;
            if (event == Event.CUSTOMER_PAID) {
                awaitAcknowledgement(invoice, now);
            }
        } else {
            invoice.commitBy = null;
        }
        if (event == Event.STATUS_NOT_POLLED) {
            counters.reversal();
            // a customer's payment undone because the app polled too late: whoever looks for the cause needs its time
            LOG.info("Invoice {} of terminal {} reversed: its status {} was not polled within {} s", invoice.reference,
                    invoice.terminal.terminalId, from, settings.reversalPeriod().toSeconds());
            if (from == PAID) {
                invoice.reversed = true;
                journal.record(Transaction.Type.REVERSAL, now, invoice.reference, invoice.ersReference,
                        invoice.ersReference, invoice.invoice.getClientInvoiceId(), invoice.terminal.terminalId,
                        invoice.terminal.resellerId, invoice.paid.subtract(invoice.refunded), invoice.currency);
            }
        }
        if (to == EXPIRED) {
            counters.expiration();
        }
        LOG.debug("Invoice {} {} -> {} on {}", invoice.reference, from, to, event);
    }

    private void pay(EmulatedInvoice invoice, BigDecimal amount, Instant now) {
        invoice.paid = amount;
        invoice.ersReference = references.ersReference();
        paymentsByErsReference.put(invoice.ersReference, invoice);
        Receipt receipt = new Receipt();
        receipt.setTerminalId(invoice.terminal.terminalId);
        receipt.setPaymentDate(calendar(now));
        receipt.setClientInvoiceId(invoice.invoice.getClientInvoiceId());
        receipt.setInvoiceReference(invoice.reference);
        receipt.setPaymentReference(invoice.ersReference);
        receipt.setPayerTerminalId(references.payerTerminalId());
        receipt.setReceiverName(invoice.terminal.name != null ? invoice.terminal.name : invoice.terminal.resellerId);
        receipt.setInvoice(invoice.invoice);
        invoice.receipt = receipt;
        journal.record(Transaction.Type.PAYMENT, now, invoice.reference, invoice.ersReference, invoice.ersReference,
                invoice.invoice.getClientInvoiceId(), invoice.terminal.terminalId, invoice.terminal.resellerId,
                amount, invoice.currency);
    }

    private void awaitAcknowledgement(EmulatedInvoice invoice, Instant now) {
        invoice.acknowledgeBy = now.plus(settings.reversalPeriod());
        deadlines.add(new Deadline(invoice.acknowledgeBy, invoice.reference, DeadlineKind.ACKNOWLEDGE));
    }

    private EmulatedInvoice owned(Terminal terminal, String invoiceReference) {
        EmulatedInvoice invoice = invoiceReference == null ? null : invoices.get(invoiceReference);
        if (invoice == null || invoice.terminal != terminal) {
            throw new Refusal(SeqrResultCode.INVALID_INVOICE_REFERENCE, "no invoice " + invoiceReference
                    + " on terminal " + terminal.terminalId);
        }
        return invoice;
    }

    /** Invoice rules of API.md §4 (amount "#.##", rows sum to the total) and §6 (49, 64). */
    private static void validate(Invoice invoice, String requiredCurrency) {
        Amount total = invoice == null ? null : invoice.getTotalAmount();
        if (total == null || total.getValue() == null || total.getCurrency() == null) {
            throw new Refusal(SeqrResultCode.INVALID_INVOICE_DATA, "totalAmount with value and currency is required");
        }
        String currency = total.getCurrency();
        if (!CURRENCY.matcher(currency).matches()) {
            throw new Refusal(SeqrResultCode.INVALID_INVOICE_DATA, "currency " + currency + " is not ISO 4217");
        }
        if (requiredCurrency != null && !requiredCurrency.equals(currency)) {
            throw new Refusal(SeqrResultCode.INVALID_INVOICE_DATA, "currency " + currency + " differs from "
                    + requiredCurrency);
        }
        if (total.getValue().signum() <= 0 || tooManyDecimals(total.getValue())) {
            throw new Refusal(SeqrResultCode.INVALID_INVOICE_DATA, "totalAmount " + total.getValue() + " is invalid");
        }
        List<PaymentInvoiceRow> rows = invoice.getInvoiceRows() == null ? List.of()
                : invoice.getInvoiceRows().getInvoiceRow();
        if (!rows.isEmpty()) {
            BigDecimal sum = BigDecimal.ZERO;
            for (PaymentInvoiceRow row : rows) {
                Amount rowTotal = row.getItemTotalAmount();
                if (rowTotal == null || rowTotal.getValue() == null || !currency.equals(rowTotal.getCurrency())) {
                    throw new Refusal(SeqrResultCode.INVALID_INVOICE_DATA, "every row needs itemTotalAmount in "
                            + currency);
                }
                sum = sum.add(rowTotal.getValue());
            }
            if (sum.compareTo(total.getValue()) != 0) {
                throw new Refusal(SeqrResultCode.INVALID_INVOICE_DATA, "rows sum to " + sum + ", total is "
                        + total.getValue());
            }
        }
        String url = invoice.getNotificationUrl();
        if (url != null && !url.startsWith("http://") && !url.startsWith("https://")) {
            throw new Refusal(SeqrResultCode.INVALID_NOTIFICATION_URL, "notificationUrl must be http(s)");
        }
    }

    private static boolean tooManyDecimals(BigDecimal value) {
        return value.stripTrailingZeros().scale() > 2;
    }

    private static InvoiceView view(EmulatedInvoice invoice) {
        synchronized (invoice) {
            String currency = invoice.currency;
            return new InvoiceView(invoice.reference, invoice.terminal.terminalId,
                    invoice.invoice.getClientInvoiceId(), invoice.invoice.getTitle(),
                    InvoiceView.Money.of(invoice.total(), currency), invoice.status, invoice.version,
                    invoice.mode.name(), InvoiceView.Money.of(invoice.reserved, currency),
                    InvoiceView.Money.of(invoice.paid, currency), InvoiceView.Money.of(invoice.refunded, currency),
                    invoice.status == PAID ? invoice.ersReference : null, invoice.reversed);
        }
    }

    private static String parameter(ParameterMap parameters, String key) {
        if (parameters == null || parameters.getParameter() == null) {
            return null;
        }
        for (Parameter entry : parameters.getParameter().getEntry()) {
            if (key.equalsIgnoreCase(entry.getKey())) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static String resellerKey(String id, String userId) {
        return id + "/" + userId;
    }

    private static boolean samePassword(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    static XMLGregorianCalendar calendar(Instant instant) {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        calendar.setTimeInMillis(instant.toEpochMilli());
        return DATATYPES.newXMLGregorianCalendar(calendar);
    }

    private static DatatypeFactory datatypeFactory() {
        try {
            return DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
