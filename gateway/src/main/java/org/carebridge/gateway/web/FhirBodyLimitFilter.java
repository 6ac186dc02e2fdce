package org.carebridge.gateway.web;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.carebridge.gateway.fhir.LimitsConfig;
import org.hl7.fhir.r4.model.OperationOutcome;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Bodies over {@code carebridge.limits.max-fhir-body-bytes} get 413 with an OperationOutcome: at once when the
 * Content-Length says so, otherwise as soon as the stream passes the limit (chunked uploads).
 * Also sets the security headers every FHIR response carries.
 */
public class FhirBodyLimitFilter implements Filter {
    private final long limit;
    private final FhirContext ctx;

    public FhirBodyLimitFilter(LimitsConfig limits, FhirContext ctx) {
        this.limit = limits.maxFhirBodyBytes();
        this.ctx = ctx;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) req;
        HttpServletResponse out = (HttpServletResponse) res;
        out.setHeader("X-Content-Type-Options", "nosniff");
        out.setHeader("X-Frame-Options", "DENY");
        out.setHeader("Cache-Control", "no-store");
        out.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        out.setHeader("Referrer-Policy", "no-referrer");
        if (http.getContentLengthLong() > limit) {
            tooLarge(out);
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(http) {
            private ServletInputStream stream;

            @Override
            public ServletInputStream getInputStream() throws IOException {
                if (stream == null) stream = new Limited(http.getInputStream(), limit);
                return stream;
            }
        }, res);
    }

    private void tooLarge(HttpServletResponse out) throws IOException {
        OperationOutcome oo = new OperationOutcome();
        oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.TOOLONG)
                .setDiagnostics("Request body is larger than the limit of " + limit + " bytes");
        out.setStatus(413);
        out.setContentType("application/fhir+json;charset=utf-8");
        out.getOutputStream().write(ctx.newJsonParser().encodeResourceToString(oo).getBytes(StandardCharsets.UTF_8));
    }

    /** Counts bytes read and stops with a 413 the moment the limit is passed. */
    private static final class Limited extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        Limited(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) count(1);
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) count(n);
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new PayloadTooLargeException("Request body is larger than the limit of " + limit + " bytes");
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
