"""A hand-in sent as an e-mail message (``.eml``): its text body, decoded as the mail program would show it.

Read with the standard library's ``email`` parser, which knows MIME: quoted-printable and base64 bodies,
character sets, multipart messages (the plain-text part is taken, else the HTML part). The headers are no answer
and are left out; the quoted earlier messages in the body stay (a correction may quote what it corrects).
"""
from __future__ import annotations

import email
import email.policy
import re
from email.message import EmailMessage, MIMEPart

MAX_PARTS = 20  # text parts read from one message; a hand-in has a body, its other version and an attachment or two


def mail_body(raw: str) -> tuple[str, str | None]:
    """The text of an e-mail message, as the TA reads it, and its format (None: plain text or Markdown; "html": an
    HTML body alone). Text attachments (the report a cover mail sends) come first, then the body the mail program
    shows (its HTML version where there is one), then the body's other version, each under a rule: where they
    disagree, an answer is said twice and a person compares. Text that is no message is returned as it is."""
    head = raw.lstrip()[:2000].split("\n\n", 1)[0]
    if ":" not in head.split("\n", 1)[0]:
        return raw, None
    message = email.message_from_bytes(raw.encode("utf-8", "surrogateescape"), policy=email.policy.default)
    if not isinstance(message, EmailMessage):
        return raw, None
    texts: list[tuple[str, str]] = []  # (subtype, content) of each text part read
    try:
        shown = message.get_body(preferencelist=("html", "plain"))
        others = [p for p in message.walk() if p is not shown and p.get_content_maintype() == "text"][:MAX_PARTS]
        attached = [p for p in others if p.is_attachment()]
        parts = [*attached, *([shown] if shown is not None else []), *(p for p in others if not p.is_attachment())]
        for part in parts:
            content = part.get_content() if part.get_content_charset() else _undeclared(part)
            if isinstance(content, str) and part.get_content_subtype() in ("plain", "html", "markdown", "x-tex"):
                texts.append((part.get_content_subtype(), content))
    except (LookupError, ValueError, AssertionError, KeyError):  # an unknown charset, a broken transfer encoding
        return raw, None
    if not texts:
        return raw, None
    if len(texts) == 1:
        return texts[0][1], "html" if texts[0][0] == "html" else None
    from grader.reading.formats_html import html_markdown

    read = [html_markdown(t) if kind == "html" else t for kind, t in texts]
    seen: list[str] = []
    for t in read:
        if not any(_same(t, u) for u in seen):
            seen.append(t)
    return "\n\n---\n\n".join(seen), None


def _undeclared(part: MIMEPart) -> str:
    """A text part that names no character set (Chrome's saved pages): UTF-8, as the browser that saved it wrote,
    else Windows' page (never ASCII with each accent lost)."""
    data = part.get_payload(decode=True)
    if not isinstance(data, bytes):
        return str(part.get_content())
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _same(a: str, b: str) -> bool:
    return re.sub(r"[\s*_#>\\`]+", "", a) == re.sub(r"[\s*_#>\\`]+", "", b)


# the line a mail program puts over the message a reply quotes: "On Tue, … Seojun Yoon wrote:", "Am … schrieb …:",
# "… <a@b.org> 写道：", "…님이 작성:", a date and an address then a colon, a forum's "**Han Jiwoo wrote (Apr 13):**"
_ATTRIBUTION = re.compile(r"[ \t*_]*(?:On\b.{3,200}?\bwrote|.{0,160}?(?:\b(?:wrote|schrieb|a\s+écrit|escribió|scrisse|"
                          r"ha\s+scritto|escreveu|schreef|napisał\(a\)|napisał|написал\w*|написав\w*|kirjoitti|skrev|"
                          r"yazdı)|님이\s*작성|작성|写道|寫道)|.{0,160}<[^<>@\s]{1,64}@[^<>\s]{1,255}>)"
                          r"(?:[ \t]*\([^()\n]{0,60}\))?[ \t]*[:：][ \t*_]*", re.IGNORECASE)
# the line over a message passed on whole, unquoted (Outlook, a forward): "-----Original Message-----",
# "---------- Forwarded message ---------", "Begin forwarded message:", a rule of underscores over its headers
_PASSED_ON = re.compile(r"[ \t]*-{3,}[ \t]*(?:Original Message|Forwarded message|Ursprüngliche Nachricht|"
                        r"Weitergeleitete Nachricht|Message d'origine|Message transféré|Mensaje original|"
                        r"Mensaje reenviado|Messaggio originale|Messaggio inoltrato|Oorspronkelijk bericht|"
                        r"Doorgestuurd bericht|Исходное сообщение|Пересланное сообщение|原始邮件|转发的邮件|"
                        r"원본 메시지|전달된 메시지|元のメッセージ|転送されたメッセージ)[ \t]*-{3,}[ \t]*"
                        r"|[ \t]*Begin forwarded message:[ \t]*|[ \t]*_{10,}[ \t]*", re.IGNORECASE)
_QUOTED = re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE)


