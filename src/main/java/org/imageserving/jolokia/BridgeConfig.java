package org.imageserving.jolokia;

import java.util.Map;

import com.sun.net.httpserver.Authenticator;
import org.jolokia.jvmagent.JolokiaServerConfig;
import org.jolokia.server.core.config.StaticConfiguration;
import org.jolokia.server.core.config.SystemPropertyMode;
import org.jolokia.server.core.service.api.SecurityDetails;

/**
 * Jolokia's configuration with our authenticator in it, so that Jolokia tells clients the truth: the version
 * answer says {@code secured}, and {@code /jolokia/config} lists Basic authentication, which hawtio reads to
 * decide how to log in. No {@code jolokia.*} system property or {@code JOLOKIA_*} variable is consulted.
 */
final class BridgeConfig extends JolokiaServerConfig {
    private final Authenticator authenticator;

    BridgeConfig(Map<String, String> settings, Authenticator authenticator) {
        super(settings, SystemPropertyMode.NEVER);
        this.authenticator = authenticator;
        ((StaticConfiguration) getJolokiaConfig()).addSupportedAuthentication(SecurityDetails.AuthMethod.BASIC,
                AccountHttpAuthenticator.REALM);
    }

    @Override
    public Authenticator getAuthenticator() {
        return authenticator;
    }
}
