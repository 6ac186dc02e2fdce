package org.carebridge.gateway.routes;

import io.micronaut.http.HttpRequest;

/**
 * Decides who may use the admin API (role {@code council-integration}); see {@link GateAdminAuthorizer}.
 *
 */
public interface AdminAuthorizer {
    String ROLE = "council-integration";

    /** The caller, or throws {@link AdminAccessDenied}. */
    AdminCaller authorize(HttpRequest<?> request);

    /** Who acted, for the audit trail (a subject id, never a name), and the one tenant its calls may act on. */
    record AdminCaller(String subject, String tenant) {
    }

    /** No or wrong credentials (401) or not in the role (403). */
    final class AdminAccessDenied extends RuntimeException {
        private final int status;

        public AdminAccessDenied(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
