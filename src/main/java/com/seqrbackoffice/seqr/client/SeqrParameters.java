package com.seqrbackoffice.seqr.client;

import com.seqrbackoffice.seqr.api.ClientContext;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The parameter list of one SEQR call, as camel-cxf expects the body. It prints as its clientReference only:
 * a route that logs its body, Camel's tracer or an error handler must never show the password parameter of
 * registerTerminal.
 */
final class SeqrParameters extends AbstractList<Object> implements RandomAccess {

    private final Object[] values;

    SeqrParameters(ClientContext context, Object... rest) {
        values = new Object[rest.length + 1];
        values[0] = context;
        System.arraycopy(rest, 0, values, 1, rest.length);
    }

    @Override
    public Object get(int index) {
        return values[index];
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public String toString() {
        return "SEQR request clientReference=" + ((ClientContext) values[0]).getClientReference();
    }
}
