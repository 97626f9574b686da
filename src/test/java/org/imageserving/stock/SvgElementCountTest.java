package org.imageserving.stock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.imageserving.stock.HostileImages;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class SvgElementCountTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theUseBombIsRefusedFromItsTextInAnInstant() {
        String bomb = HostileImages.useBomb(10, 10);
        assertTrue(bomb.length() < 3000, bomb.length() + " chars");
        SvgElementCount.TooLarge e = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(SvgElementCount.TooLarge.class, () -> SvgElementCount.check(bytes(bomb))));
        assertTrue(e.getMessage().contains("limit of " + SvgElementCount.MAX_ELEMENTS), e.getMessage());
    }

    @Test
    void usesAreCountedTransitively() {
        // 3 levels of 3: 1 svg + 1 defs + (1 + 3 * (1 + 3 * (1 + 3 * 2))) for the g's and uses, + the top use
        long small = SvgElementCount.check(bytes(HostileImages.useBomb(2, 3)));
        assertEquals(1 + 1 + 1 + (1 + 3 * (1 + 1)) + (1 + 3 * (1 + (1 + 3 * 2))) + (1 + (1 + 3 * (1 + (1 + 3 * 2)))), small);
    }

    @Test
    void patternsPaintedManyTimesCount() {
        StringBuilder s = new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg'><pattern id='p'>");
        s.append("<rect/>".repeat(1000)).append("</pattern>");
        s.append("<rect fill='url(#p)'/>".repeat(100)).append("</svg>");
        assertThrows(SvgElementCount.TooLarge.class, () -> SvgElementCount.check(bytes(s.toString())));
    }

    @Test
    void cyclesAndDeepNestingAreRefused() {
        IllegalArgumentException cycle = assertThrows(IllegalArgumentException.class, () -> SvgElementCount.check(bytes(
                "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'><g id='a'><use xlink:href='#a'/></g></svg>")));
        assertTrue(cycle.getMessage().contains("cycle"), cycle.getMessage());
        String deep = "<svg xmlns='http://www.w3.org/2000/svg'>" + "<g>".repeat(300) + "</g>".repeat(300) + "</svg>";
        assertThrows(IllegalArgumentException.class, () -> SvgElementCount.check(bytes(deep)));
    }

    @Test
    void ordinaryDrawingsPass() {
        String drawing = "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'><defs>"
                + "<linearGradient id='g'><stop/><stop/></linearGradient><circle id='c' r='2'/></defs>"
                + "<rect fill='url(#g)'/>".repeat(5000) + "<use xlink:href='#c'/>".repeat(100) + "</svg>";
        assertEquals(1 + 1 + 3 + 1 + 5000 + 200, SvgElementCount.check(bytes(drawing)));
    }
}
