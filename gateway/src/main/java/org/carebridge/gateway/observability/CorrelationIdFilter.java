package org.carebridge.gateway.observability;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Every request, FHIR or admin, gets a correlation id: the caller's X-Correlation-Id or X-Request-Id when it is
 * a plain token, otherwise a new one. It is in the MDC (so in every JSON log line) and echoed in the response.
 */
public class CorrelationIdFilter implements Filter {
    public static final String HEADER = "X-Correlation-Id";
    public static final String MDC_KEY = "correlationId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) req;
        String id = pick(http.getHeader(HEADER), http.getHeader("X-Request-Id"));
        ((HttpServletResponse) res).setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(req, res);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    static String pick(String... candidates) {
        for (String c : candidates) {
            if (c != null && SAFE.matcher(c).matches()) return c;
        }
        return RequestIds.uuid().toString(); // distinct, not secret: no SecureRandom lock
    }
}
