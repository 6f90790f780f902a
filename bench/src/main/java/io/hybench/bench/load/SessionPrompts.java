package io.hybench.bench.load;

import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.results.SessionTurn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Multi-turn sessions ({@link PromptSpec.Sessions}). A session's prompt grows turn by turn and every turn's
 * prompt starts with the previous turn's prompt byte for byte, so a server's prefix cache can serve it:
 * <pre>
 * system prompt of the session's group
 *
 * User: first message
 *
 * Assistant: the server's answer to turn 1
 *
 * Tool result: a simulated tool output (when toolResultTokens is set)
 *
 * User: second message ...
 * </pre>
 * The conversation goes as one prompt (chat endpoints get it as one user message). The group prompts are
 * drawn from the workload's seed, so every session of a group, on every target and step, shares them exactly.
 */
public final class SessionPrompts implements PromptSource {
    private final PromptSpec.Sessions spec;
    private final List<String> systemPrompts;
    /** The user messages of {@code userMessages}, read up front; empty for synthetic ones. */
    private final List<String> userMessages;

    public SessionPrompts(PromptSpec.Sessions spec, long workloadSeed) {
        this.spec = spec;
        List<String> groups = new ArrayList<>();
        if (spec.systemPrompt() != null) {
            for (int g = 0; g < spec.systemPrompt().groups(); g++) {
                SplittableRandom random = new SplittableRandom(Seeds.derive(workloadSeed, g, 0x5E55));
                groups.add("System: " + text(random, spec.systemPrompt().tokens()));
            }
        }
        this.systemPrompts = List.copyOf(groups);
        this.userMessages = spec.userMessages() == null ? List.of()
                : PromptFileReader.read(spec.userMessages().asFile()).stream().map(Prompt::text).toList();
        if (spec.userMessages() != null && userMessages.isEmpty()) throw new IllegalArgumentException("userMessages file has no prompts");
    }

    /** {@code length} random words, or exactly {@code length} tokens of the workload's tokenizer. */
    private String text(SplittableRandom random, int length) {
        return spec.tokenizer() == null ? SyntheticPrompts.words(random, length) : spec.tokenizer().words(random, length);
    }

    /** Sessions one after another (a closed-loop user), named {@code owner-1}, {@code owner-2}, ... */
    public PromptStream stream(long seed, String owner) {
        return new PromptStream() {
            private final SplittableRandom seeds = new SplittableRandom(seed);
            private Session current;
            private int count;

            @Override
            public Prompt next() {
                Prompt p = current == null ? null : current.next();
                if (p == null) {
                    current = session(owner + "-" + ++count, seeds.nextLong());
                    p = current.next();
                }
                return p;
            }

            @Override
            public void replied(RequestRecord record) {
                current.replied(record);
            }
        };
    }

    @Override
    public PromptStream stream(long seed) {
        return stream(seed, "session");
    }

    /** One session, its draws determined by {@code seed}. */
    public Session session(String id, long seed) {
        return new Session(id, new SplittableRandom(seed));
    }

    /** One conversation; not thread-safe. */
    public final class Session {
        private final String id;
        private final SplittableRandom random;
        private final Integer group;
        private final StringBuilder transcript = new StringBuilder();
        private int turn;
        private boolean ended;
        private boolean awaitingReply;

        private Session(String id, SplittableRandom random) {
            this.id = id;
            this.random = random;
            this.group = systemPrompts.isEmpty() ? null : random.nextInt(systemPrompts.size());
            if (group != null) transcript.append(systemPrompts.get(group)).append("\n\n");
        }

        /** The next turn's prompt, or null once the session has all its turns or a turn failed. */
        public Prompt next() {
            if (ended || awaitingReply || turn == spec.turns()) return null;
            long thinkMs = 0;
            if (turn > 0) {
                if (spec.toolResultTokens() != null) {
                    transcript.append("\n\nTool result: ").append(text(random, words(spec.toolResultTokens())));
                }
                transcript.append("\n\n");
                if (spec.thinkTimeMs() != null) thinkMs = spec.thinkTimeMs().sample(random);
            }
            transcript.append("User: ").append(userMessages.isEmpty() ? text(random, words(spec.userTokens()))
                    : userMessages.get(random.nextInt(userMessages.size())));
            turn++;
            awaitingReply = true;
            int maxTokens = (int) Math.min(Integer.MAX_VALUE, Math.max(1, spec.outputTokens().sample(random)));
            String prompt = transcript.toString();
            return new Prompt(prompt, maxTokens, null, null, new SessionTurn(id, turn, group, thinkMs),
                    spec.tokenizer() == null ? null : spec.tokenizer().count(prompt));
        }

        /** The last turn's response: its answer joins the conversation; a failure or an empty answer ends the session. */
        public void replied(RequestRecord record) {
            awaitingReply = false;
            if (record == null || !record.succeeded() || record.text().isEmpty()) {
                ended = true;
                return;
            }
            transcript.append("\n\nAssistant: ").append(record.text());
        }

        private int words(Distribution d) {
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.sample(random)));
        }
    }
}
