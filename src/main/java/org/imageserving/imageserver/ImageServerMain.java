package org.imageserving.imageserver;

import org.imageserving.stock.StockLauncher;

/** {@code java org.imageserving.imageserver.ImageServerMain --port 27345 --svg-port 27346} */
public final class ImageServerMain {

    private ImageServerMain() {
    }

    public static void main(String[] args) {
        StockLauncher.launch("is", args, ImageServer::fromArguments);
    }
}
