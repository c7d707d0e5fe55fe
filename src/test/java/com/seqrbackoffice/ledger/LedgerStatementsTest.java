package com.seqrbackoffice.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LedgerStatementsTest {

    @Test
    void namedParametersBecomeQuestionMarksWithTheirNamesInOrder() {
        LedgerStatements.Statement statement = LedgerStatements.parse("t.sql", """
                -- the payments of a till (:#notAParameter in a comment)
                select * from payments
                where terminal_id = :#terminalId and status = :#status_1 or (:#terminalId = '')""");

        assertThat(statement.sql()).isEqualTo("""
                select * from payments
                where terminal_id = ? and status = ? or (? = '')""");
        assertThat(statement.parameters()).containsExactly("terminalId", "status_1", "terminalId");
    }

    @Test
    void aColonHashInAStringLiteralIsText() {
        LedgerStatements.Statement statement = LedgerStatements.parse("t.sql",
                "select order_id || ':#x' from payments where order_id = :#orderId");

        assertThat(statement.sql()).isEqualTo("select order_id || ':#x' from payments where order_id = ?");
        assertThat(statement.parameters()).containsExactly("orderId");
    }

    @Test
    void argumentsFollowTheParametersAndARepeatedNameTakesOneValue() {
        LedgerStatements.Statement statement = LedgerStatements.parse("t.sql",
                "select 1 where a = :#terminal and b = :#period and c = :#terminal");

        assertThat(statement.arguments("period", "p-1", "terminal", null)).containsExactly(null, "p-1", null);
    }

    @Test
    void aMissingOrUnknownNameIsRefused() {
        LedgerStatements.Statement statement = LedgerStatements.parse("t.sql", "select 1 where a = :#orderId");

        assertThatThrownBy(statement::arguments).hasMessageContaining("no value for parameter orderId");
        assertThatThrownBy(() -> statement.arguments("orderId", "o", "orderid", "o"))
                .hasMessageContaining("has no parameter orderid");
    }

    @Test
    void aSimpleExpressionParameterIsRefusedInAFileJavaLoads() {
        assertThatThrownBy(() -> LedgerStatements.parse("t.sql", "select 1 where a = :#${header.orderId}"))
                .hasMessageContaining("t.sql").hasMessageContaining("for routes only");
    }

    @Test
    void aFileIsLoadedFromTheClasspath() {
        LedgerStatements.Statement statement = LedgerStatements.load("sql/reconciliation/is-reconciled.sql");

        assertThat(statement.sql()).startsWith("select").contains("?");
        assertThat(statement.parameters()).containsExactly("periodId");
        assertThatThrownBy(() -> LedgerStatements.load("sql/none.sql")).hasMessageContaining("No SQL file sql/none.sql");
    }
}
