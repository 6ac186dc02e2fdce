package org.carebridge.gateway.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * Unexpected failures become a 500 OperationOutcome with only a reference number; the cause goes to the log
 * under that number. Exception messages can carry SQL or data, so they never reach the client.
 */
@Interceptor
public class ErrorInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorInterceptor.class);

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException outgoing(RequestDetails request, Throwable error, HttpServletRequest servletRequest) {
        Throwable cause = error;
        if (error instanceof InternalErrorException && error.getCause() != null) {
            cause = error.getCause();
        }
        if (cause instanceof BaseServerResponseException known && !(known instanceof InternalErrorException)) {
            return known;
        }
        String ref = UUID.randomUUID().toString();
        LOG.error("Internal error {} on {} {}", ref, request.getRequestType(), request.getResourceName(), cause);
        return new InternalErrorException("Internal error; reference " + ref);
    }
}
