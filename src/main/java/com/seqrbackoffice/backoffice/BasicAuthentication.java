package com.seqrbackoffice.backoffice;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs before every platform-http route (the back office's): a request {@link BackofficeAccess} does not admit is
 * answered 401 with the challenge that makes a browser ask for the user and password.
 */
public final class BasicAuthentication implements Handler<RoutingContext> {

    private static final String REFUSED = "{\"error\":\"UNAUTHORIZED\",\"message\":\"the back office needs its user and password\"}";

    private final BackofficeAccess access;

    public BasicAuthentication(BackofficeAccess access) {
        this.access = access;
    }

    @Override
    public void handle(RoutingContext context) {
        if (access.admits(context.request().getHeader("Authorization"))) {
            context.next();
            return;
        }
        context.response().setStatusCode(401)
                .putHeader("WWW-Authenticate", "Basic realm=\"seqr-backoffice\", charset=\"UTF-8\"")
                .putHeader("Content-Type", "application/json")
                .end(REFUSED);
    }
}
