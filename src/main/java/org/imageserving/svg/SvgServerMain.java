package org.imageserving.svg;

import org.imageserving.stock.StockLauncher;

/** {@code java org.imageserving.svg.SvgServerMain --port 27346} */
public final class SvgServerMain {

    private SvgServerMain() {
    }

    public static void main(String[] args) {
        StockLauncher.launch("svg", args, SvgServer::fromArguments);
    }
}
