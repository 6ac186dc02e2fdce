package org.carebridge.mappings.discharge.bars;

/**
 * The receiver's error codes from the BaRS specification (table "4XX-BARS"/"5XX-BARS" and the examples under
 * OperationOutcome/REC), each with its HTTP status. A receiver only ever answers with REC_* codes.
 */
public enum BarsError {
    REC_BAD_REQUEST(400),
    REC_UNAUTHORIZED(401),
    REC_FORBIDDEN(403),
    REC_NOT_FOUND(404),
    REC_METHOD_NOT_ALLOWED(405),
    REC_NOT_ACCEPTABLE(406),
    REC_TIMEOUT(408),
    REC_CONFLICT(409),
    REC_UNPROCESSABLE_ENTITY(422),
    REC_TOO_MANY_REQUESTS(429),
    REC_SERVER_ERROR(500),
    REC_NOT_IMPLEMENTED(501),
    REC_SERVICE_UNAVAILABLE(503);

    private final int httpStatus;

    BarsError(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
