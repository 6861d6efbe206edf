"""Who is speaking, for ``propose``: the attribution of a sentence ("..., the Labor Department reported"), the speaker
it names, and what kind of speaker that is (named, kept anonymous, a group, no one at all). Each is a proposal for a
student to check against data/codebooks/sources.md; a pronoun is resolved only to a speaker named before it.
"""
import re
from typing import NamedTuple

from ..methods.sources import QUOTED, normalise_quotes
from ..text import ABBREVIATIONS
from .folder import INVISIBLE

VERBS = (r"said|says|say|told|tells|tell|added|adds|reported|reports|report|tweeted|tweets|wrote|writes|announced|"
         r"announces|notified|urged|urges|claimed|claims|described|warned|warns|warn|asserted|clarified|insisted|"
         r"noted|notes|explained|argued|estimated|confirmed|denied|predicted|suggested|promised|criticized|criticised|"
         r"decried|blasted|stated|acknowledged|admitted|testified|indicates|indicated|showed|shows|found|asked|"
         r"replied|called|points out|pointed out|believe|believes|saying|warning|responded|responds|expressed|"
         r"revealed|emphasized|emphasised|shared|praised|recalled|acknowledged|conceded|cautioned")
VERB = re.compile(rf"\b(?:{VERBS})\b")
AFTER_QUOTE = re.compile(rf"(?:^|[\"”,]\s*)(?P<verb>said|says|added|asked|wrote|tweeted|warned|explained|"
                         rf"insisted|noted|replied)\s+(?P<speaker>(?:[\w'’.-]+\s){{0,6}}?[\w'’.-]+?)"
                         rf"(?=\s*[,.;:]|\s+(?:who|which|in|on|at|after|before|during)\b|\s*$)")
ACCORDING_TO = re.compile(r"\b(?i:according) to\s(?:[^,.;\"“”]*?\bby\s(?=[A-Z]))?(?P<speaker>(?:" + "|".join(re.escape(a) for a in ABBREVIATIONS)
                          + r"|(?!\s(?:based|from|has|have|had|is|are|was|were|that|which|who)\b)[^,.;\"“”])+)")
PULL_QUOTE = re.compile(r"[\"”'’]\s*[—–-]+\s*(?P<speaker>[A-Z][\w'’. -]+)$")
UNATTRIBUTED = re.compile(r"(?:\b(?:is|are|was|were|being|now|widely|long) |, )(?:believed|considered|thought|called)\b|"
                          r"\breportedly\b|\bit (?:was|is) reported\b", re.IGNORECASE)
ANONYMOUS = re.compile(r"asked not to be named|(?:did not|didn't) want (?:his|her|their) name|condition of anonymity|"
                       r"people familiar with|\bsources (?:said|say|told|close)|declined to be named|not authori[sz]ed to",
                       re.IGNORECASE)
VERB_WORDS = {verb.split()[0] for verb in VERBS.split("|")} | {"according"}
LOWER_WORD = re.compile(r"[a-z]+")
PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|been|being|be)\s$")
RELATIVE_BEFORE = re.compile(r"\b(?:who|which)\s$")


def attribution_cue(sentence: str) -> bool:
    """Whether a sentence may attribute something: a speech verb, "according to", an anonymous source, "is believed"."""
    return bool(VERB_WORDS.intersection(LOWER_WORD.findall(sentence.lower()))) or bool(
        ANONYMOUS.search(sentence) or UNATTRIBUTED.search(sentence))
CHANNELS = {"press conference": "press remarks", "told reporters": "press remarks", "interview": "interview",
            "told Fox News": "interview", "tweeted": "X post", "on Twitter": "X post", "on X": "X post",
            "posted": "X post", "statement": "document", "reportedly": "another outlet's report",
            "reported by": "another outlet's report", "by email": "document"}

PRONOUNS = ("he", "she", "they")
ADVERBS = (r"also|previously|initially|later|again|quickly|just|then|still|now|recently|repeatedly|once|have|has|had|"
           r"are|is|were|was|"
           r"will|would|could|may|might|likely|often|privately|publicly|further|first")
ADVERB_WORDS = set(ADVERBS.split("|"))
DASHED_ASIDE = re.compile(r"\s[—–]\s[^—–]{0,120}[—–]$|\s--\s.{0,120}--$")
LEADING = re.compile(r"^(?:(?:but|and|still|now|indeed|also|however|yet|so|meanwhile|instead|which|who|that|like|"
                     r"as|after|before|since|because|although|though|when|while|if)\b,?\s*)+", re.I)
