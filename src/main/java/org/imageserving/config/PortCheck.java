package org.imageserving.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Every port the supervisor opens or a server's probe expects must be different: tcpport, jolokiaPort and
 * each server's readiness port. Port 0 (any free port, or off) never clashes.
 */
final class PortCheck {
    private record Claim(String owner, int port, Setting setting) {}

    private final List<Claim> claims = new ArrayList<>();

    /** @param setting the value the port came from, named in the error */
    void claim(String owner, int port, Setting setting) throws ConfigException {
        if (port == 0) {
            return;
        }
        Claim claim = new Claim(owner, port, setting);
        for (Claim earlier : claims) {
            if (earlier.port() == port) {
                // blame the value someone wrote rather than a built-in default
                boolean blameEarlier = setting.origin().layer() == Origin.Layer.DEFAULT
                        && earlier.setting().origin().layer() != Origin.Layer.DEFAULT;
                throw clash(blameEarlier ? earlier : claim, blameEarlier ? claim : earlier);
            }
        }
        claims.add(claim);
    }

    private static ConfigException clash(Claim blamed, Claim other) {
        String uses = blamed.setting().value().trim().equals(String.valueOf(blamed.port()))
                ? "is" : "uses port " + blamed.port() + ", which is";
        return blamed.setting().invalid(uses + " already taken by " + other.owner() + " (" + other.setting().origin()
                + "); give each its own port");
    }
}
