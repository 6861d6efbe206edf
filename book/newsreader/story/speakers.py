"""Who is speaking, for ``propose``: the attribution of a sentence ("..., the Labor Department reported"), the speaker
it names, and what kind of speaker that is (named, kept anonymous, a group, no one at all). Each is a proposal for a
student to check against data/codebooks/sources.md; a pronoun is resolved only to a speaker named before it.
"""
import re
from typing import NamedTuple

from ..methods.sources import normalise_quotes
from ..text import ABBREVIATIONS, sentences
from .folder import INVISIBLE

VERBS = (r"said|says|say|told|tells|tell|added|adds|reported|reports|report|tweeted|tweets|wrote|writes|announced|"
         r"announces|notified|urged|urges|claimed|claims|described|warned|warns|warn|asserted|clarified|insisted|"
         r"noted|notes|explained|argued|estimated|estimates|confirmed|denied|predicted|suggested|promised|criticized|criticised|"
         r"decried|blasted|stated|acknowledged|admitted|testified|indicates|indicated|showed|shows|found|asked|"
         r"replied|called|points out|pointed out|believe|believes|saying|warning|responded|responds|expressed|"
         r"revealed|emphasized|emphasised|shared|praised|recalled|acknowledged|conceded|cautioned|declared|"
         r"declaring|disputed|disputes|dismissed|countered|counters|mentioned|alluded|reads|claiming|"
         r"insisting|noting|adding|arguing|relaying|predicting|suggesting|describing|calling|writing|commenting")
# "offered a fairly dire assessment", "offered her condolences": a noun of speech after "offered" makes it one.
SPEECH_NOUN_AFTER = (r"\boffered\b(?=(?:\s[\w'’-]+){0,4}\s(?:analysis|assessment|comments?|explanation|account|views?|"
                     r"warning|praise|criticism|condolences|apology|defen[cs]e|vote of confidence)\b)")
# "Obama rejected claims that ...": rejecting or denying what others say is saying something.
REJECTING = r"\b(?:rejected|denied|dismissed|disputed)\b(?=\s(?:[\w'’-]+\s)?(?:claims|reports|allegations|charges|accusations)\b)"
VERB = re.compile(rf"\b(?:{VERBS})\b|{SPEECH_NOUN_AFTER}|{REJECTING}")
NOT_A_NAMES_END = "".join(rf"(?<!\b{re.escape(title[:-1])})" for title in ABBREVIATIONS if title.count(".") == 1) + \
    r"(?<!\b[A-Z])"  # a title or an initial before a point does not end a name ("said Gen. James Amos")
# A speaker named after the verb: up to seven words, ending before a comma, a point that ends the sentence, a word
# that starts what is said of them, or the end.
SPEAKER_AFTER = (rf"(?P<speaker>(?:[\w'’.-]+\s){{0,6}}?[\w'’.-]+?)(?=\s*[,;:]|{NOT_A_NAMES_END}\.|"
                 rf"\s+(?:who|which|in|on|at|after|before|during|with|among)\b|\s*$)")
AFTER_QUOTE = re.compile(rf"(?:^|[\"”,]\s*)(?P<verb>(?i:said|says|added|asked|wrote|tweeted|warned|explained|"
                         rf"insisted|noted|replied))\s+{SPEAKER_AFTER}")
# '"...," reads a statement from Senate Majority Leader Harry Reid's office.'
STATEMENT_FROM = re.compile(rf"[\"”,]\s*(?P<verb>reads)\s+(?:a|the)\s+(?:statement|memo|letter|release|post)\s+from\s+"
                            rf"{SPEAKER_AFTER}")
# The agent of a passive: "43 million Americans expected by AAA", "first reported by Greg Sargent", "seen by many".
BY_AGENT = re.compile(r"\b(?P<verb>expected|estimated|predicted|projected|forecast|reported|counted|seen|described)\s+by\s+"
                      r"(?P<speaker>(?:(?:many|most|some|several)\s)?[A-Z][\w&'’.-]*(?:\s[A-Z][\w&'’.-]*){0,5})")