NOT_A_SUBJECT = set("""is are was were be been being do does did will would can could should may might must not that
than if when while because though although where there it this which what who whom whose why how""".split())
NOT_SPEAKERS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
                "it", "this", "that", "there", "which", "what"}
# Head nouns of speakers left unnamed on purpose or by vagueness (anonymous), and of groups that hold a view.
ANONYMOUS_NOUNS = {"official", "officials", "authorities", "source", "sources", "investigator", "investigators",
                   "spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokespeople", "witness", "witnesses",
                   "aide", "aides", "insiders", "insider", "someone", "some", "others", "people", "person"}
GROUP_NOUNS = {"critics", "experts", "residents", "engineers", "scientists", "analysts", "economists", "opponents",
               "supporters", "campaigners", "locals", "proponents", "hopefuls", "companies", "polls", "reports",
               "revisions", "accounts", "analysis", "study", "studies", "many", "most", "several", "both", "all"}
INDEFINITE = {"a", "an", "one", "some", "several", "many", "most", "two", "three", "few", "all"}
ARTICLES = {"a", "an", "the", "one", "someone", "its", "their"}
INSTITUTION_WORDS = {"department", "bureau", "journal", "post", "times", "news", "administration", "house", "police",
                     "government", "corps", "pentagon", "agency", "institute", "office", "ministry", "council",
                     "committee", "report", "statement", "party", "reuters", "bloomberg", "nasa", "marines",
                     "republicans", "democrats", "isis", "court", "company", "university", "association", "campaign",
                     "weekly", "daily", "register", "magazine", "newspaper", "network", "poll", "memo", "airlines",
                     "airways", "bank", "corp", "co", "inc", "ltd", "group", "board", "commission", "service"}
# Head nouns of a role a person holds: "the attorney general", "The Arizona Republican" name a person, "The Shelton
# Weekly" or "the company" do not.
ROLE_NOUNS = {"president", "senator", "governor", "secretary", "spokesman", "spokeswoman", "chairman", "chairwoman",
              "chair", "official", "adviser", "advisor", "mayor", "general", "chief", "director", "leader", "republican",
              "democrat", "editor", "counsel", "minister", "representative", "congressman", "congresswoman", "sergeant",
              "commander", "officer", "attorney", "judge", "ceo", "meteorologist", "economist", "analyst", "professor",
              "lawyer", "founder", "a.g.", "speaker", "aide", "lawmaker", "candidate", "nominee"}
# Words after a speaker's name that start what is said of them: "Darrell Issa of California", "Mr. Obama on Thursday",
# "a Fox News poll released Friday" (looked for after the first two words: "Secretary of State Mike Pompeo" is whole).
AFTER_THE_NAME = {"of", "on", "at", "in", "with", "from", "for", "by", "released", "published", "issued"}
PARENTHESES = re.compile(r"\([^()\n]{0,40}\)")


INVISIBLE_INSIDE = re.compile("[" + "".join(INVISIBLE) + "]")  # zero-width characters and soft hyphens inside words


def outside_quotations(span: str) -> str:
    """``span`` with the words inside quotation marks and brackets blanked, positions kept: only the reporter's
    words name a speaker. An invisible character inside a word ("Bloom\u200bberg") is read as a letter."""
    flat = re.sub(QUOTED, lambda m: '"' + " " * (len(m.group()) - 2) + '"', normalise_quotes(span))
    return INVISIBLE_INSIDE.sub("x", PARENTHESES.sub(lambda m: " " * len(m.group()), flat))


class Attribution(NamedTuple):
    """An attribution found in a span: the speaker as written, the verb, and where the attribution clause (the
    speaker, any words set off after it, and the verb) starts and ends in the span."""
    speaker: str
    verb: str
    start: int = 0
    end: int = 0


NOUN_BEFORE = re.compile(r"(?:\b(?:the|a|an|this|that|its|his|her|their|latest|monthly|new|annual|first)|['’]s)\s$",
                         re.I)
NOT_SPEECH_AFTER = re.compile(r"\s(?:have|has|had|is|are|was|were|will|would|\d|another|a|an|nearly|some|more)\b")


def find_speaker(span: str) -> tuple[str, str]:
    """(speaker as written, verb) of the first attribution found in ``span``; ("", "") if none is found."""
    found = attribution_in(span)
    return found.speaker, found.verb


