package com.seqrbackoffice.reporting;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads the rows of a SEQR reconciliation report ({@code <TransactionDetails>}, docs/emulator.md "Reports").
 * The report comes from outside, so the parser refuses DOCTYPEs and never resolves external entities, schemas or
 * XIncludes (OWASP XXE prevention).
 */
public final class ReportParser {

    public List<ReportRow> rows(String xml) {
        Document document = parse(xml);
        NodeList rowElements = document.getDocumentElement().getElementsByTagName("Row");
        List<ReportRow> rows = new ArrayList<>(rowElements.getLength());
        for (int i = 0; i < rowElements.getLength(); i++) {
            Element row = (Element) rowElements.item(i);
            String time = text(row, "Time");
            String amount = text(row, "Amount");
            if (amount == null) {
                throw new IllegalArgumentException("Report row " + (i + 1) + " has no Amount");
            }
            rows.add(new ReportRow(text(row, "Type"), time == null ? null : Instant.parse(time),
                    text(row, "InvoiceReference"), text(row, "ErsReference"), text(row, "PaymentErsReference"),
                    text(row, "ClientInvoiceId"), text(row, "TerminalId"), new BigDecimal(amount),
                    text(row, "Currency")));
        }
        return rows;
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("The SEQR report is not readable XML: " + e.getMessage(), e);
        }
    }

    private static String text(Element parent, String name) {
        NodeList children = parent.getElementsByTagName(name);
        if (children.getLength() == 0) {
            return null;
        }
        String text = children.item(0).getTextContent();
        return text == null || text.isBlank() ? null : text.trim();
    }
}
