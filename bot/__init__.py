"""trustbot: answers questions from dated documents, latest facts first, with citations.

The engine flows one way: `corpus` (load, clean, split into passages) → `index` (BM25,
persisted) → `rank` (relevance, then date) → `answer` (cited reply). Front ends
(`cli`, and the Telegram bot) use `Engine` and hold no logic of their own.

Imports nothing; `bot.cli` is the console script's entry point.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