def attribution_in(span: str) -> Attribution:
    """The first attribution of ``span``: a subject before a speech verb ("the Labor Department reported"), a
    speaker after one ('..." said Adam Hersh'), "according to ...", a pull quote's "— NAME", a participle
    ("Sanders issued a statement saying"), or an agentless "is believed"; an empty Attribution if there is none."""
    outside = outside_quotations(span)
    for verb in VERB.finditer(outside):
        if not speech_verb(outside, verb):
            continue
        speaker = sentence_subject(outside) if verb.group() == "saying" else subject_before(
            outside[max(0, verb.start() - 260):verb.start()])
        if speaker:
            start = outside.rfind(speaker, 0, verb.start())
            return Attribution(span[start:start + len(speaker)], verb.group(), start, verb.end())
    for pattern in (AFTER_QUOTE, ACCORDING_TO, PULL_QUOTE):
        match = pattern.search(outside)
        if match and plausible(match.group("speaker").strip()):
            verb = match.groupdict().get("verb") or ("according to" if pattern is ACCORDING_TO else "")
            speaker = span[match.start("speaker"):match.end("speaker")].strip()
            end = len(span) if re.match(r",\s(?:who|a|an|the)\b", outside[match.end("speaker"):]) else match.end()
            return Attribution(speaker, verb, match.start(), end)
    unattributed = UNATTRIBUTED.search(outside)
    if unattributed:
        return Attribution(f"({unattributed.group().lower()})", unattributed.group().split()[-1].lower(),
                           unattributed.start(), unattributed.end())
    return Attribution("", "")


def speech_verb(outside: str, verb) -> bool:
    """Whether a verb match reports speech: not a passive ("was reported"), not a noun ("the report", "reports
    have"), not "added 146,000 jobs"."""
    before, after = outside[max(0, verb.start() - 12):verb.start()], outside[verb.end():verb.end() + 12]
    passive = not verb.group().endswith("ing") and PASSIVE_BEFORE.search(before)
    if passive or RELATIVE_BEFORE.search(before) or NOUN_BEFORE.search(before):
        return False  # a passive, a relative clause ("an official who asked not to be named") or a noun
    return not (verb.group() in ("added", "adds", "found", "showed", "shows", "report", "reports", "called")
                and NOT_SPEECH_AFTER.match(after))


def sentence_subject(outside: str) -> str:
    """The capitalised words a sentence opens with ("White House Press Secretary Sarah Sanders issued ...")."""
    match = re.match(r"\s*((?:[A-Z][\w'’.-]*\s)*[A-Z][\w'’.-]*)\s", outside)
    return match.group(1) if match and plausible(match.group(1)) else ""


def subject_before(left: str) -> str:
    """The subject just before an attribution verb: "Chris Williamson, economist at Markit.com," gives
    "Chris Williamson"; "..., the Labor Department" gives "the Labor Department"; "" when the words before the verb
    are not a plausible speaker (they hold a verb, or are more than eight words)."""
    left = without_trailing_adverbs(left)
    if left.endswith(("—", "–", "--")):
        left = left[:-200] + DASHED_ASIDE.sub("", left[-200:]).rstrip()  # "most big companies — even oil producers —"
    name_after = re.search(r",\s([A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)+),$", left)  # "the chair, Petra Holm, said"
    if name_after and plausible(name_after.group(1)):
        return name_after.group(1)
    appositive = re.search(r"(?:^|[.;:\"”]\s*|,\s)([^,;:\"”]{1,90}?),\s(?:who\b|a\b|an\b|the\b|[a-z])[^\"”]{0,160},$",
                           left)  # "Chris Williamson, economist at Markit.com, said"; "Giffords, who was ..., said"
    if appositive:
        return shortest_plausible(LEADING.sub("", appositive.group(1).strip()))
    clause = re.split(r"[,;:—–\"”(]|\s--\s|\b(?:that|and|but|as|while|because|when|if|so)\s", left)[-1]
    return shortest_plausible(LEADING.sub("", re.split(r"\s(?:who|which)\b", clause.strip())[0]))


def without_trailing_adverbs(left: str) -> str:
    """``left`` without the adverbs and auxiliaries that may stand before a verb ("Maxwell also", "officials have")."""
    left = left.rstrip()
    while True:
        head, _, last = left.rpartition(" ")
        if not head or last.lower() not in ADVERB_WORDS:
            return left
        left = head.rstrip()


def shortest_plausible(subject: str) -> str:
    """``subject`` if it is a plausible speaker, else the name it ends with ("retired FBI agent John Iannarelli")."""
    if plausible(subject):
        return subject
    name = re.search(r"(?:[A-Z][\w'’.-]*\s)+[A-Z][\w'’-]+$", subject)
    return name.group() if name and plausible(name.group()) else ""


