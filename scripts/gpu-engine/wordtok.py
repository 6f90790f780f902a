"""A deterministic word-level tokenizer for a model with random weights.

The engine's weights are random, so text carries no meaning: what matters is that the same text always
gives the same token count and ids, in any process, on any machine. One word or one punctuation mark is
one token (the harness's synthetic prompts are words of common English, about one token each), its id a
stable hash of the piece. Ids below FIRST_WORD_ID are the chat template's special tokens.
"""

import hashlib
import re

PAD, BOS, END_OF_TURN = 0, 1, 2
ROLE_HEADERS = {"system": 3, "user": 4, "assistant": 5, "tool": 6, "developer": 7}
FIRST_WORD_ID = 16

_PIECE = re.compile(r"\w+|[^\w\s]", re.UNICODE)
# Sixteen syllables: a token id written in base 16 becomes a pronounceable, unique word.
_SYLLABLES = ("ka", "ve", "ri", "so", "mu", "te", "lo", "na", "pi", "du", "ge", "ho", "zu", "fa", "bi", "ce")


class WordTokenizer:
    def __init__(self, vocab_size: int):
        if vocab_size <= FIRST_WORD_ID:
            raise ValueError(f"vocab_size must exceed {FIRST_WORD_ID}, got {vocab_size}")
        self.vocab_size = vocab_size

    def encode(self, text: str) -> list[int]:
        """Token ids of plain text: one per word or punctuation mark."""
        return [self._piece_id(p) for p in _PIECE.findall(text)]

    def encode_chat(self, messages: list[tuple[str, str]]) -> list[int]:
        """BOS, then per message its role header, its words and an end-of-turn mark, then the assistant header."""
        ids = [BOS]
        for role, content in messages:
            ids.append(ROLE_HEADERS[role])
            ids.extend(self.encode(content))
            ids.append(END_OF_TURN)
        ids.append(ROLE_HEADERS["assistant"])
        return ids

    def encode_prompt(self, prompt: str) -> list[int]:
        """A plain completion prompt: BOS and its words."""
        return [BOS] + self.encode(prompt)

    def decode(self, ids: list[int]) -> str:
        """Every id, special ones included, decodes to a non-empty word with a leading space: a random model may
        emit any id, and each generated token must show as content."""
        return "".join(" " + self._word(i) for i in ids)

    def _piece_id(self, piece: str) -> int:
        h = int.from_bytes(hashlib.blake2b(piece.encode("utf-8"), digest_size=8).digest(), "big")
        return FIRST_WORD_ID + h % (self.vocab_size - FIRST_WORD_ID)

    @staticmethod
    def _word(token_id: int) -> str:
        digits = []
        n = token_id
        while True:
            digits.append(_SYLLABLES[n % 16])
            n //= 16
            if n == 0:
                return "".join(reversed(digits))