# An attribution that ends the sentence and governs all of it: "..., the White House said on Friday."
FINAL = re.compile(r",[\"”]?\s+(?P<speaker>(?:(?:the|The|a|A|an|An)\s)?(?:[a-z]+\s){0,3}[A-Z][\w'’.&-]*(?:\s[A-Z][\w'’.&-]*){0,6}"
                   r"|(?:the|The|a|A|an|An)\s(?:[\w'’.&-]+\s){0,4}[a-z][\w'’-]*)\s+"  # "the airline", "a spokesman"
                   r"(?:has\s+|have\s+|had\s+)?(?P<verb>said|says|reported|reports|wrote|writes|added|adds|announced|"
                   r"told)\b[^,.;:!?\"]{0,40}(?:,\s+(?:citing|adding|noting)[^.;!?]{0,80})?[.!?]?\s*$")
ACCORDING_TO = re.compile(r"\b(?i:according) to\s(?:[^,.;\"“”]*?\bby\s(?=[A-Z]))?(?P<speaker>(?:" + "|".join(re.escape(a) for a in ABBREVIATIONS)
                          + r"|(?!\s(?:based|from|has|have|had|is|are|was|were|that|which|who)\b)[^,.;\"“”])+)")
PULL_QUOTE = re.compile(r"[\"”'’]\s*[—–-]+\s*(?P<speaker>[A-Z][\w'’. -]+)$")
UNATTRIBUTED = re.compile(r"(?:\b(?:is|are|was|were|being|been|now|widely|long|once) |, )(?:believed|considered|thought|"
                          r"called|reported)\b|\breportedly\b|\bit (?:was|is) reported\b", re.IGNORECASE)
ANONYMOUS = re.compile(r"asked not to be (?:named|identified)|(?:did not|didn't) want (?:his|her|their) name|"
                       r"condition of anonymity|people (?:familiar with|briefed on)|with (?:direct )?knowledge of|"
                       r"\bsources (?:said|say|told|close)|declined to be (?:named|identified)|not authori[sz]ed to",
                       re.IGNORECASE)
PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|been|being|be)\s$")
RELATIVE_BEFORE = re.compile(r"\b(?:who|which)\s$")


# The words and phrases that may make a sentence an attribution: the cheap test before the close reading.
CUE_WORDS = {verb.split()[0] for verb in VERBS.split("|")} | {"according", "offered", "rejected", "expected",
                                                                 "estimated", "projected", "forecast", "counted", "seen"}
CUE_PHRASES = re.compile(f"{ANONYMOUS.pattern}|{UNATTRIBUTED.pattern}")
LOWER_WORD = re.compile(r"[a-z]+")


def attribution_cue(sentence: str) -> bool:
    """Whether a sentence may attribute something: a speech verb, "according to", the agent of a passive, an
    anonymous source, "is believed"."""
    lowered = sentence.lower()
    return not CUE_WORDS.isdisjoint(LOWER_WORD.findall(lowered)) or CUE_PHRASES.search(lowered) is not None


CHANNELS = {"press conference": "press remarks", "told reporters": "press remarks", "interview": "interview",
            "told Fox News": "interview", "tweeted": "X post", "on Twitter": "X post", "on X": "X post",
            "posted": "X post", "statement": "document", "reportedly": "another outlet's report",
            "reported by": "another outlet's report", "by email": "document"}

PRONOUNS = ("he", "she", "they")
ADVERBS = (r"also|previously|initially|later|again|quickly|just|then|still|now|recently|repeatedly|once|have|has|had|"
           r"are|is|were|was|will|would|could|may|might|likely|often|privately|publicly|further|first|himself|"
           r"herself|themselves|itself|ultimately|since|both|all|too|today|yesterday|tonight")
ADVERB_WORDS = set(ADVERBS.split("|"))
NOT_ADVERBS = {"family", "ally", "rally", "supply", "reply", "apply", "assembly", "monopoly", "anomaly", "bully",
               "daily", "weekly", "monthly", "yearly", "elderly", "july", "italy"}  # words in -ly that are not adverbs