def earlier_first(text: str, depth: int = 0, marks_lost: bool = False) -> str:
    """A reply with the message it answers quoted under it, set in the order it was written: the earlier
    message first (its quote marks taken off, the same done for the message it quotes in turn), then the
    reply. A fix written on top of a quoted hand-in ("In 1(f) it should be MINUS") then comes after the answer
    it fixes, as every later correction does; the quoted text stays read, as the TA reads it. ``marks_lost``: an
    HTML reply read as text, whose quote (a blockquote, a Gmail or Outlook block) has no "> " marks left."""
    lines = text.split("\n")
    quoted_above = False  # a quoted line seen already: an attribution inside the quote is the earlier message's own
    for k, line in enumerate(lines[:400]):
        inside = _is_quoted(line)  # "> On Apr 14, … wrote:": a mail program that quotes the line too
        outlook = not inside and (_PASSED_ON.fullmatch(line) is not None or _header_block(lines, k))
        attributed = outlook or (not (inside and quoted_above)
                                 and _ATTRIBUTION.fullmatch(_QUOTED.sub("", line, count=1) if inside else line))
        quoted_above = quoted_above or inside
        if not attributed:
            continue
        if outlook and line.strip().startswith("_") and not re.match(r"[ \t]*[^\W\d_][\w ]{0,20}:", next(
                (ln for ln in lines[k + 1:k + 4] if ln.strip()), "")):
            continue  # a rule of underscores with no headers under it: a line in the report, no forward
        reply, earlier = lines[:k], lines[k + int(not inside):]
        body = [ln for ln in earlier if ln.strip()]
        quoted = sum(1 for ln in body if _is_quoted(ln))
        if not any(ln.strip() for ln in reply):
            continue  # the quoted message's own attribution, at its top: what it quotes may come further down
        if not body or (not outlook and not marks_lost and quoted < 0.7 * len(body)):
            return text
        return _in_order(earlier, reply, depth, unquote=quoted >= 0.7 * len(body))
    return _quoted_tail_first(text, lines, depth)


_FROM = re.compile(r"[ \t*_]*(?:From|Von|De|Da|Van|Od|От|Від|发件人|寄件者|差出人|보낸\s*사람)[ \t*_]*[:：]",
                   re.IGNORECASE)
_SENT = re.compile(r"[ \t*_]*(?:Sent|Date|Gesendet|Datum|Envoyé|Enviado|Inviato|Verzonden|Wysłano|Отправлено|Надіслано|"
                   r"发送时间|寄件日期|送信日時|보낸\s*날짜)[ \t*_]*[:：]", re.IGNORECASE)


def _header_block(lines: list[str], k: int) -> bool:
    """"From: …" over "Sent: …" (Outlook's block over the message it answers, its rule lost with the HTML)."""
    return _FROM.match(lines[k]) is not None and k + 1 < len(lines) and _SENT.match(lines[k + 1]) is not None


def _is_quoted(line: str) -> bool:
    return line.lstrip().startswith(">")


def _in_order(earlier: list[str], reply: list[str], depth: int, unquote: bool) -> str:
    """The earlier message (its quote marks taken off, its own quoted message set before it in turn), a rule, the
    reply."""
    older = "\n".join(_QUOTED.sub("", ln, count=1) for ln in earlier) if unquote else "\n".join(earlier)
    if depth < 4:
        older = earlier_first(older, depth + 1)
    return "\n".join([older, "", "---", "", *reply])


def _quoted_tail_first(text: str, lines: list[str], depth: int) -> str:
    """A reply whose attribution line is in no language known here ("…님이 작성:", "…写道：", a date and a name): the
    quoted message at its end (three or more quoted lines, four in five of the lines from there on) is the earlier
    one, whatever line introduces it. Counted from the end once, so a long hand-in is read in one pass."""
    quoted_after = written_after = 0  # from line k to the end: its quoted lines, its non-blank lines
    tail = -1
    for k in range(len(lines) - 1, -1, -1):
        written_after += bool(lines[k].strip())
        if _is_quoted(lines[k]):
            quoted_after += 1
            if quoted_after >= 3 and quoted_after >= 0.8 * written_after:
                tail = k  # the earliest quoted line from which the rest is mostly quote
    if tail < 0 or not any(ln.strip() for ln in lines[:tail]) or _labelled_between(lines[tail:]):
        return text
    return _in_order(lines[tail:], lines[:tail], depth, unquote=True)


def _labelled_between(lines: list[str]) -> bool:
    """Whether a line that is no quote opens a part between the quoted ones ("(c) Compute the number of parameters
    …" over "> conv1 = 520"): a filled-in handout whose answers are set as quotes, no earlier message."""
    from grader.reading.labels import read_label

    for k, line in enumerate(lines[:-1]):
        stripped = line.lstrip(" \t*_#")
        if stripped and not _is_quoted(line) and any(_is_quoted(ln) for ln in lines[k + 1:]) \
                and read_label(stripped, 0) is not None:
            return True
    return False
