package com.seqrbackoffice.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.function.BooleanSupplier;

/**
 * Whether SEQR's endpoint accepts a TCP connection within the SEQR connect timeout. A connection, not a SOAP call:
 * the readiness probe must cost SEQR nothing, and every SEQR operation needs credentials the probe does not have.
 */
final class SeqrReachability implements BooleanSupplier {

    private final InetSocketAddress address;
    private final int connectTimeoutMs;

    SeqrReachability(String url, int connectTimeoutMs) {
        URI uri = URI.create(url);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        this.address = InetSocketAddress.createUnresolved(uri.getHost(), port);
        this.connectTimeoutMs = connectTimeoutMs;
    }

    @Override
    public boolean getAsBoolean() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.getHostString(), address.getPort()), connectTimeoutMs);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
