package io.hybench.bench.load;

import java.util.SplittableRandom;

/**
 * Generated prompts of controlled length: random common English words, each about one token in the
 * BPE vocabularies of current models (the server's own count lands in the record). Random words from
 * the first position on keep prefix caches from sharing work between requests.
 */
public final class SyntheticPrompts implements PromptSource {
    static final String[] WORDS = ("the of and to in is was for on that with as by at from his it an were are which "
            + "this be or has had not but have one first their its new after who they two her she been other when "
            + "there all during into school time may years more most only over city some world would where later up "
            + "such used many can state about national out known university united then made what most people "
            + "also than three house year through team game small well long part high same film group river "
            + "music west water light order power north south east line road book song name place word day night").split(" ");

    private final PromptSpec.Synthetic spec;

    public SyntheticPrompts(PromptSpec.Synthetic spec) {
        this.spec = spec;
    }

    @Override
    public PromptStream stream(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return () -> {
            int words = (int) Math.max(1, Math.min(Integer.MAX_VALUE, spec.inputTokens().sample(random)));
            long out = Math.max(1, spec.outputTokens().sample(random));
            int maxTokens = (int) Math.min(Integer.MAX_VALUE, out);
            Tokenizer t = spec.tokenizer();
            return t == null ? new Prompt(words(random, words), maxTokens, null, null)
                    : new Prompt(t.words(random, words), maxTokens, null, null, null, words);
        };
    }

    /** {@code count} random common words separated by spaces. */
    static String words(SplittableRandom random, int count) {
        StringBuilder text = new StringBuilder(count * 6);
        for (int i = 0; i < count; i++) {
            if (i > 0) text.append(' ');
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }
}
