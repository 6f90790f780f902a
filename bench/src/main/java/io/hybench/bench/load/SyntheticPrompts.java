package io.hybench.bench.load;

import java.util.SplittableRandom;

/**
 * Generated prompts of controlled length: random common English words, each about one token in the
 * BPE vocabularies of current models (the server's own count lands in the record). Random words from
 * the first position on keep prefix caches from sharing work between requests.
 */
public final class SyntheticPrompts implements PromptSource {
    private static final String[] WORDS = ("the of and to in is was for on that with as by at from his it an were are which "
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
            StringBuilder text = new StringBuilder(words * 6);
            appendWords(text, words, random);
            return new Prompt(text.toString(), (int) Math.min(Integer.MAX_VALUE, out), null, null);
        };
    }

    /** Appends {@code count} random words, space-separated (with a leading space unless {@code text} is empty). */
    static void appendWords(StringBuilder text, int count, SplittableRandom random) {
        for (int i = 0; i < count; i++) {
            if (!text.isEmpty()) text.append(' ');
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
    }
}
