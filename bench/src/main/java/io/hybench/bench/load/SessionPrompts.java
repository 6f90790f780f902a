package io.hybench.bench.load;

import io.hybench.bench.client.Conversation;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.results.SessionTurn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Multi-turn sessions ({@link PromptSpec.Sessions}). A session's conversation grows turn by turn: the group's
 * system prompt, then each turn's user message, the server's real answer to it and, when {@code toolResultTokens}
 * is set, a simulated tool result answering a tool call the answer is given (the APIs pair a tool result with the
 * assistant message that called the tool). Chat endpoints get it as their protocol's messages array; completion
 * endpoints as {@link Conversation#completionText() one text}. Either way each turn's prompt starts with the
 * previous turn's, so a server's prefix cache can serve it. The group prompts are drawn from the workload's seed,
 * so every session of a group, on every target and step, shares them exactly.
 */
public final class SessionPrompts implements PromptSource {
    private final PromptSpec.Sessions spec;
    private final boolean chat;
    private final List<String> systemPrompts;
    /** The user messages of {@code userMessages}, read up front; empty for synthetic ones. */
    private final List<String> userMessages;

    /** @param chat whether turns go to a chat endpoint (it decides what {@code promptTokens} counts) */
    public SessionPrompts(PromptSpec.Sessions spec, long workloadSeed, boolean chat) {
        this.spec = spec;
        this.chat = chat;
        List<String> groups = new ArrayList<>();
        if (spec.systemPrompt() != null) {
            for (int g = 0; g < spec.systemPrompt().groups(); g++) {
                SplittableRandom random = new SplittableRandom(Seeds.derive(workloadSeed, g, 0x5E55));
                groups.add(text(random, spec.systemPrompt().tokens()));
            }
        }
        this.systemPrompts = List.copyOf(groups);
        this.userMessages = spec.userMessages() == null ? List.of()
                : PromptFileReader.read(spec.userMessages().asFile()).stream().map(Prompt::text).toList();
        if (spec.userMessages() != null && userMessages.isEmpty()) throw new IllegalArgumentException("userMessages file has no prompts");
    }

    private int count(String text) {
        return spec.tokenizer() == null ? 0 : spec.tokenizer().count(text);
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
        private final List<Conversation.Message> messages = new ArrayList<>();
        /** Tokenizer tokens of the system prompt and the messages so far, each counted alone (chat form). */
        private int contentTokens;
        private int turn;
        private boolean ended;
        private boolean awaitingReply;

        private Session(String id, SplittableRandom random) {
            this.id = id;
            this.random = random;
            this.group = systemPrompts.isEmpty() ? null : random.nextInt(systemPrompts.size());
            if (group != null) contentTokens = count(systemPrompts.get(group));
        }

        /** The next turn's prompt, or null once the session has all its turns or a turn failed. */
        public Prompt next() {
            if (ended || awaitingReply || turn == spec.turns()) return null;
            long thinkMs = 0;
            if (turn > 0) {
                if (spec.toolResultTokens() != null) {
                    add(new Conversation.ToolResult(toolCallId(turn), text(random, words(spec.toolResultTokens()))));
                }
                if (spec.thinkTimeMs() != null) thinkMs = spec.thinkTimeMs().sample(random);
            }
            add(new Conversation.User(userMessages.isEmpty() ? text(random, words(spec.userTokens()))
                    : userMessages.get(random.nextInt(userMessages.size()))));
            turn++;
            awaitingReply = true;
            int maxTokens = (int) Math.min(Integer.MAX_VALUE, Math.max(1, spec.outputTokens().sample(random)));
            Conversation conversation = new Conversation(group == null ? null : systemPrompts.get(group), messages);
            Integer tokens = spec.tokenizer() == null ? null : chat ? contentTokens : count(conversation.completionText());
            return new Prompt(conversation, maxTokens, null, null, new SessionTurn(id, turn, group, thinkMs), tokens);
        }

        /** The last turn's response: its answer joins the conversation; a failure or an empty answer ends the session. */
        public void replied(RequestRecord record) {
            awaitingReply = false;
            if (record == null || !record.succeeded() || record.reply().text().isEmpty()) {
                ended = true;
                return;
            }
            boolean toolFollows = spec.toolResultTokens() != null && turn < spec.turns();
            add(new Conversation.Assistant(record.reply().text(), toolFollows ? toolCallId(turn) : null));
        }

        private void add(Conversation.Message m) {
            messages.add(m);
            if (chat && spec.tokenizer() != null) contentTokens += count(m.text());
        }

        /** The simulated tool call after turn {@code t}'s answer: unique in the run, of the characters every API accepts. */
        private String toolCallId(int t) {
            return "call_" + id.replaceAll("[^A-Za-z0-9_-]", "_") + "_" + t;
        }

        private int words(Distribution d) {
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.sample(random)));
        }
    }
}
