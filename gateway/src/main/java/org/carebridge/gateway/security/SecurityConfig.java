package org.carebridge.gateway.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code carebridge.security.*}.
 *
 * @param handoverGrace          how long a provider keeps access after its order ended or moved (H:3943)
 * @param careWorkerWindow       how far ahead a care worker sees visits (K:2294: a week's work programme)
 * @param jwksCacheTtl           how long fetched issuer keys are trusted before a refetch
 * @param jwksRefreshMinInterval least time between two refetches on an unknown key id (0 = no limit)
 * @param rateLimitPerSecond     sustained requests per second per client (sub + org); 0 = off
 * @param rateLimitBurst         requests a client may make at once before the sustained rate applies
 * @param defaultPurpose         purpose of use recorded when the token carries none
 * @param pseudonymKey           secret for reporting pseudonyms (HMAC-SHA256); keep it stable so extracts link up.
 *                               Empty = a random key per start, and a warning.
 */
@ConfigurationProperties("carebridge.security")
public record SecurityConfig(@Bindable(defaultValue = "P14D") Duration handoverGrace,
                             @Bindable(defaultValue = "P7D") Duration careWorkerWindow,
                             @Bindable(defaultValue = "PT10M") Duration jwksCacheTtl,
                             @Bindable(defaultValue = "PT5S") Duration jwksRefreshMinInterval,
                             @Bindable(defaultValue = "200") int rateLimitPerSecond,
                             @Bindable(defaultValue = "400") int rateLimitBurst,
                             @Bindable(defaultValue = "care") String defaultPurpose,
                             @Bindable(defaultValue = "") String pseudonymKey) {
}
