package dev.oddshop.platform.fault;

/**
 * Where a service lets faults strike: {@link #strike} at the start of each code path a fault may
 * hit, {@link #struck} where the code itself acts on a decision fault. With the fault engine off
 * ({@code shop.faults.enabled} false, as in production) it is {@link #NONE}.
 */
public interface FaultPoints {

    /** Faults never strike: the engine is off. */
    FaultPoints NONE = new FaultPoints() {

        @Override
        public void strike(FaultPoint point) {}

        @Override
        public boolean struck(FaultPoint point, FaultKind kind) {
            return false;
        }
    };

    /** Lets every acting fault at this point do what it does (sleep, throw, burn, leak, flood). */
    void strike(FaultPoint point);

    /** Whether a decision fault of this kind strikes this call; the caller then acts on it. */
    boolean struck(FaultPoint point, FaultKind kind);
}
