package org.imageserving.imageserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.imageserving.stock.RenderRequest;
import org.junit.jupiter.api.Test;

/** Adobe's view rules on a 3000×2000 composite. */
class ViewLayoutTest {

    private static ViewLayout layout(String query) {
        return ViewLayout.compute(3000, 2000, RenderRequest.fromQuery("src=x.jpg&" + query));
    }

    private static void assertLayout(ViewLayout l, int viewW, int viewH, int scaledW, int scaledH, int x, int y) {
        assertEquals(viewW + "x" + viewH + " " + scaledW + "x" + scaledH + " @" + x + "," + y,
                l.viewW() + "x" + l.viewH() + " " + l.scaledW() + "x" + l.scaledH() + " @" + l.offsetX() + "," + l.offsetY());
    }

    @Test
    void widAndHeiFitInsideAndCentre() {
        assertLayout(layout("wid=500&hei=500"), 500, 500, 500, 333, 0, 84);
        assertLayout(layout("wid=500&hei=500&align=-1,-1"), 500, 500, 500, 333, 0, 0);
        assertLayout(layout("wid=500&hei=500&align=1,1"), 500, 500, 500, 333, 0, 167);
    }

    @Test
    void oneDimensionKeepsTheAspectRatio() {
        assertLayout(layout("wid=300"), 300, 200, 300, 200, 0, 0);
        assertLayout(layout("hei=100"), 150, 100, 150, 100, 0, 0);
        assertLayout(layout("wid=6000&maxPix=0,0"), 6000, 4000, 6000, 4000, 0, 0);
    }

    @Test
    void fitModes() {
        assertLayout(layout("wid=500&hei=500&fit=constrain"), 500, 333, 500, 333, 0, 0);
        assertLayout(layout("wid=500&hei=500&fit=crop"), 500, 500, 750, 500, -125, 0);
        assertLayout(layout("wid=500&hei=500&fit=crop&align=-1,0"), 500, 500, 750, 500, 0, 0);
        assertLayout(layout("wid=500&hei=500&fit=wrap"), 750, 500, 750, 500, 0, 0);
        assertLayout(layout("wid=500&hei=500&fit=stretch"), 500, 500, 500, 500, 0, 0);
        assertLayout(layout("wid=500&hei=500&fit=hfit"), 500, 500, 500, 333, 0, 84);
        assertLayout(layout("wid=500&hei=500&fit=vfit"), 500, 500, 750, 500, -125, 0);
    }

    @Test
    void fitDoesNotUpscaleUnlessAsked() {
        assertLayout(layout("wid=6000&hei=6000&fit=fit"), 6000, 6000, 3000, 2000, 1500, 2000);
        assertLayout(layout("wid=6000&hei=6000&fit=fit,1"), 6000, 6000, 6000, 4000, 0, 1000);
        assertLayout(layout("wid=6000&hei=6000&fit=constrain,0"), 3000, 2000, 3000, 2000, 0, 0);
    }

    @Test
    void sclScalesAndWidHeiThenCropOrPad() {
        assertLayout(layout("scl=10"), 300, 200, 300, 200, 0, 0);
        assertLayout(layout("scl=10&wid=100&hei=100"), 100, 100, 300, 200, -100, -50);
        assertLayout(layout("scl=1"), 3000, 2000, 3000, 2000, 0, 0);
    }

    @Test
    void defaultPixConstrainsRequestsWithoutASize() {
        assertLayout(layout("defaultPix=400,400"), 400, 267, 400, 267, 0, 0);
        assertLayout(layout("defaultPix=0,100"), 150, 100, 150, 100, 0, 0);
        assertLayout(layout("defaultPix=0,0"), 3000, 2000, 3000, 2000, 0, 0);
        assertLayout(ViewLayout.compute(200, 100, RenderRequest.fromQuery("src=x.jpg&defaultPix=400,400")), 200, 100, 200, 100, 0, 0);
    }

    @Test
    void maxPixAndTheRenderLimitAreEnforced() throws Exception {
        RenderRequest big = RenderRequest.fromQuery("src=x.jpg&wid=2500&maxPix=2000,2000");
        RenderException e = assertThrows(RenderException.class, () -> ViewLayout.compute(3000, 2000, big).checkLimits(big, 16_000_000));
        assertEquals(RenderException.Kind.TOO_LARGE, e.kind());
        RenderRequest huge = RenderRequest.fromQuery("src=x.jpg&scl=0.01&wid=100&hei=100");
        assertThrows(RenderException.class, () -> ViewLayout.compute(3000, 2000, huge).checkLimits(huge, 16_000_000),
                "a small view of an enormous scaled composite");
        RenderRequest fine = RenderRequest.fromQuery("src=x.jpg&wid=2000&maxPix=2000,2000");
        ViewLayout.compute(3000, 2000, fine).checkLimits(fine, 16_000_000);
    }
}