DASHED_ASIDE = re.compile(r"\s[—–]\s[^—–]{0,120}[—–]$|\s--\s.{0,120}--$")
LEADING = re.compile(r"^(?:(?:but|and|then|still|now|indeed|also|however|yet|so|meanwhile|instead|which|who|that|like|"
                     r"as|after|before|since|because|although|though|when|while|if)\b,?\s*)+", re.I)
NOT_A_SUBJECT = set("""is are was were be been being do does did will would can could should may might must not that
than if when while because though although where there it this which what who whom whose why how""".split())
# Words a speaker phrase never ends with: prepositions, conjunctions ("both slightly above", "far but").
NOT_AN_END = set("""above below over under between into onto than and but or nor so yet""".split())
# Time words before an attribution verb belong to the attribution, not to the speaker ("Mr. Obama on Thursday said").
TIME_AT_THE_END = re.compile(r"(?:,?\s+(?:on|in|at|by|last|this|next|early|late|earlier|later)?\s*(?:(?:Jan|Feb|Mar|Apr|"
                             r"Aug|Sept?|Oct|Nov|Dec)\.|January|February|March|April|May|June|July|August|September|"
                             r"October|November|December)\s\d{1,2}(?:,\s\d{4})?|,?\s+(?:on|in)\s\d{4}|(?:\s+(?:on|last|"
                             r"this|next|early|late))?\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                             r"week|weekend|year|month|summer|winter|spring|fall|night|morning|afternoon|evening)|,\s\d{4})"
                             r",?$")
TIME_END_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week", "weekend", "year",
                  "month", "summer", "winter", "spring", "fall", "night", "morning", "afternoon", "evening"}
ADVERBIAL_AT_THE_END = re.compile(r"\s(?:so far|for now|at first|at the time|in turn|by then|until now)$")
SETTING_OFF_COMMA = re.compile(r",(?!(?<=\d,)\d{3}\b)")
DATE_SET_OFF = re.compile(r"\d{1,2},\s\d{4},$")  # "on July 20, 2006,"
# A dateline opens an article: "WASHINGTON — ", "(CNN) -- ", "ROME, March 3 - ", "EVENDALE, Ohio, March 3 - ".
DATELINE = re.compile(r"^\s*(?:\(\w+\)\s*--\s*|[A-Z][A-Z .'’]{2,40}(?:,\s[A-Z][\w.]+)*(?:,\s[A-Z][a-z]{2,8}\.?\s\d{1,2})?"
                      r"\s(?:—|--|-)\s)")
DATELINES = re.compile(DATELINE.pattern, re.MULTILINE)  # at the start of every paragraph of an article
# A phrase that opens a sentence before its subject ("Speaking on ABC's "This Week," ", "Trying to quell the furor, ").
LEADING_PHRASE = re.compile(r"\A\s*(?:(?:In|On|At|After|Before|During|Under|While|When|Since|As|If|Though|Although|By|For|"
                            r"With|Without|Despite|Citing|Asked|Speaking|Trying|Seeking|Responding|Writing|But|And|"
                            r"So|Still|Yet|However|Meanwhile|Then)\b|[A-Z][a-z]+ing\b)[^,]{0,150},[\"”]?\s+")
NAME = r"(?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’.-]*"
PARTY_TAG = re.compile(r",\s(?:[RDI]|Rep|Dem|Ind)-[A-Z][A-Za-z.]*(?=[,\s)]|$)")  # ", R-Ariz.", ", D-N.Y."
NOT_SPEAKERS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
                "it", "this", "that", "there", "which", "what", "the", "a", "an"}
# Head nouns of speakers left unnamed on purpose or by vagueness (anonymous), and of groups that hold a view.
ANONYMOUS_NOUNS = {"official", "officials", "authorities", "source", "sources", "investigator", "investigators",
                   "spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokespeople", "witness", "witnesses",
                   "aide", "aides", "insiders", "insider", "someone", "some", "others", "people", "person"}
