package dev.oddshop.platform.fault;

/** The failure an ERROR fault throws: to callers it is an ordinary 500. */
public class InjectedFaultException extends RuntimeException {

    InjectedFaultException(Fault fault) {
        super("Injected fault " + fault.id() + " at " + fault.point(), null, false, false);
    }
}
