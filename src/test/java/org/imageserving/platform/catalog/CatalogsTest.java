package org.imageserving.platform.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.imageserving.stock.ResMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogsTest {

    @TempDir
    Path folder;

    @Test
    void attributeFilesFollowAdobesRules() {
        Map<String, String> a = CatalogText.attributes("# comment\r\nDefaultPix = 300,200\nmaxpix=1,1\rMAXPIX=2000,2000\nLong=one,\\\ntwo\nnot an attribute\n");
        assertEquals("300,200", a.get("defaultpix"));
        assertEquals("2000,2000", a.get("maxpix"), "names are case-insensitive, the last one wins");
        assertEquals("one,two", a.get("long"), "a backslash continues the value");
        assertEquals(3, a.size());
    }

    @Test
    void dataFilesHaveAHeaderTabsQuotesAndIgnoredColumns() {
        List<Map<String, String>> rows = CatalogText.table("Id\tPath\t.note\tUserData\r\na\ta.jpg\tx\t\"multi\tline\nvalue \"\"q\"\"\"\nb\tb.jpg\n", "t.txt");
        assertEquals(2, rows.size());
        assertEquals("multi\tline\nvalue \"q\"", rows.get(0).get("userdata"));
        assertFalse(rows.get(0).containsKey(".note"));
        assertEquals("", rows.get(1).get("userdata"), "a short row has empty fields");
    }

    @Test
    void catalogsInheritFromTheDefaultCatalogAndFindRecordsByRootId() throws Exception {
        Files.writeString(folder.resolve("default.ini"), "DefaultPix=640,480\nBkgColor=0xff0000\nResMode=4\nDefaultImage=missing\n");
        Files.writeString(folder.resolve("shop.ini"), "RootId=Shop\nRootPath=shop/\nCatalogFile=a.txt,b.txt\nDefaultPix=\nDefaultImage=\n");
        Files.writeString(folder.resolve("a.txt"), "Id\tPath\tModifier\tExpiration\nSKU-1\tone.jpg\twid=10\t2.5\n");
        Files.write(folder.resolve("b.txt"), bom("Id\tPath\nsku-1\tone-b.jpg\nnaïve\tn.jpg\n"));
        Catalogs catalogs = new Catalogs(folder);
        Catalog shop = catalogs.byRootId("shop").orElseThrow();
        assertArrayEquals(new int[] {640, 480}, shop.defaultPix(), "empty inherits");
        assertEquals(0xff0000, shop.bkgColor());
        assertEquals(ResMode.SHARP2, shop.resMode());
        assertEquals("", shop.defaultImage(), "defined empty disables the default image");
        assertEquals("missing", catalogs.defaultCatalog().defaultImage());
        assertEquals("one-b.jpg", shop.record("Sku-1").orElseThrow().path(), "the later file wins; ids are case-insensitive");
        assertTrue(shop.record("naïve").isPresent(), "UTF-8 with a byte-order mark");
        assertEquals(List.of("default", "shop"), catalogs.names());
    }

    @Test
    void reloadPicksUpChangesAndKeepsTheLastGoodCatalog() throws Exception {
        Files.writeString(folder.resolve("default.ini"), "DefaultPix=100,100\n");
        Files.writeString(folder.resolve("x.ini"), "RootId=x\nCatalogFile=x.txt\n");
        Files.writeString(folder.resolve("x.txt"), "Id\tPath\na\ta.jpg\n");
        Catalogs catalogs = new Catalogs(folder);
        assertFalse(catalogs.refresh(), "nothing changed");
        Files.writeString(folder.resolve("x.txt"), "Id\tPath\na\ta.jpg\nb\tb.jpg\n");
        assertTrue(catalogs.refresh());
        assertTrue(catalogs.byRootId("x").orElseThrow().record("b").isPresent());
        Files.writeString(folder.resolve("x.ini"), "RootId=x\nCatalogFile=x.txt\nMaxPix=big\n");
        touch(folder.resolve("x.ini"));
        catalogs.refresh();
        assertTrue(catalogs.byRootId("x").orElseThrow().record("b").isPresent(), "a broken catalog keeps its last good version");
        Files.delete(folder.resolve("x.ini"));
        assertTrue(catalogs.refresh());
        assertTrue(catalogs.byRootId("x").isEmpty(), "a removed catalog goes");
    }

    @Test
    void aMissingDefaultIniMeansBuiltInDefaults() {
        Catalogs catalogs = new Catalogs(folder.resolve("nowhere"));
        assertArrayEquals(new int[] {400, 400}, catalogs.defaultCatalog().defaultPix());
        assertEquals(0, catalogs.defaultCatalog().errorDetail());
    }

    private static byte[] bom(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[body.length + 3];
        out[0] = (byte) 0xef;
        out[1] = (byte) 0xbb;
        out[2] = (byte) 0xbf;
        System.arraycopy(body, 0, out, 3, body.length);
        return out;
    }

    private static void touch(Path file) throws Exception {
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5000));
    }
}
