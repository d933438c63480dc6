package dev.oddshop.provider;

import dev.oddshop.platform.fault.FaultKind;
import dev.oddshop.platform.fault.FaultPoint;
import java.util.Set;

/** The fault points of the payment provider simulator: every fault it accepts names one of these. */
public final class ProviderFaultPoints {

    public static final FaultPoint CHARGE = FaultPoint.of(
            "provider.charge",
            "a charge at the provider, before it is processed (DECLINE: good cards declined)",
            FaultPoint.REQUEST,
            Set.of(FaultKind.DECLINE));

    public static final FaultPoint REFUND =
            FaultPoint.of("provider.refund", "a refund at the provider, before it is recorded", FaultPoint.REQUEST);

    private ProviderFaultPoints() {}
}
