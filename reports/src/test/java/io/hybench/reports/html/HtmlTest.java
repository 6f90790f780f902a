package io.hybench.reports.html;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class HtmlTest {

    @Test
    void escapesMarkupAndQuotes() {
        assertEquals("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;", Html.escape("<script>alert('x')</script> & \"q\""));
    }

    @Test
    void replacesControlCharactersAndLoneSurrogatesButKeepsWhitespaceAndEmoji() {
        assertEquals("a\uFFFDb\uFFFDc\t\n\r\uD83D\uDE00", Html.escape("a\u0000b\uD800c\t\n\r\uD83D\uDE00"));
    }

    @Test
    void slugKeepsOnlySafeCharacters() {
        assertEquals("target-vllm-script-alert-1-script", Html.slug("Target vllm\"><script>alert(1)</script>"));
        assertEquals("section", Html.slug("<>"));
    }

    @Property
    void escapedTextNeverOpensATagOrLeavesAnAttribute(@ForAll String text) {
        String e = Html.escape(text);
        assertFalse(e.contains("<") || e.contains(">") || e.contains("\"") || e.contains("'"), e);
    }

    @Property
    void markupRoundTrips(@ForAll @Chars({'<', '>', '&', '"', '\'', 'a', ';', '#', ' ', '\n'}) String text) {
        String back = Html.escape(text).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
        assertEquals(text, back);
    }
}
