package com.seqrbackoffice.seqr.client;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.bus.extension.ExtensionManagerBus;
import org.apache.cxf.ws.policy.PolicyEngine;

/**
 * CXF buses for the SEQR client and the emulator: each has a bus of its own, so that stopping one never shuts down
 * the other's, and each is tuned for SEQR's plain SOAP.
 */
public final class CxfBuses {

    private CxfBuses() {
    }

    /**
     * A new bus that is not the JVM's default (a new bus makes itself the default when there is none, which is undone
     * here), with WS-Policy off (SEQR's WSDL has none; on, CXF computes the effective policy of every message) and a
     * class loader of its own (without one, CXF's servlet looks one up on the classpath for every request).
     */
    public static Bus newPrivateBus() {
        Bus previousDefault = BusFactory.getDefaultBus(false);
        Bus previousThreadDefault = BusFactory.getThreadDefaultBus(false);
        ExtensionManagerBus bus = new ExtensionManagerBus();
        bus.initialize();
        if (previousDefault == null && BusFactory.getDefaultBus(false) == bus) {
            BusFactory.setDefaultBus(null);
        }
        BusFactory.setThreadDefaultBus(previousThreadDefault);
        bus.setExtension(CxfBuses.class.getClassLoader(), ClassLoader.class);
        PolicyEngine policies = bus.getExtension(PolicyEngine.class);
        if (policies != null) {
            policies.setEnabled(false);
        }
        return bus;
    }
}
