package io.hybench.bench.load;

import com.fasterxml.jackson.annotation.JsonValue;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A real BPE tokenizer for token-exact synthetic prompts: OpenAI's published vocabularies as jtokkit ships
 * them. A server with another vocabulary (Llama's, say) counts the same text differently; its usage stays
 * the count of record, and each request line keeps this tokenizer's count beside it.
 */
public enum Tokenizer {
    /** GPT-3.5/GPT-4's vocabulary. */
    CL100K_BASE(EncodingType.CL100K_BASE),
    /** GPT-4o's vocabulary. */
    O200K_BASE(EncodingType.O200K_BASE);

    private static final int MAX_ADJUSTMENTS = 1000;
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private final EncodingType type;
    /** {@link SyntheticPrompts}' words that are one token both alone and after a space; computed on first use. */
    private volatile String[] oneTokenWords;

    Tokenizer(EncodingType type) {
        this.type = type;
    }

    /** The vocabulary's name as tiktoken has it, e.g. {@code cl100k_base}. */
    @JsonValue
    public String wireName() {
        return type.getName();
    }

    private Encoding encoding() {
        synchronized (REGISTRY) {
            return REGISTRY.getEncoding(type);
        }
    }

    /** Tokens of {@code text} (special-token text counted as ordinary text). */
    public int count(String text) {
        return encoding().countTokensOrdinary(text);
    }

    /**
     * Exactly {@code tokens} tokens of random common words, each one token in this vocabulary, one word per token: the
     * first {@code k} tokens of the text are the same whatever {@code tokens} is (for a fixed {@code random} state), so
     * a shorter text is a token prefix of a longer one. A {@code continuing} text opens with a space and goes after
     * other such text: the vocabularies' pre-tokenizers split before a space-led word, so the tokens of a
     * concatenation are the sum of its parts'.
     */
    public String oneTokenWords(SplittableRandom random, int tokens, boolean continuing) {
        String[] words = oneTokenWords();
        StringBuilder text = new StringBuilder(tokens * 6);
        for (int i = 0; i < tokens; i++) {
            if (i > 0 || continuing) text.append(' ');
            text.append(words[random.nextInt(words.length)]);
        }
        return text.toString();
    }

    private String[] oneTokenWords() {
        String[] words = oneTokenWords;
        if (words == null) {
            Encoding enc = encoding();
            words = Arrays.stream(SyntheticPrompts.WORDS).distinct()
                    .filter(w -> enc.countTokensOrdinary(w) == 1 && enc.countTokensOrdinary(" " + w) == 1).toArray(String[]::new);
            if (words.length == 0) throw new IllegalStateException(wireName() + " has none of the common words as one token");
            oneTokenWords = words;
        }
        return words;
    }

    /**
     * Random common words making exactly {@code tokens} tokens: words are added or dropped one at a time
     * until the count is met (a common English word with its leading space is one token in these vocabularies).
     */
    public String words(SplittableRandom random, int tokens) {
        Encoding enc = encoding();
        StringBuilder text = new StringBuilder(SyntheticPrompts.words(random, tokens));
        int count = enc.countTokensOrdinary(text.toString());
        for (int i = 0; count != tokens; i++) {
            if (i == MAX_ADJUSTMENTS) throw new IllegalStateException("no text of exactly " + tokens + " " + wireName() + " tokens found");
            if (count < tokens) text.append(' ').append(SyntheticPrompts.words(random, 1));
            else text.setLength(Math.max(0, text.lastIndexOf(" ")));
            count = enc.countTokensOrdinary(text.toString());
        }
        return text.toString();
    }
}
