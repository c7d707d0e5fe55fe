package com.seqrbackoffice.reporting;

import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the rows of a SEQR reconciliation report ({@code <TransactionDetails>}, docs/emulator.md "Reports") as a
 * stream: a shop's busy day is 100,000 rows, which a document tree would hold several times over. A row that cannot
 * be read (no amount, an amount that is no decimal, an unknown type, a time that is no instant, no reference to
 * match it by) is returned with its reason instead of failing the report. A document that is not XML fails as a
 * whole. The report comes from outside, so DOCTYPEs are refused and no external entity is ever resolved (OWASP XXE
 * prevention).
 */
public final class ReportParser {

    private static final List<String> TYPES = List.of(ReportRow.PAYMENT, ReportRow.REFUND, ReportRow.REVERSAL);
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final XMLInputFactory FACTORY = factory();

    /** A report's readable rows and the rows it could not read. */
    public record ReportContent(List<ReportRow> rows, List<MalformedRow> malformed) {
    }

    /**
     * A row that cannot be reconciled, with what was readable of it.
     *
     * @param number the row's position in the report, from 1
     */
    public record MalformedRow(int number, String invoiceReference, String clientInvoiceId, String seqrTerminalId,
                               String reason) {
    }

    public ReportContent read(String xml) {
        return read(new StringReader(xml));
    }

    public ReportContent read(Reader xml) {
        List<ReportRow> rows = new ArrayList<>();
        List<MalformedRow> malformed = new ArrayList<>();
        try {
            XMLStreamReader reader = FACTORY.createXMLStreamReader(xml);
            try {
                int number = 0;
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamConstants.DTD) {
                        throw new IllegalArgumentException("The SEQR report has a DOCTYPE, which is refused");
                    }
                    if (event == XMLStreamConstants.START_ELEMENT && "Row".equals(reader.getLocalName())) {
                        number++;
                        Map<String, String> fields = fields(reader);
                        String reason = unreadable(fields);
                        if (reason != null) {
                            malformed.add(new MalformedRow(number, fields.get("InvoiceReference"),
                                    fields.get("ClientInvoiceId"), fields.get("TerminalId"), "row " + number + ": " + reason));
                        } else {
                            rows.add(row(fields));
                        }
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("The SEQR report is not readable XML: " + e.getMessage(), e);
        }
        return new ReportContent(rows, malformed);
    }

    /** The text of each child element of the row the reader is on; the reader ends on the row's end. */
    private static Map<String, String> fields(XMLStreamReader reader) throws XMLStreamException {
        Map<String, String> fields = new HashMap<>();
        int depth = 1;
        String field = null;
        StringBuilder text = new StringBuilder();
        while (depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                field = depth == 2 ? reader.getLocalName() : field;
                text.setLength(0);
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                text.append(reader.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (depth == 2 && field != null && !text.isEmpty() && !text.toString().isBlank()) {
                    fields.putIfAbsent(field, text.toString().trim());
                }
                depth--;
            }
        }
        return fields;
    }

    /** Why the row cannot be reconciled, or null. */
    private static String unreadable(Map<String, String> fields) {
        String type = fields.get("Type");
        if (type == null || !TYPES.contains(type)) {
            return type == null ? "no Type" : "Type '" + type + "' is none of " + TYPES;
        }
        String amount = fields.get("Amount");
        if (amount == null) {
            return "no Amount";
        }
        try {
            if (new BigDecimal(amount).signum() < 0) {
                return "Amount " + amount + " is negative (the Type gives the direction)";
            }
        } catch (NumberFormatException e) {
            return "Amount '" + amount + "' is not a decimal number";
        }
        String currency = fields.get("Currency");
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            return currency == null ? "no Currency" : "Currency '" + currency + "' is not an ISO 4217 code";
        }
        String time = fields.get("Time");
        if (time != null) {
            try {
                Instant.parse(time);
            } catch (DateTimeParseException e) {
                return "Time '" + time + "' is not an instant";
            }
        }
        if (ReportRow.PAYMENT.equals(type) && fields.get("InvoiceReference") == null) {
            return "a PAYMENT without InvoiceReference";
        }
        if (ReportRow.REFUND.equals(type) && fields.get("ErsReference") == null) {
            return "a REFUND without ErsReference";
        }
        return null;
    }

    private static ReportRow row(Map<String, String> fields) {
        String time = fields.get("Time");
        return new ReportRow(fields.get("Type"), time == null ? null : Instant.parse(time),
                fields.get("InvoiceReference"), fields.get("ErsReference"), fields.get("PaymentErsReference"),
                fields.get("ClientInvoiceId"), fields.get("TerminalId"), new BigDecimal(fields.get("Amount")),
                fields.get("Currency"));
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        return factory;
    }
}
