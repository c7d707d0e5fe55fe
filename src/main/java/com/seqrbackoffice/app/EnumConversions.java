package com.seqrbackoffice.app;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.spi.TypeConverterRegistry;
import org.apache.camel.support.TypeConverterSupport;
import org.apache.camel.util.StringHelper;

import com.seqrbackoffice.payments.CommitOutcome;
import com.seqrbackoffice.payments.FulfilmentOutcome;
import com.seqrbackoffice.payments.KeyOutcome;
import com.seqrbackoffice.payments.OverduePayments;
import com.seqrbackoffice.payments.PaymentStatus;
import com.seqrbackoffice.payments.PollOutcome;
import com.seqrbackoffice.refunds.RefundStep;
import com.seqrbackoffice.reporting.ReportingPlan;

/**
 * Makes Camel find a conversion from a name to each of the app's enums in one map lookup.
 * <p>
 * The routes compare a rule's outcome with a name ({@code ${variable.pollOutcome} == 'POLL_AGAIN'}: Camel converts
 * the name to the enum) and pass a status by name to a bean ({@code status(${variable.payment}, 'PAID', null)}).
 * Camel 4.18's enum converter first asks the registry for a converter of that exact pair, and finding none it
 * scans every registered converter for one that matches, at every conversion: JFR put that at 8 % of the CPU of a
 * payment's routes. Registered under each exact pair, {@link ByName} is found at once and matches names as Camel's
 * does: the constant's name, in any case, or as Camel spells a constant ({@code poll-again}, {@code pollAgain}).
 */
final class EnumConversions {

    /** The enums the routes compare with a name or pass by name. */
    static final List<Class<? extends Enum<?>>> ROUTE_ENUMS = List.of(PaymentStatus.class, PollOutcome.class,
            CommitOutcome.class, FulfilmentOutcome.class, KeyOutcome.class, RefundStep.class,
            OverduePayments.Action.class, ReportingPlan.FetchOutcome.class);

    private EnumConversions() {
    }

    static void register(TypeConverterRegistry registry) {
        for (Class<? extends Enum<?>> type : ROUTE_ENUMS) {
            registry.addTypeConverter(type, String.class, new ByName(type));
        }
    }

    /** A name to a constant of one enum. */
    static final class ByName extends TypeConverterSupport {

        private final Class<? extends Enum<?>> type;
        private final Map<String, Enum<?>> byUpperCaseName = new HashMap<>();

        ByName(Class<? extends Enum<?>> type) {
            this.type = type;
            for (Enum<?> constant : type.getEnumConstants()) {
                byUpperCaseName.put(constant.name().toUpperCase(Locale.ROOT), constant);
            }
        }

        @Override
        public <T> T convertTo(Class<T> target, Exchange exchange, Object value) {
            String name = value.toString().trim();
            Enum<?> constant = byUpperCaseName.get(name.toUpperCase(Locale.ROOT));
            if (constant == null) {
                constant = byUpperCaseName.get(StringHelper.asEnumConstantValue(name).toUpperCase(Locale.ROOT));
            }
            if (constant == null) {
                throw new IllegalArgumentException(type.getName() + " has no constant named " + name);
            }
            return target.cast(constant);
        }
    }
}