GROUP_NOUNS = {"critics", "experts", "residents", "engineers", "scientists", "analysts", "economists", "opponents",
               "supporters", "campaigners", "locals", "proponents", "hopefuls", "companies", "polls", "reports",
               "revisions", "accounts", "analysis", "study", "studies", "many", "most", "several", "both", "all",
               "forecasters", "organizers", "organisers", "lawmakers", "voters", "activists", "protesters", "observers",
               "researchers", "historians", "lawyers", "advocates", "conservatives", "liberals", "progressives",
               "investors", "traders", "workers", "employees", "travelers", "travellers", "drivers", "passengers"}
# Unnamed people where a list of places says where they are: "Authorities in California, Nevada and Arizona".
CAPITALISED = r"[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)*"
PLACES_AFTER_A_GROUP = re.compile(rf"(?:\b(?:[Tt]he|[Ss]ome|[Mm]any)\s)?\b(?i:{'|'.join(sorted(ANONYMOUS_NOUNS | GROUP_NOUNS))})"
                                  rf"\s(?:in|of|from)\s{CAPITALISED}(?:,\s{CAPITALISED})*,?\s(?:and|or)\s{CAPITALISED}$")
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
    """``span`` with the words inside quotation marks (``quotations``), in brackets, in a party tag (", R-Ariz.") and
    in a dateline blanked, positions kept: only the reporter's words name a speaker. The comma that ends a quotation is kept
    ('"Fox News Sunday," Sen. Jim DeMint'); an invisible character inside a word ("Bloom\u200bberg") is read as a
    letter."""
    flat = list(normalise_quotes(span))
    for start, end in quotations(span):
        inner_end = end - 1 if flat[end - 1] == '"' and end - 1 > start else end
        kept = inner_end - 1 if flat[inner_end - 1] == "," else inner_end
        flat[start + 1:kept] = " " * (kept - start - 1)
    flat = DATELINES.sub(blank, PARTY_TAG.sub(blank, PARENTHESES.sub(blank, "".join(flat))))
    return INVISIBLE_INSIDE.sub("x", flat)


def quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation of ``text`` with its marks, curly or straight, within a paragraph: marks are
    paired in order, and a quotation left open runs to the end of its paragraph (it goes on in the next one)."""
    flat, spans, start = normalise_quotes(text), [], None
    for mark in re.finditer(r'"|\n', flat):
        at = mark.start()
        if flat[at] == "\n":
            if start is not None:
                spans.append((start, at))
            start = None
        elif start is None:
            start = at
        else:
            spans.append((start, at + 1))
            start = None
    return spans + [(start, len(flat))] * (start is not None)


def blank(match) -> str:
    return " " * len(match.group())


class Attribution(NamedTuple):
    """An attribution found in a span: the speaker as written, the verb, and where the attribution clause (the
    speaker, any words set off after it, and the verb) starts and ends in the span."""
    speaker: str
    verb: str
    start: int = 0
    end: int = 0


NOUN_BEFORE = re.compile(r"(?:\b(?:the|a|an|this|that|its|his|her|their|latest|monthly|new|annual|first)|['’]s)\s$",
                         re.I)
ADJECTIVE_BEFORE = re.compile(r"\b(?:above|below|than|of|for|with|at|in|on|from|by|as|over|under)\s$")
NOT_SPEECH_AFTER = re.compile(r"\s(?:have|has|had|is|are|was|were|will|would|\d|another|a|an|nearly|some|more)\b")


def find_speaker(span: str) -> tuple[str, str]:
    """(speaker as written, verb) of the first attribution found in ``span``; ("", "") if none is found."""
    found = attribution_in(span)
    return found.speaker, found.verb


def attribution_in(span: str, outside: str | None = None) -> Attribution:
    """The first attribution of ``span``: one that ends its first sentence and so governs it ("..., the White House
    said on Friday."), a subject before a speech verb ("the Labor Department reported"), the subject of a participle
    ("Steele issued a statement saying"), a speaker after the verb ('..." said Adam Hersh', "Added Gibbs:", "reads a
    statement from ..."), "according to ...", the agent of a passive ("expected by AAA"), a pull quote's "— NAME",
    or an agentless "is believed"; an empty Attribution if there is none. ``outside`` is the span with its quoted
    words blanked (``outside_quotations``), best computed on the whole article, where a quotation can begin in an
    earlier sentence."""
    outside = outside_quotations(span) if outside is None else outside
    first = sentences(outside)[:1]
    first_end = outside.find(first[0]) + len(first[0]) if first else 0
    final = FINAL.search(outside, 0, first_end)
    if final and not plausible(final.group("speaker")):
        final = None
    according = ACCORDING_TO.search(outside, 0, first_end)
    if not final and according and re.fullmatch(r"(?:\s*,[^;:]*)?[.!?]?\s*", outside[according.end():first_end]):
        final = according  # "..., according to Sen Dick Durbin, D-Ill., the No. 2 Democrat in the chamber."
    for verb in VERB.finditer(outside):
        if not speech_verb(outside, verb):
            continue
        left = outside[max(0, verb.start() - 260):verb.start()]
        participle = verb.group().endswith("ing") and not re.search(r"\b(?:is|are|was|were|be|been|am)\s$", left)
        speaker = participle_subject(left) if participle else subject_before(left, infinitive=verb.group() in BASE_FORMS)
        if speaker:
            governs = final is not according or verb.group() not in SAYING  # "X said Y, according to a statement"
            if final and final.start() - verb.end() > 3 and governs:  # the sentence ends "..., the White House said."
                break
            start = outside.rfind(speaker, 0, verb.start())
            return Attribution(span[start:start + len(speaker)], verb.group(), start, verb.end())
    if final:  # not when it follows another attribution directly ('"...," Noem said, the Journal reported.')
        return found(span, outside, final, final.groupdict().get("verb") or "according to", end=final.end())
    for pattern in (AFTER_QUOTE, STATEMENT_FROM, ACCORDING_TO, BY_AGENT, PULL_QUOTE):
        match = pattern.search(outside)
        if match and plausible(name_only(match.group("speaker").strip())):
            verb = match.groupdict().get("verb") or ("according to" if pattern is ACCORDING_TO else "")
            appositive = re.match(r"\s*,\s+(?:who|a|an|the|among|one of)\b", outside[match.end("speaker"):])
            return found(span, outside, match, verb, end=len(span) if appositive else match.end())
    unattributed = UNATTRIBUTED.search(outside)
    if unattributed:
        return Attribution(f"({unattributed.group().lower().lstrip(', ')})", unattributed.group().split()[-1].lower(),
                           unattributed.start(), unattributed.end())
    return Attribution("", "")


def found(span: str, outside: str, match, verb: str, end: int) -> Attribution:
    """The Attribution of a pattern's match in ``outside``: its speaker group as written in ``span`` (without a party
    tag or what follows the name)."""
    start = match.start("speaker")
    speaker = without_trailing_adverbs(name_only(outside[start:match.end("speaker")].strip()))
    start = outside.index(speaker, start)
    return Attribution(span[start:start + len(speaker)], verb, match.start(), end)


def speech_verb(outside: str, verb) -> bool:
    """Whether a verb match reports speech: not a passive ("was reported"), not a noun ("the report", "reports
    have", "rejected claims"), not an adjective ("above predicted strength"), not "added 146,000 jobs"."""
    before, after = outside[max(0, verb.start() - 12):verb.start()], outside[verb.end():verb.end() + 12]
    passive = not verb.group().endswith("ing") and PASSIVE_BEFORE.search(before)
    if passive or RELATIVE_BEFORE.search(before) or NOUN_BEFORE.search(before) or ADJECTIVE_BEFORE.search(before):
        return False  # a passive, a relative clause ("an official who asked not to be named"), a noun or an adjective
    if verb.group() in ("claims", "reports", "report", "shows") and re.search(r"\b[a-z]+ed\s$", before):
        return False  # "Obama rejected claims that ...": a noun after a verb
    if verb.group() == "report" and re.search(r"\b(?:the|a|an|this|that|its|his|her|their)\s[\w'’-]+\s$",
                                              outside[max(0, verb.start() - 30):verb.start()], re.I):
        return False  # "a Pentagon report released last year"
    if verb.group() == "found" and not re.match(
            r"(?:\s[\w'’-]+){0,2}\s+that\b", outside[verb.end():verb.end() + 40]):
        return False  # "Police found the weapon": a finding is reported with "that"
    return not (verb.group() in ("added", "adds", "found", "showed", "shows", "report", "reports", "called")
                and NOT_SPEECH_AFTER.match(after))


CLAUSE_BREAK = re.compile(rf"{NOT_A_NAMES_END}\.\s|[;:!?]\s|\s[—–]\s|\s--\s|\b(?:which|who|whom|when|while|because|"
                          r"after|before)\s"
                          r"|\bthat\s(?=the\b|an?\b|he\b|she\b|it\b|they\b|we\b|I\b|[A-Z])")
# Verbs that take an infinitive between a speaker and a speech verb: "Mr. Bauer went on to say", "refused to say".
INFINITIVE_BEFORE = re.compile(r"\s(?:went on|go on|goes on|wants?|wanted|plans?|planned|refused|declined|tried|tries|"
                               r"continued|continues|agreed|decided|appeared|seemed|seems|expects?|expected|hopes?|"
                               r"hoped|needs?|needed|used|began|begins|started|starts)$")


def participle_subject(left: str) -> str:
    """The subject of a participle ("..., saying", "— claiming"): the subject of the nearest clause before it, or,
    after "who", the noun the clause is about ("House Democrats who are resisting the deal, saying")."""
    left = left.rstrip(" ,—–-:")
    breaks = list(CLAUSE_BREAK.finditer(left))
    if breaks and breaks[-1].group().strip() in ("who", "which"):
        antecedent = re.search(rf"({NAME}|[a-z]+)\s*,?\s*$", left[:breaks[-1].start()])
        return antecedent.group(1) if antecedent and plausible(antecedent.group(1)) else ""
    return clause_subject(left[breaks[-1].end() if breaks else 0:])


def clause_subject(clause: str) -> str:
    """The noun phrase a clause opens with, after a dateline or an opening phrase ("Speaking on ABC's "This Week,"",
    "Trying to quell the furor,"): the capitalised words and the nouns after them ("Senior White House officials");
    a name set off after it wins ("Cornyn's Democratic campaign counterpart, Sen. Bob Menendez,")."""
    clause = LEADING_PHRASE.sub(lambda m: " " * len(m.group()), DATELINE.sub(lambda m: " " * len(m.group()), clause), 1)
    apposition = re.match(rf"\s*[^,]{{1,60}}?\s*,\s+({NAME})\s*,", clause)
    if apposition and plausible(apposition.group(1)) and is_person(apposition.group(1)):
        return apposition.group(1)
    phrase = re.match(r"\s*((?:(?:[Tt]he|[Aa]n?)\s+)?(?:[A-Z][\w'’.&-]*(?:\s+(?:of|for|and)\s+(?=[A-Z]))?\s*)+)", clause)
    words = phrase.group(1).split() if phrase else []
    rest = clause[phrase.end(1):].split() if phrase else clause.split()
    for word in rest[:3]:  # the nouns a phrase of capitals qualifies ("White House officials")
        if word.lower() in ANONYMOUS_NOUNS | GROUP_NOUNS | ROLE_NOUNS or re.fullmatch(r"[a-z]+[^s's]s", word):
            words.append(word)
        else:
            break
    subject = " ".join(words)
    return subject if subject and plausible(subject) and subject in clause else ""


BASE_FORMS = {"say", "tell", "warn", "report", "endorse", "believe"}  # verbs that can follow "went on to"
SAYING = {"said", "says", "told", "tells", "added", "adds", "wrote", "writes", "stated", "noted", "explained", "tweeted"}


def subject_before(left: str, infinitive: bool = False) -> str:
    """The subject just before an attribution verb: "Chris Williamson, economist at Markit.com," gives
    "Chris Williamson"; "..., the Labor Department" gives "the Labor Department"; a verb joined to an earlier one
    ("would not go that far but said", "and last year announced") has the subject of that one, and so does an
    ``infinitive`` ("went on to say"); "" when the words before the verb are not a plausible speaker (they hold a
    verb, or are more than eight words)."""
    set_off = set_off_speaker(left.rstrip())
    if set_off is not None:
        return set_off
    left = without_trailing_adverbs(left)
    if infinitive and left.endswith(" to") and INFINITIVE_BEFORE.search(left[:-3]):
        left = without_trailing_adverbs(INFINITIVE_BEFORE.sub("", left[:-3]))  # "Mr. Bauer went on to say"
    if re.search(r"\s(?:and|but|or)$", left):
        return participle_subject(re.sub(r"\s(?:and|but|or)$", "", left))  # "DeMint would not go that far but said"
    if left.endswith(("—", "–", "--")):
        left = left[:-200] + DASHED_ASIDE.sub("", left[-200:]).rstrip()  # "most big companies — even oil producers —"
    set_off = set_off_speaker(left)
    if set_off is not None:
        return set_off
    left = left.rstrip(" ,")  # "Sen. John McCain, R-Ariz., said": the tag blanked, its commas left
    listed = PLACES_AFTER_A_GROUP.search(left)
    if listed:
        return listed.group()  # "Authorities in California, Nevada and Arizona": the list is where they are
    clause = re.split(r"[,;:—–\"”(]|\s--\s|\b(?:that|and|but|as|while|because|when|if|so)\s", left)[-1]
    return shortest_plausible(LEADING.sub("", re.split(r"\s(?:who|which)\b", clause.strip())[0]))


def set_off_speaker(left: str) -> str | None:
    """The speaker before words set off by commas just before the verb: "the chair, Petra Holm, said" gives the
    name; "Chris Williamson, economist at Markit.com, said", "Giffords, who was shot in 2011, said" and "Mr. Smith,
    54, of Dumfries, said" the words before the set-off ones; None when the verb has no such words before it."""
    name_after = re.search(r",\s+([A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)+)\s*,$", left)
    if name_after and plausible(name_after.group(1)):
        return name_after.group(1)
    if not left.endswith(",") or DATE_SET_OFF.search(left):
        return None  # "The New Haven Register on July 20, 2006, described": a date, not words about the speaker
    parts = SETTING_OFF_COMMA.split(left[:-1])  # not the comma of "2,000"
    for index in range(len(parts) - 1, 0, -1):  # the set-off words grow leftward until a speaker stands before them
        if not re.match(r"\s+(?:who\b|a\b|an\b|the\b|[a-z]|\d)", ",".join(parts[index:])) or \
                re.search(r"[\"”]", parts[index]):
            return None if index == len(parts) - 1 else ""
        last_words = (sentences(re.split(r"[;:\"”]", parts[index - 1])[-1]) or [""])[-1]  # not the sentence before
        speaker = shortest_plausible(LEADING.sub("", last_words.strip()))
        if speaker:
            return speaker
    return ""


def without_trailing_adverbs(left: str) -> str:
    """``left`` without what may stand between a speaker and the verb: adverbs and auxiliaries ("Maxwell also",
    "officials have", "Blumenthal clearly"), a time ("Mr. Obama on Thursday", "and last year")."""
    left = left.rstrip()
    while True:
        head, _, last = left.rpartition(" ")
        time = last.strip(",").lower() in TIME_END_WORDS or last.strip(",").isdigit()
        time = time and TIME_AT_THE_END.search(left, max(0, len(left) - 45))  # only the end can match
        if time:
            left = left[:time.start()].rstrip()
        elif head and (last.lower() in ADVERB_WORDS or re.fullmatch(r"[a-z]+ly", last) and last not in NOT_ADVERBS):
            left = head.rstrip()
        elif ADVERBIAL_AT_THE_END.search(left):  # "Investigators so far say"
            left = left[:ADVERBIAL_AT_THE_END.search(left).start()].rstrip()
        else:
            return left


def shortest_plausible(subject: str) -> str:
    """``subject`` if it is a plausible speaker, else the name it ends with ("retired FBI agent John Iannarelli")."""
    if plausible(subject):
        return name_only(subject)
    name = re.search(r"(?:[A-Z][\w'’.-]*\s)+[A-Z][\w'’-]+$", subject)
    return name.group() if name and plausible(name.group()) else ""


def name_only(speaker: str) -> str:
    """A speaker without what is said of them after their name ("Representative Darrell Issa of California",
    "Patrol Chief James Hall with the New York Police Department", "a Fox News poll released Friday"): cut at a
    participle, or at a preposition that follows a person's name."""
    words = speaker.split()
    for index, word in enumerate(words[2:], start=2):
        before = words[index - 1].lower().strip(".,")
        after_a_name = words[index - 1][:1].isupper() and before not in INSTITUTION_WORDS | ROLE_NOUNS
        if word in ("released", "published", "issued") or (word in ("of", "with", "at", "from") and after_a_name):
            return " ".join(words[:index])
    return speaker


def plausible(speaker: str) -> bool:
    """Whether a phrase can be a speaker: a head of one to eight words (before "of", "in", ...), twelve in all, no
    verb-like word, not ending in a preposition, a conjunction, an adverb or a past tense, not a day or a bare "it"."""
    words = speaker.split()
    head = re.split(r"\s(?:of|in|on|at|for|from|with|close|familiar|briefed)\s", speaker)[0].split()
    if not words or len(words) > 12 or len(head) > 8 or speaker.lower() in NOT_SPEAKERS:
        return False
    if any(word.lower() in NOT_A_SUBJECT for word in words) or re.search(r"\w+ed to\b", speaker):
        return False  # a verb ("the economy continued to")
    last = words[-1]
    adverb = re.fullmatch(r"[a-z]+ly", last) and last not in NOT_ADVERBS
    if last.lower() in NOT_AN_END or adverb or re.fullmatch(r"[a-z]+ed", last) or last in ("Mr.", "Mrs.", "Ms.", "Dr."):
        return False  # "both slightly above", "Obama rejected", "Mr." alone
    return last[0].isupper() or last.lower() in PRONOUNS or bool(re.fullmatch(r"[a-z][\w'’-]*", last))


def head_noun(speaker: str) -> str:
    """The word a speaker phrase is about: its last word before a preposition or a participle ("Witnesses on the
    ground", "people briefed on the matter")."""
    inside = re.search(r"\[(.+?)\]", speaker)  # a pronoun's referent: "They [BNL officials]"
    words = re.split(r"\s+(?:of|on|in|at|with|close|familiar|from|for|by|briefed|involved|knowledgeable|who)\s",
                     (inside.group(1) if inside else speaker).replace("’", "'"))[0].split()
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
    one_of_them = bool(words) and words[0].lower() in ("a", "an", "one", "another") and any(
        word.lower() in ANONYMOUS_NOUNS | ROLE_NOUNS for word in words[1:4])  # "one economist Bloomberg spoke to"
    return bool(words) and (head_noun(speaker) in ANONYMOUS_NOUNS or one_of_them) and not named_person


def is_named(speaker: str) -> bool:
    """A speaker identified by name or as a named institution, not a group ("many Democrats", "organizers", "House
    Democrats": a plural head noun), a pronoun or a passive phrase."""
    words = [word.lower() for word in speaker_words(speaker)]
    if not words or speaker.startswith("(") or speaker.lower() in PRONOUNS:
        return False
    head = head_noun(speaker)
    written_lower = head in (word.strip(".,") for word in speaker_words(speaker))  # not a name
    if head in GROUP_NOUNS | ANONYMOUS_NOUNS or (written_lower and re.fullmatch(r"[a-z]+[^s']s", head)):
        return False
    return not (words[0] in INDEFINITE and not any(word[0].isupper() for word in speaker_words(speaker)[1:]))


def is_person(speaker: str) -> bool:
    """A named speaker who is a person (he or she can refer to them): not an institution or an outlet ("The Shelton
    Weekly", "the Labor Department", "AAA"), and, after "the" or "a", a role a person holds ("the attorney general")."""
    words = head_words(speaker)
    if not is_named(speaker) or words[-1].lower().strip(".,").removesuffix("'s") in INSTITUTION_WORDS:
        return False  # "the Labor Department", "Blumenthal's campaign" (a White House adviser is a person)
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
