"""A hand-in sent as an e-mail message (``.eml``): its text body, decoded as the mail program would show it.

Read with the standard library's ``email`` parser, which knows MIME: quoted-printable and base64 bodies,
character sets, multipart messages (the plain-text part is taken, else the HTML part). The headers are no answer
and are left out; the quoted earlier messages in the body stay (a correction may quote what it corrects).
"""
from __future__ import annotations

import email
import email.policy
import re
from email.message import EmailMessage


def mail_body(raw: str) -> tuple[str, str | None]:
    """The body of an e-mail message and the format it is in (None for plain text, "html" for an HTML body).
    Text that is no message (no header block) is returned as it is."""
    head = raw.lstrip()[:2000].split("\n\n", 1)[0]
    if ":" not in head.split("\n", 1)[0]:
        return raw, None
    message = email.message_from_bytes(raw.encode("utf-8", "surrogateescape"), policy=email.policy.default)
    if not isinstance(message, EmailMessage):
        return raw, None
    try:
        part = message.get_body(preferencelist=("plain", "html"))
        content = part.get_content() if part is not None else None
    except (LookupError, ValueError, AssertionError):  # an unknown charset, a broken transfer encoding
        return raw, None
    if not isinstance(content, str):
        return raw, None
    return content, "html" if part is not None and part.get_content_subtype() == "html" else None


# the line a mail program puts over the message a reply quotes: "On Tue, … Seojun Yoon wrote:", "Am … schrieb …:",
# "-----Original Message-----", a forum's "**Han Jiwoo wrote (Apr 13, 21:02):**"
_ATTRIBUTION = re.compile(r"[ \t*_]*(?:On\b.{3,200}?\bwrote|.{0,160}?\b(?:wrote|schrieb|a\s+écrit|escribió|scrisse|"
                          r"escreveu|schreef|napisał\(a\)|napisał|написал\w*|написав\w*|kirjoitti|skrev|yazdı))"
                          r"(?:[ \t]*\([^()\n]{0,60}\))?[ \t]*:[ \t*_]*$"
                          r"|[ \t]*-{3,}[ \t]*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|"
                          r"Mensaje original|Messaggio originale|Oorspronkelijk bericht|Исходное сообщение|原始邮件)"
                          r"[ \t]*-{3,}[ \t]*$", re.IGNORECASE)
_QUOTED = re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE)


def earlier_first(text: str, depth: int = 0) -> str:
    """A reply with the message it answers quoted under it, set in the order it was written: the earlier
    message first (its quote marks taken off, the same done for the message it quotes in turn), then the
    reply. A fix written on top of a quoted hand-in ("In 1(f) it should be MINUS") then comes after the answer
    it fixes, as every later correction does; the quoted text stays read, as the TA reads it."""
    lines = text.split("\n")
    for k, line in enumerate(lines[:400]):
        inside = line.lstrip().startswith(">")  # "> On Apr 14, … wrote:": a mail program that quotes the line too
        if not _ATTRIBUTION.fullmatch(_QUOTED.sub("", line, count=1) if inside else line) \
                or (inside and any(ln.lstrip().startswith(">") for ln in lines[:k])):
            continue
        reply, earlier = lines[:k], lines[k + int(not inside):]
        body = [ln for ln in earlier if ln.strip()]
        quoted = sum(1 for ln in body if ln.lstrip().startswith(">"))
        outlook = line.strip().startswith("-")
        if not any(ln.strip() for ln in reply):
            continue  # the quoted message's own attribution, at its top: what it quotes may come further down
        if not body or (not outlook and quoted < 0.7 * len(body)):
            return text
        if quoted >= 0.7 * len(body):
            earlier = [_QUOTED.sub("", ln, count=1) for ln in earlier]
        older = "\n".join(earlier)
        if depth < 4:
            older = earlier_first(older, depth + 1)
        return "\n".join([older, "", "---", "", *reply])
    return text
