package org.imageserving.platform;

import org.imageserving.stock.StockLauncher;

/** {@code java org.imageserving.platform.PlatformServerMain --port 8080 --image-server-port 27345 [--bind 0.0.0.0]} */
public final class PlatformServerMain {

    private PlatformServerMain() {
    }

    public static void main(String[] args) {
        StockLauncher.launch("ps", args, PlatformServer::fromArguments);
    }
}
