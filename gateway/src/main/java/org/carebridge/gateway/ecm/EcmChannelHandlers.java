package org.carebridge.gateway.ecm;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.carebridge.routes.core.ChannelHandler;
import org.carebridge.routes.core.ChannelKind;
import org.carebridge.routes.core.ChannelMessage;

/** The two ECM channel handlers: files in a provider's inbox, and HTTP pushes (JSON, or CSV by Content-Type). */
@Factory
public class EcmChannelHandlers {

    @Singleton
    @Named("ecm-csv-inbox")
    @Bean(typed = ChannelHandler.class)
    ChannelHandler csvInbox(EcmChannels channels) {
        return handler(ChannelKind.ECM_CSV_INBOX.id(), channels);
    }

    @Singleton
    @Named("ecm-http-push")
    @Bean(typed = ChannelHandler.class)
    ChannelHandler httpPush(EcmChannels channels) {
        return handler(ChannelKind.ECM_HTTP_PUSH.id(), channels);
    }

    private static ChannelHandler handler(String name, EcmChannels channels) {
        return new ChannelHandler() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void handle(ChannelMessage message) {
                channels.handle(message);
            }
        };
    }
}
