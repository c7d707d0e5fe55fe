package com.seqrbackoffice.seqr.emulator;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The transactions SEQR would reconcile, the periods cut by markTransactionPeriod, and the XML report of a period
 * (shape in docs/emulator.md, "Reports"). A period holds the transactions of its scope (a shop, or one terminal of
 * it) recorded after the previous mark of the same scope, up to this mark.
 */
final class ReconciliationJournal {

    static final Set<String> SHOP_REPORTS = Set.of("Reconciliation/Shop.xml", "Reconciliation/STD_RECON_003.xml");
    static final Set<String> TERMINAL_REPORTS =
            Set.of("Reconciliation/STD_RECON_006.xml", "Reconciliation/STD_RECON_007.xml");

    record Period(String id, String resellerId, String terminalId, long afterSequence, long upToSequence,
                  Instant start, Instant markedAt) {
    }

    private record Mark(long sequence, Instant at) {
    }

    private final List<Transaction> transactions = new ArrayList<>();
    private final Map<String, Mark> lastMarkByScope = new ConcurrentHashMap<>();
    private final Map<String, Period> periods = new ConcurrentHashMap<>();
    private final Instant openedAt;

    ReconciliationJournal(Instant openedAt) {
        this.openedAt = openedAt;
    }

    /** Appends a transaction; the lock keeps sequence order equal to list order, so that marks cut cleanly. */
    synchronized Transaction record(Transaction.Type type, Instant time, String invoiceReference,
                                    String ersReference, String paymentErsReference, String clientInvoiceId,
                                    String terminalId, String resellerId, BigDecimal amount, String currency) {
        Transaction t = new Transaction(transactions.size() + 1L, type, time, invoiceReference, ersReference,
                paymentErsReference, clientInvoiceId, terminalId, resellerId, amount, currency);
        transactions.add(t);
        return t;
    }

    /** Cuts a period for a shop ({@code terminalId} null) or for one of its terminals. */
    synchronized Period mark(String periodId, String resellerId, String terminalId, Instant now) {
        String scope = resellerId + "|" + (terminalId == null ? "" : terminalId);
        Mark previous = lastMarkByScope.getOrDefault(scope, new Mark(0, openedAt));
        Mark current = new Mark(transactions.size(), now);
        lastMarkByScope.put(scope, current);
        Period period = new Period(periodId, resellerId, terminalId, previous.sequence(), current.sequence(),
                previous.at(), now);
        periods.put(periodId, period);
        return period;
    }

    Period period(String periodId) {
        return periodId == null ? null : periods.get(periodId);
    }

    synchronized List<Transaction> transactionsOf(Period period) {
        return transactions.subList((int) period.afterSequence(), (int) period.upToSequence()).stream()
                .filter(t -> t.resellerId().equals(period.resellerId()))
                .filter(t -> period.terminalId() == null || t.terminalId().equals(period.terminalId()))
                .toList();
    }

    String reportXml(String reportId, String language, Period period, Instant generatedAt) {
        List<Transaction> rows = transactionsOf(period);
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("TransactionDetails");
            xml.writeStartElement("Meta");
            element(xml, "ReportId", reportId);
            element(xml, "Language", language);
            element(xml, "TransactionPeriodId", period.id());
            element(xml, "Reseller", period.resellerId());
            if (period.terminalId() != null) {
                element(xml, "TerminalId", period.terminalId());
            }
            element(xml, "PeriodStart", period.start().toString());
            element(xml, "PeriodEnd", period.markedAt().toString());
            element(xml, "GeneratedAt", generatedAt.toString());
            element(xml, "RowCount", Integer.toString(rows.size()));
            for (Map.Entry<String, BigDecimal[]> total : totalsByCurrency(rows).entrySet()) {
                BigDecimal[] sums = total.getValue();
                xml.writeStartElement("Total");
                xml.writeAttribute("currency", total.getKey());
                element(xml, "Payments", sums[0].toPlainString());
                element(xml, "Refunds", sums[1].toPlainString());
                element(xml, "Reversals", sums[2].toPlainString());
                element(xml, "Net", sums[0].subtract(sums[1]).subtract(sums[2]).toPlainString());
                xml.writeEndElement();
            }
            xml.writeEndElement();
            for (Transaction t : rows) {
                xml.writeStartElement("Row");
                element(xml, "Type", t.type().name());
                element(xml, "Time", t.time().toString());
                element(xml, "InvoiceReference", t.invoiceReference());
                element(xml, "ErsReference", t.ersReference());
                element(xml, "PaymentErsReference", t.paymentErsReference());
                element(xml, "ClientInvoiceId", t.clientInvoiceId());
                element(xml, "TerminalId", t.terminalId());
                element(xml, "Amount", t.amount().toPlainString());
                element(xml, "Currency", t.currency());
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write report " + reportId, e);
        }
        return out.toString();
    }

    /** Per currency: payments, refunds, reversals. */
    private static Map<String, BigDecimal[]> totalsByCurrency(List<Transaction> rows) {
        Map<String, BigDecimal[]> totals = new TreeMap<>();
        for (Transaction t : rows) {
            BigDecimal[] sums = totals.computeIfAbsent(t.currency(),
                    c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            int slot = switch (t.type()) {
                case PAYMENT -> 0;
                case REFUND -> 1;
                case REVERSAL -> 2;
            };
            sums[slot] = sums[slot].add(t.amount());
        }
        return totals;
    }

    private static void element(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        if (value == null) {
            xml.writeEmptyElement(name);
            return;
        }
        xml.writeStartElement(name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }
}
