package org.carebridge.gateway.outbox;

import jakarta.inject.Singleton;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** POSTs one notification. Never follows redirects (a subscriber cannot steer deliveries elsewhere). */
@Singleton
public class DeliveryClient {
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** The outcome: delivered, or why not (status code or transport error, no payload). */
    public record Outcome(boolean delivered, String error) {
    }

    public Outcome post(String endpoint, Map<String, String> headers, String contentType, byte[] body, Duration timeout) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint)).timeout(timeout)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) b.header("Content-Type", contentType);
            headers.forEach(b::header);
            HttpResponse<Void> r = http.send(b.build(), HttpResponse.BodyHandlers.discarding());
            int code = r.statusCode();
            return code >= 200 && code < 300 ? new Outcome(true, null) : new Outcome(false, "HTTP " + code);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, "interrupted");
        } catch (Exception e) {
            return new Outcome(false, e.getClass().getSimpleName());
        }
    }
}
