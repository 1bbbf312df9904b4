package io.cocoatly.transport;

import io.cocoatly.transport.TransportException.Reason;
import java.util.List;

/**
 * The {@link TransportException}s of {@link Transport#send}, worded in one place. Each names the
 * request as {@link ApiRequest#describe()} does, never a header's value.
 */
final class ApiFailures {

    private ApiFailures() {
    }

    static TransportException gaveUp(ApiRequest request, String reason, int status, int attempts, Throwable cause) {
        return new TransportException(Reason.GAVE_UP, "request-failed", request.url(), status, attempts,
                request.describe() + ": " + reason + " (gave up after " + attempts
                        + (attempts == 1 ? " attempt)" : " attempts)"),
                List.of("check the network and the registry, then try again",
                        "`network.retries` and `network.timeout_seconds` set how hard to try"), cause);
    }

    static TransportException outcomeUnknown(ApiRequest request, String reason, int attempt, Throwable cause) {
        return new TransportException(Reason.OUTCOME_UNKNOWN, "request-outcome-unknown", request.url(), -1, attempt,
                request.describe() + ": " + reason + " after the request was sent; the server may or may not have"
                        + " acted on it, so it was not sent again",
                List.of("check the state on the server before sending it again"), cause);
    }

    static TransportException tooLarge(ApiRequest request, String what, int status, int attempt) {
        return new TransportException(Reason.TOO_LARGE, "response-too-large", request.url(), status, attempt,
                request.describe() + ": " + what + ", the limit is " + request.maxResponseBytes() + " bytes",
                List.of("the server sends more than such an answer may hold; check the URL"), null);
    }

    static TransportException badUrl(ApiRequest request) {
        return new TransportException(Reason.BAD_URL, "request-failed", request.url(), -1, 0,
                request.describe() + ": not a usable http or https URL", List.of("an API is reached over http or https"),
                null);
    }
}
