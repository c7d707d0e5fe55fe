package com.seqrbackoffice.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.reporting.ReportParser.ReportContent;

/** SEQR's report rows, read one by one: a row that cannot be read is set apart with its reason. */
class ReportParserTest {

    private final ReportParser parser = new ReportParser();

    @Test
    void readableRowsAreRead() {
        ReportContent content = parser.read(report(row("PAYMENT", "420.00", "SEK", "1001", "E-1", "2026-11-27T09:58:01Z"),
                row("REFUND", "20.00", "SEK", "1001", "E-2", null)));

        assertThat(content.malformed()).isEmpty();
        assertThat(content.rows()).extracting(ReportRow::matchKey).containsExactly("PAYMENT:1001", "REFUND:E-2");
        assertThat(content.rows().get(0).time()).hasToString("2026-11-27T09:58:01Z");
        assertThat(content.rows().get(1).signedAmount()).isEqualByComparingTo("-20.00");
    }

    @Test
    void eachUnreadableRowIsSetApartWithItsReason() {
        ReportContent content = parser.read(report(
                row("PAYMENT", "12,50", "SEK", "1001", "E-1", null),
                row("PAYMENT", null, "SEK", "1002", "E-2", null),
                row("BONUS", "1.00", "SEK", "1003", "E-3", null),
                row("PAYMENT", "1.00", "kronor", "1004", "E-4", null),
                row("PAYMENT", "1.00", "SEK", "1005", "E-5", "yesterday"),
                row("PAYMENT", "1.00", "SEK", null, "E-6", null),
                row("REFUND", "-1.00", "SEK", "1007", "E-7", null),
                row("PAYMENT", "9.00", "SEK", "1008", "E-8", null)));

        assertThat(content.rows()).extracting(ReportRow::invoiceReference).containsExactly("1008");
        assertThat(content.malformed()).extracting(ReportParser.MalformedRow::reason).containsExactly(
                "row 1: Amount '12,50' is not a decimal number",
                "row 2: no Amount",
                "row 3: Type 'BONUS' is none of [PAYMENT, REFUND, REVERSAL]",
                "row 4: Currency 'kronor' is not an ISO 4217 code",
                "row 5: Time 'yesterday' is not an instant",
                "row 6: a PAYMENT without InvoiceReference",
                "row 7: Amount -1.00 is negative (the Type gives the direction)");
        assertThat(content.malformed().get(0)).satisfies(row -> {
            assertThat(row.number()).isEqualTo(1);
            assertThat(row.invoiceReference()).isEqualTo("1001");
            assertThat(row.clientInvoiceId()).isEqualTo("order-1001");
        });
    }

    @Test
    void aDocumentThatIsNotXmlFailsAsAWhole() {
        assertThatThrownBy(() -> parser.read("<TransactionDetails><Row><Amount>1</Amount>"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not readable XML");
    }

    @Test
    void aHundredThousandRowsAreRead() {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            rows.append(row("PAYMENT", "10.00", "SEK", "R" + i, "E" + i, "2026-11-27T09:58:01Z"));
        }

        ReportContent content = parser.read(report(rows.toString()));

        assertThat(content.rows()).hasSize(100_000);
        assertThat(content.malformed()).isEmpty();
    }

    private static String report(String... rows) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><TransactionDetails><Meta><RowCount>" + rows.length
                + "</RowCount></Meta>" + String.join("", rows) + "</TransactionDetails>";
    }

    private static String row(String type, String amount, String currency, String invoice, String ers, String time) {
        return "<Row>" + element("Type", type) + element("Time", time) + element("InvoiceReference", invoice)
                + element("ErsReference", ers) + element("PaymentErsReference", ers)
                + element("ClientInvoiceId", invoice == null ? null : "order-" + invoice)
                + element("TerminalId", "t-1") + element("Amount", amount) + element("Currency", currency) + "</Row>";
    }

    private static String element(String name, String value) {
        return value == null ? "<" + name + "/>" : "<" + name + ">" + value + "</" + name + ">";
    }
}
