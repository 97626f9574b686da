package org.imageserving.imageserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.imageserving.imageserver.RenderException.Kind;
import org.imageserving.stock.HostileImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile headers are refused from the header, before a decoder runs. On the old code the looping TIFFs filled
 * the heap inside {@code getNumImages(true)}: each case here runs under a timeout, so a regression fails, not hangs.
 */
class SourceLimitsTest {

    private static final long MAX = 100_000_000;

    @TempDir
    Path dir;

    private RenderException refused(String file, byte[] bytes) throws Exception {
        Path path = dir.resolve(file);
        Files.write(path, bytes);
        return assertThrows(RenderException.class, () -> org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                Duration.ofSeconds(20), () -> RasterSource.open(path, file, MAX).close()));
    }

    @Test
    void aTiffWhoseDirectoryPointsAtItselfIsRefused() throws Exception {
        byte[] tiff = HostileImages.tiff(1, 0, 4, 4);
        assertTrue(tiff.length < 160, "a tiny file: " + tiff.length + " bytes");
        RenderException e = refused("self.tif", tiff);
        assertEquals(Kind.UNDECODABLE, e.kind());
        assertTrue(e.getMessage().contains("loops"), e.getMessage());
    }

    @Test
    void aTiffDirectoryLoopOfTwoIsRefused() throws Exception {
        RenderException e = refused("two.tif", HostileImages.tiff(2, 0, 4, 4));
        assertTrue(e.getMessage().contains("loops"), e.getMessage());
    }

    @Test
    void hugeDeclaredTiffDimensionsAreRefusedOnAnyPage() throws Exception {
        assertEquals(Kind.TOO_LARGE, refused("huge.tif", HostileImages.tiff(1, -1, 100_000, 100_000)).kind());
    }

    @Test
    void aWellFormedTiffStillOpensWithItsPagesCounted() throws Exception {
        Path path = dir.resolve("ok.tif");
        Files.write(path, HostileImages.tiff(3, -1, 4, 4));
        try (RasterSource source = RasterSource.open(path, "ok.tif", MAX)) {
            assertEquals(4, source.width());
        }
        assertEquals(3, SourceLimits.check(path, "ok.tif", MAX));
    }

    @Test
    void aTruncated100MegapixelProgressiveJpegIsRefusedForItsCoefficientBuffers() throws Exception {
        byte[] jpeg = HostileImages.truncatedProgressiveJpeg(10_000, 10_000, 300);
        assertTrue(jpeg.length < 1500, jpeg.length + " bytes");
        RenderException e = refused("bomb.jpg", jpeg);
        assertEquals(Kind.TOO_LARGE, e.kind());
        assertTrue(e.getMessage().contains("coefficient buffers"), e.getMessage());
    }

    @Test
    void aSmallProgressiveJpegStillOpens() throws Exception {
        Path path = dir.resolve("small.jpg");
        Files.write(path, HostileImages.progressiveJpeg(300, 200));
        try (RasterSource source = RasterSource.open(path, "small.jpg", MAX)) {
            assertEquals(300, source.width());
        }
    }

    @Test
    void aJpegWithoutAHeightIsRefused() throws Exception {
        assertEquals(Kind.UNDECODABLE, refused("dnl.jpg", HostileImages.truncatedProgressiveJpeg(100, 0, 300)).kind());
    }

    @Test
    void theSourceLimitIsLoweredToWhatTheHeapHolds() {
        long heapPixels = (long) (Runtime.getRuntime().maxMemory() * 0.5 / 4);
        assertEquals(heapPixels, SourceLimits.maxSourcePixels(Long.MAX_VALUE, 0.5));
        assertEquals(1000, SourceLimits.maxSourcePixels(1000, 0.5));
    }
}
