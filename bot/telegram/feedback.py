"""Telegram votes on answers: the 👍 and 👎 buttons, the "what was wrong?" reply, /skip and
the admins' /feedback.

A 👎 asks once for the right answer; the user's next message in a private chat, or a
reply to the question in a group, within FEEDBACK_REPLY_SECONDS, is kept with the vote
(clipped to the store's MAX_REPLY_CHARS). Every write goes to the `Store` off the event
loop; when the data file cannot be written the user is told so in a line and the log
says why, and questions go on being answered.

May import: the standard library, python-telegram-bot, bot.staff, and this package's
buttons and format modules.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from dataclasses import dataclass

from telegram import ForceReply, Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, ContextTypes

from ..staff import MAX_REPLY_CHARS, Store, StoreError, Vote, clip_reply
from .buttons import Asked, VoteOn, pressed
from .format import QUOTE_CHARS, clip, escape, pack

__all__ = [
    "FEEDBACK_LIMIT",
    "FEEDBACK_REPLY_SECONDS",
    "PROMPT",
    "FeedbackHandlers",
    "shown_passages",
]

logger = logging.getLogger(__name__)

#: How long after a 👎 the user's message counts as the right answer.
FEEDBACK_REPLY_SECONDS = 600.0
#: The 👎 /feedback shows.
FEEDBACK_LIMIT = 10
#: Votes remembered to refuse a second vote on the same answer.
REMEMBERED_VOTES = 10_000
PROMPT = "What was wrong? Reply with the right answer, or /skip"
NOT_SAVED = "Sorry, I couldn't save that just now; the administrator can see why in the log."


@dataclass(frozen=True)
class _Pending:
    """A 👎 waiting for the right answer."""

    vote_id: int
    prompt_id: int
    until: float


def shown_passages(asked: Asked) -> tuple[str, ...]:
    """The passages an answer message showed: the answer's own, then each earlier report's."""
    answer = asked.answer
    ids = [answer.results[0].passage_id] if answer.results else []
    ids += [e.passage_id for e in answer.earlier]
    return tuple(dict.fromkeys(ids))


def _format_vote(n: int, vote: Vote) -> str:
    as_of = f" (as of {escape(vote.as_of)})" if vote.as_of else ""
    shown = f"<b>{clip(vote.short, QUOTE_CHARS)}</b>" if vote.short else "<i>no short answer</i>"
    reply = clip(vote.reply, QUOTE_CHARS) if vote.reply else "<i>no reply</i>"
    return (
        f"{n}. “{clip(vote.question, QUOTE_CHARS)}”{as_of}\n"
        f"   Shown: {shown}\n   Reply: {reply}\n"
        f"   <i>user {vote.user_id}, {escape(vote.at)}</i>"
    )


class FeedbackHandlers:
    """The vote buttons, the reply to a 👎, /skip and /feedback of one bot (its handlers are
    registered for those who may use the bot, /feedback for administrators)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._pending: dict[tuple[int, int], _Pending] = {}
        self._voted: OrderedDict[tuple[str, int], None] = OrderedDict()

    async def vote(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """👍 or 👎 pressed under an answer: store the vote; a 👎 asks what was wrong."""
        query, press = pressed(update, VoteOn)
        asked, good = press.asked, press.good
        user = query.from_user.id
        if (asked.key, user) in self._voted:
            await query.answer("You have already voted on this answer.")
            return
        answer = asked.answer
        try:
            vote_id = await asyncio.to_thread(
                self.store.add_vote,
                user_id=user,
                chat_id=asked.chat_id,
                question=answer.question,
                as_of=answer.as_of.iso() if answer.as_of else None,
                short=answer.short,
                passages=shown_passages(asked),
                generation=asked.generation,
                good=good,
            )
        except StoreError as exc:
            logger.warning("vote from user %d not saved: %s", user, exc)
            await query.answer(NOT_SAVED, show_alert=True)
            return
        self._voted[(asked.key, user)] = None
        while len(self._voted) > REMEMBERED_VOTES:
            self._voted.popitem(last=False)
        if good:
            await query.answer("Thanks for the 👍")
            return
        await query.answer("Thanks for telling me.")
        prompt = await context.bot.send_message(
            asked.chat_id,
            PROMPT,
            reply_markup=ForceReply(selective=True, input_field_placeholder="The right answer, or /skip"),
        )
        until = time.monotonic() + FEEDBACK_REPLY_SECONDS
        self._pending[(asked.chat_id, user)] = _Pending(vote_id, prompt.message_id, until)

    def _waiting(self, update: Update) -> tuple[tuple[int, int], _Pending] | None:
        """The 👎 this message's sender still owes an answer to, if any (expired ones are dropped)."""
        user, chat = update.effective_user, update.effective_chat
        if user is None or chat is None:
            return None
        who = (chat.id, user.id)
        pending = self._pending.get(who)
        if pending is not None and pending.until < time.monotonic():
            del self._pending[who]
            return None
        return (who, pending) if pending is not None else None

    async def reply_check(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A message answering "What was wrong?": keep it with the vote, and stop there."""
        waiting = self._waiting(update)
        message = update.effective_message
        if waiting is None or message is None or not message.text:
            return  # an ordinary message: the other handlers take it
        who, pending = waiting
        replied = message.reply_to_message
        answers_prompt = replied is not None and replied.message_id == pending.prompt_id
        private = message.chat.type == ChatType.PRIVATE
        if not answers_prompt and (not private or replied is not None):
            return
        del self._pending[who]
        try:
            kept = await asyncio.to_thread(self.store.set_reply, pending.vote_id, message.text)
        except StoreError as exc:
            logger.warning("feedback reply to vote %d not saved: %s", pending.vote_id, exc)
            await message.reply_html(NOT_SAVED)
            raise ApplicationHandlerStop from None
        clipped = kept != clip_reply(message.text, limit=len(message.text) + 1)
        note = f" (cut to its first {MAX_REPLY_CHARS:,} characters)" if clipped else ""
        await message.reply_html(f"Thanks, I've noted the right answer{note}.")
        raise ApplicationHandlerStop

    async def skip(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/skip: no right answer to give after a 👎."""
        message = update.effective_message
        if message is None:
            return
        waiting = self._waiting(update)
        if waiting is None:
            await message.reply_html("Nothing to skip.")
            return
        del self._pending[waiting[0]]
        await message.reply_html("OK, your 👎 is kept without a reply.")

    async def feedback(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/feedback (admins): the last ten 👎 with their replies."""
        message = update.effective_message
        if message is None:
            return
        try:
            votes = await asyncio.to_thread(self.store.votes, bad_only=True, limit=FEEDBACK_LIMIT)
        except StoreError as exc:
            logger.warning("/feedback: %s", exc)
            await message.reply_html(f"Can't read the feedback: {escape(str(exc))}")
            return
        if not votes:
            await message.reply_html("No 👎 votes yet.")
            return
        blocks = [f"<b>The last {len(votes)} 👎</b>, newest first:"]
        blocks += [_format_vote(n, vote) for n, vote in enumerate(votes, 1)]
        for text in pack(blocks):
            await message.reply_html(text)

    async def feedback_refused(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/feedback from a member who is not an administrator."""
        if update.effective_message is not None:
            await update.effective_message.reply_html("Only administrators can see feedback.")
