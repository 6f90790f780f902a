package io.hybench.bench.load;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.TokenCountSource;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;

/** Token-exact synthetic text with jtokkit's vocabularies. */
class TokenizerTest {

    @Test
    void countsAsTiktokenDoes() {
        // tiktoken: cl100k_base encodes "hello world" as [15339, 1917]; o200k_base also in two tokens
        assertEquals(2, Tokenizer.CL100K_BASE.count("hello world"));
        assertEquals(2, Tokenizer.O200K_BASE.count("hello world"));
        assertEquals("cl100k_base", Tokenizer.CL100K_BASE.wireName());
    }

    @Property(tries = 60)
    void syntheticPromptsHaveExactlyTheAskedTokens(@ForAll @IntRange(min = 1, max = 3000) int tokens, @ForAll long seed) {
        for (Tokenizer t : Tokenizer.values()) {
            SyntheticPrompts prompts = new SyntheticPrompts(new PromptSpec.Synthetic(new Distribution.Fixed(tokens), new Distribution.Fixed(1), t));
            Prompt p = prompts.stream(seed).next();
            assertEquals(tokens, t.count(p.text()), t.wireName());
            assertEquals(tokens, p.tokens(), "the line records the tokenizer's count");
        }
    }

    @Test
    void aChatTurnRecordsItsMessagesContentTokensExactly() {
        PromptSpec.Sessions spec = new PromptSpec.Sessions(3, new Distribution.Fixed(30), new Distribution.Fixed(5),
                new PromptSpec.SharedPrefix(200, 1), null, new Distribution.Fixed(40), Tokenizer.O200K_BASE, null);
        SessionPrompts.Session s = new SessionPrompts(spec, 1, true).session("s", 2);
        assertEquals(230, s.next().tokens(), "system prompt 200 + user message 30, each exact");
        s.replied(answered("a reply of several words"));
        Prompt second = s.next();
        int answer = Tokenizer.O200K_BASE.count("a reply of several words");
        assertEquals(230 + answer + 40 + 30, second.tokens(), "plus the answer, the 40-token tool result and the next 30-token message");
    }

    @Test
    void aCompletionTurnRecordsItsTranscriptsCount() {
        PromptSpec.Sessions spec = new PromptSpec.Sessions(2, new Distribution.Fixed(30), new Distribution.Fixed(5),
                new PromptSpec.SharedPrefix(200, 1), null, null, Tokenizer.O200K_BASE, null);
        Prompt first = new SessionPrompts(spec, 1, false).session("s", 2).next();
        assertEquals(Tokenizer.O200K_BASE.count(first.text()), first.tokens());
        // "System: " + 200 tokens + "\n\nUser: " + 30 tokens: the labels add a few tokens of their own
        int labels = first.tokens() - 230;
        assertEquals(true, labels > 0 && labels < 10, "label tokens: " + labels);
    }

    static RequestRecord answered(String text) {
        return new RequestRecord("r", new RequestRecord.Destination("t", ApiKind.OPENAI, "m", "/v1/chat/completions"),
                new RequestRecord.Timeline(0, 1, 2L, 3L, new long[]{3}, new int[]{1}, 4),
                new RequestRecord.Tokens(10, TokenCountSource.SERVER, 1, TokenCountSource.SERVER, false), new RequestRecord.Reply("stop", text, null, null), null, null);
    }
}
