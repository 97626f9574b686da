package org.imageserving.platform.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.imageserving.platform.catalog.Catalog;
import org.imageserving.platform.catalog.Catalogs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandParserTest {

    @TempDir
    static Path folder;
    static Catalog catalog;

    @BeforeAll
    static void catalogWithMacros() throws Exception {
        Files.writeString(folder.resolve("default.ini"), "MacroFile=macros.txt\n");
        Files.writeString(folder.resolve("macros.txt"), "Name\tDefinition\nview\twid=240&fmt=jpeg&qlt=85\nnested\t$view$&bgc=ff0000\n"
                + "loop\t$loop$\n");
        catalog = new Catalogs(folder).defaultCatalog();
    }

    private static Commands parse(String query) throws ImageServingException {
        return CommandParser.parse(query, "", "", catalog);
    }

    @Test
    void namesAreCaseInsensitiveAndTheLastOneWins() throws Exception {
        Commands c = parse("WID=100&Hei=50&wid=200");
        assertEquals("200", c.get("wid").orElseThrow());
        assertEquals("50", c.get("HEI").orElseThrow());
        assertEquals("hei=50&wid=200", c.toString(), "the winner moves to the end");
    }

    @Test
    void commentsAndEmptyModifiersAreIgnored() throws Exception {
        Commands c = parse("wid=1&.any text=here&&hei=2&.");
        assertEquals("wid=1&hei=2", c.toString());
    }

    @Test
    void valuesArePercentDecodedAfterSplittingAndKeepTheirCase() throws Exception {
        Commands c = parse("fmt=PNG&bgc=%46F0000&id=a%26b%3Dc&text=a+b");
        assertEquals("PNG", c.get("fmt").orElseThrow());
        assertEquals("FF0000", c.get("bgc").orElseThrow());
        assertEquals("a&b=c", c.get("id").orElseThrow(), "encoded separators stay inside the value");
        assertEquals("a+b", c.get("text").orElseThrow(), "'+' is a plus sign");
    }

    @Test
    void macroCommandsOverrideOnlyWhatCameBefore() throws Exception {
        assertEquals("240", parse("wid=10&$view$").get("wid").orElseThrow());
        assertEquals("480", parse("$VIEW$&wid=480").get("wid").orElseThrow());
        Commands nested = parse("$nested$");
        assertEquals("240", nested.get("wid").orElseThrow());
        assertEquals("ff0000", nested.get("bgc").orElseThrow());
    }

    @Test
    void catalogModifierLosesToTheUrlAndPostModifierWins() throws Exception {
        Commands c = CommandParser.parse("wid=300&fmt=png", "wid=100&bgc=000000", "fmt=jpeg", catalog);
        assertEquals("300", c.get("wid").orElseThrow());
        assertEquals("000000", c.get("bgc").orElseThrow());
        assertEquals("jpeg", c.get("fmt").orElseThrow());
    }

    @Test
    void variablesAreSubstitutedInValues() throws Exception {
        Commands c = parse("wid=$w$&$W=320&hei=$h$");
        assertEquals("320", c.get("wid").orElseThrow());
        assertEquals("$h$", c.get("hei").orElseThrow(), "an undefined variable stays as written");
        assertFalse(c.has("$w"), "a definition is not a command");
    }

    @Test
    void badInputIsABadRequest() {
        for (String query : new String[] {"$nope$", "$loop$", "wid=%zz", "wid=%4", "w<d=1", "wid=1%00"}) {
            ImageServingException e = assertThrows(ImageServingException.class, () -> parse(query), query);
            assertEquals(ImageServingException.Kind.BAD_REQUEST, e.kind(), query);
        }
        assertTrue(assertThrows(ImageServingException.class, () -> parse("wid=1&".repeat(600))).getMessage().contains("commands"));
    }

    @Test
    void errorDetailDecidesHowMuchIsSaid() {
        ImageServingException e = new ImageServingException(ImageServingException.Kind.NOT_FOUND, "demo/x.jpg");
        assertEquals("Image or catalog entry not found", e.message(0));
        assertEquals("Image or catalog entry not found: demo/x.jpg", e.message(2));
    }

    /** The attack of issue 9: a 3,500-character variable referenced 1,300 times asked for a 4.5 MB reply. */
    @Test
    void variableExpansionIsBoundedAndTheErrorNamesTheLimit() throws Exception {
        String big = "a".repeat(3500);
        String bomb = "$a=" + big + "&x=" + "$a$".repeat(1300) + "&req=resolve";
        ImageServingException e = assertThrows(ImageServingException.class, () -> parse(bomb));
        assertEquals(ImageServingException.Kind.BAD_REQUEST, e.kind());
        assertTrue(e.getMessage().contains("x= expands beyond " + CommandParser.MAX_VALUE_CHARS), e.getMessage());

        StringBuilder spread = new StringBuilder("$a=" + big);
        for (int i = 0; i < 20; i++) {
            spread.append("&x").append(i).append("=$a$$a$"); // each value under its limit, together over the request's
        }
        assertTrue(assertThrows(ImageServingException.class, () -> parse(spread.toString())).getMessage()
                .contains("the request expands beyond " + CommandParser.MAX_EXPANDED_CHARS), "the whole request over its limit");

        String manyReferences = "$a=b&x=" + "$a$".repeat(CommandParser.MAX_SUBSTITUTIONS + 1);
        assertTrue(assertThrows(ImageServingException.class, () -> parse(manyReferences)).getMessage()
                .contains("more than " + CommandParser.MAX_SUBSTITUTIONS), "too many references");

        assertEquals("$b$x", parse("$a=$b$x&$b=zzz&id=$a$").get("id").orElseThrow(), "a variable's value is not expanded again");
        assertEquals("b".repeat(CommandParser.MAX_SUBSTITUTIONS), parse(manyReferences.replace("$a$&", "&").substring(0,
                manyReferences.length() - 3)).get("x").orElseThrow(), "just under the limit is fine");
    }
}
