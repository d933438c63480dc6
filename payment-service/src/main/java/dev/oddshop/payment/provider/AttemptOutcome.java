package dev.oddshop.payment.provider;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;

/** How one call to the provider ended. */
public enum AttemptOutcome {
    SUCCEEDED,
    DECLINED,
    PROCESSING,
    /** the provider refused the request (4xx): it did not charge */
    REJECTED,
    /** the provider failed (5xx): it did not charge */
    SERVER_ERROR,
    /** no connection: the request never reached the provider */
    UNREACHABLE,
    /** sent, but no answer in time: the provider may have charged */
    TIMEOUT,
    /** sent, then the connection broke: the provider may have charged */
    CONNECTION_LOST;

    /** Whether the provider may have charged without us knowing. */
    public boolean outcomeUnknown() {
        return this == TIMEOUT || this == CONNECTION_LOST || this == PROCESSING;
    }

    static AttemptOutcome of(ProviderCharge charge) {
        if (charge.succeeded()) {
            return SUCCEEDED;
        }
        return charge.declined() ? DECLINED : PROCESSING;
    }

    public static AttemptOutcome of(Throwable failure) {
        if (failure instanceof HttpClientErrorException) {
            return REJECTED;
        }
        if (failure instanceof HttpServerErrorException) {
            return SERVER_ERROR;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException
                    || cause instanceof HttpConnectTimeoutException
                    || cause instanceof UnknownHostException
                    || cause instanceof UnresolvedAddressException) {
                return UNREACHABLE;
            }
            if (cause instanceof HttpTimeoutException) {
                return TIMEOUT;
            }
        }
        return CONNECTION_LOST;
    }
}