def plausible(speaker: str) -> bool:
    """Whether a phrase can be a speaker: one to eight words, no verb-like word, not a day or a bare "it"."""
    words = speaker.split()
    if not 1 <= len(words) <= 8 or speaker.lower() in NOT_SPEAKERS:
        return False
    if any(word.lower() in NOT_A_SUBJECT for word in words) or re.search(r"\w+ed to\b", speaker):
        return False  # a verb ("the economy continued to")
    return words[-1][0].isupper() or words[-1].lower() in PRONOUNS or bool(re.fullmatch(r"[a-z][\w'’-]*", words[-1]))


def head_noun(speaker: str) -> str:
    """The word a speaker phrase is about: its last word before a preposition ("Witnesses on the ground")."""
    words = re.split(r"\s+(?:of|on|in|at|with|close|familiar|from|for|by)\s", speaker.replace("’", "'"))[0].split()
    return words[-1].lower().strip(".,") if words else ""


def speaker_words(speaker: str) -> list[str]:
    """The words of a speaker, without the brackets around the name a pronoun was resolved to ("she [Ana Rask]")."""
    return re.sub(r"[\[\]]", " ", speaker.replace("’", "'")).split()


def is_anonymous(speaker: str, span: str) -> bool:
    """An unnamed official, source, witness or spokesman ("Labor officials", "a base spokesman", "Some"), or a span
    that says the source is kept unnamed."""
    if ANONYMOUS.search(span):
        return True
    words = speaker_words(speaker)
    named_person = any(word[0].isupper() and word.lower() not in ANONYMOUS_NOUNS | INSTITUTION_WORDS
                       and word != words[0] for word in words[1:]) and head_noun(speaker) not in ANONYMOUS_NOUNS
    return bool(words) and head_noun(speaker) in ANONYMOUS_NOUNS and not named_person


def is_named(speaker: str) -> bool:
    """A speaker identified by name or as a named institution, not a group, a pronoun or a passive phrase."""
    words = [word.lower() for word in speaker_words(speaker)]
    if not words or speaker.startswith("(") or speaker.lower() in PRONOUNS:
        return False
    if head_noun(speaker) in GROUP_NOUNS | ANONYMOUS_NOUNS:
        return False
    return not (words[0] in INDEFINITE and not any(word[0].isupper() for word in speaker_words(speaker)[1:]))


def is_person(speaker: str) -> bool:
    """A named speaker who is a person (he or she can refer to them): not an institution or an outlet ("The Shelton
    Weekly", "the Labor Department", "AAA"), and, after "the" or "a", a role a person holds ("the attorney general")."""
    words = head_words(speaker)
    if not is_named(speaker) or {word.lower().strip(".,") for word in words} & INSTITUTION_WORDS:
        return False
    if re.fullmatch(r"[A-Z]{2,}", words[-1]):
        return False  # an acronym: an organisation
    return words[0].lower() not in ("the", "a", "an") or words[-1].lower() in ROLE_NOUNS


def head_words(speaker: str) -> list[str]:
    """The words that name a speaker: the name a pronoun was resolved to, without what is said of them after it."""
    inside = re.search(r"\[(.+?)\]", speaker)
    words = (inside.group(1) if inside else speaker).replace("’", "'").split()
    cut = next((index for index, word in enumerate(words) if index >= 2 and word in AFTER_THE_NAME), len(words))
    return words[:cut]


def speaker_id(speaker: str) -> str:
    """A short id for a speaker: a person's last name ("Mayor Ana Ruiz" -> "ruiz"), an institution's or a group's
    whole name without its article ("the Federal Aviation Administration" -> "federal-aviation-administration", "the
    harbour authority" -> "harbour-authority"), so that two institutions never share an id; "" for a pronoun, a
    passive phrase or nothing."""
    if not speaker.strip() or speaker.startswith("(") or speaker.lower() in PRONOUNS:
        return ""
    words = head_words(speaker)
    if is_person(speaker):
        names = [word for word in words[1:] if word[0].isupper()] or words
        return names[-1].lower().strip(".")
    return "-".join(re.sub(r"[^\w.-]", "", word.lower().removesuffix("'s")).strip(".")
                    for word in words if word.lower() not in ARTICLES)


def channel_of(span: str) -> str:
    """Where the words were said, when the span says it ("at a press conference"); "unknown" otherwise."""
    return next((channel for cue, channel in CHANNELS.items() if cue in span), "unknown")
