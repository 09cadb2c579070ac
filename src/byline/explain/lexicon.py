"""Word lists behind the explain rules: who speaks, who is vague, what hedges, how numbers read.

They are plain data so that a rule reads as "a speech verb whose subject is a generic noun" and the
lists can grow without touching the rules. Verb lists hold surface forms (the spaCy pipeline runs
without its lemmatizer to save time), all lower case.
"""

from __future__ import annotations

import re


def _forms(*stems: str) -> frozenset[str]:
    """Expand "say:says:said:saying" groups into one set of forms."""
    return frozenset(form for group in stems for form in group.split(":"))


# Verbs that report speech or writing: their subject is the person or body the words come from.
SPEECH_VERBS = _forms(
    "say:says:said:saying", "tell:tells:told:telling", "add:adds:added:adding",
    "argue:argues:argued:arguing", "write:writes:wrote:writing:written",
    "warn:warns:warned:warning", "state:states:stated:stating", "note:notes:noted:noting",
    "explain:explains:explained:explaining", "claim:claims:claimed:claiming",
    "insist:insists:insisted:insisting", "acknowledge:acknowledges:acknowledged:acknowledging",
    "announce:announces:announced:announcing", "reply:replies:replied:replying",
    "respond:responds:responded:responding", "comment:comments:commented:commenting",
    "deny:denies:denied:denying", "reject:rejects:rejected:rejecting",
    "reiterate:reiterates:reiterated:reiterating", "stress:stresses:stressed:stressing",
    "emphasize:emphasizes:emphasized:emphasizing", "emphasise:emphasises:emphasised:emphasising",
    "assert:asserts:asserted:asserting", "caution:cautions:cautioned:cautioning",
    "predict:predicts:predicted:predicting", "estimate:estimates:estimated:estimating",
    "concede:concedes:conceded:conceding", "admit:admits:admitted:admitting",
    "contend:contends:contended:contending", "confirm:confirms:confirmed:confirming",
    "describe:describes:described:describing", "express:expresses:expressed:expressing",
    "urge:urges:urged:urging", "signal:signals:signaled:signalled:signaling:signalling",
    "point:points:pointed:pointing",  # only as "point out": see POINT_FORMS
    "decline:declines:declined:declining",  # only with "to comment/say/discuss": see DECLINE_OBJECTS
)
# Verbs of belief or stance: rewrites like to put a view in someone's head ("experts believe"). A
# named subject of one of these may just be the topic ("China fears"), so rules treat them apart.
STANCE_VERBS = _forms(
    "believe:believes:believed:believing", "think:thinks:thought", "suggest:suggests:suggested:suggesting",
    "fear:fears:feared", "doubt:doubts:doubted", "predict:predicts:predicted",
)
REPORT_VERBS = SPEECH_VERBS | STANCE_VERBS
# "declined" reports speech only as "declined to comment" and the like.
DECLINE_OBJECTS = frozenset({"comment", "say", "discuss", "elaborate", "answer", "respond", "confirm", "speculate"})
DECLINE_FORMS = _forms("decline:declines:declined:declining")
# "point" reports speech only as "point out" ("pointed out that ..."), not "pointed to the map".
POINT_FORMS = _forms("point:points:pointed:pointing")
# A clause opened by one of these stands beside the reporting verb it hangs from, not inside its
# words ("Trump suggests X, although the White House has acknowledged Y").
CONCESSIVE_MARKS = frozenset({"although", "though", "whereas", "while", "even"})

# Nouns that credit a claim to nobody in particular.
GENERIC_NOUNS = frozenset(
    """expert experts analyst analysts observer observers official officials critic critics source
    sources scholar scholars specialist specialists commentator commentators researcher researchers
    insider insiders some many others people diplomats diplomat watchers watcher pundits pundit
    economists economist academics academic""".split()
)
# Agentless ways of saying "someone says": the copy credits nobody at all.
AGENTLESS = re.compile(
    r"\b(?:there (?:is|are|was|were|has been|have been) (?:\w+ )?(?:speculation|concerns?|fears?|suggestions?|"
    r"claims?|reports?|talk|belief|sense|view)|it (?:is|was|has been) (?:widely |generally |often )?"
    r"(?:believed|thought|said|expected|feared|argued|understood|suggested|reported|claimed)|"
    r"(?:has|have|had) been (?:widely |often )?(?:described|characteri[sz]ed|called|labell?ed|seen|viewed|"
    r"critici[sz]ed|dismissed|branded) as|(?:is|are|was|were) (?:widely |often |generally )?(?:seen|viewed|"
    r"regarded|considered|described) as|(?:some|many|others) (?:say|argue|believe|suggest|fear|think|claim)|"
    r"reportedly|observers say|critics say)\b",
    re.IGNORECASE,
)

# A reporting verb in a clause opened by one of these narrates ("after the host announced the
# winners"): it does not attribute the sentence.
NARRATIVE_MARKS = frozenset({"after", "before", "when", "while", "since", "until", "once", "if", "because"})

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
PERSON_PRONOUNS = frozenset({"he", "she"})
# Titles dropped from the front of a name before names are compared.
TITLES = frozenset(
    """mr mr. mrs mrs. ms ms. dr dr. prof prof. professor sen sen. rep rep. gov gov. president mayor
    minister senator governor general gen gen. judge chief secretary spokesman spokeswoman spokesperson
    ambassador director chairman chairwoman ceo sir lady lord""".split()
)
# Words that make an unlabelled proper name an organisation rather than a person.
ORG_WORDS = frozenset(
    """ministry council center centre institute university agency department office party company inc
    corp corporation group bank association committee commission police court government house
    administration foundation society union federation organization organisation army navy board
    bureau service authority network press times post news tribune journal school college observatory
    laboratory productions studios hospital clinic museum exchange securities equities capital partners
    records""".split()
)

# A capital or demonym names its country in most political news ("Beijing said" = China said).
# Only major news countries; a pair outside the list is simply compared word for word.
COUNTRY_ALIASES: dict[str, str] = {
    **dict.fromkeys(["china", "chinese", "beijing", "prc"], "china"),
    **dict.fromkeys(["russia", "russian", "russians", "moscow", "kremlin"], "russia"),
    **dict.fromkeys(["u.s", "us", "usa", "america", "american", "americans", "washington", "united"], "usa"),
    **dict.fromkeys(["north", "pyongyang", "dprk"], "north-korea"),
    **dict.fromkeys(["seoul"], "south-korea"),
    **dict.fromkeys(["japan", "japanese", "tokyo"], "japan"),
    **dict.fromkeys(["britain", "british", "uk", "u.k", "london", "england"], "britain"),
    **dict.fromkeys(["france", "french", "paris", "elysee"], "france"),
    **dict.fromkeys(["germany", "german", "berlin"], "germany"),
    **dict.fromkeys(["india", "indian", "delhi"], "india"),
    **dict.fromkeys(["iran", "iranian", "tehran"], "iran"),
    **dict.fromkeys(["israel", "israeli", "jerusalem"], "israel"),
    **dict.fromkeys(["ukraine", "ukrainian", "kyiv", "kiev"], "ukraine"),
    **dict.fromkeys(["turkey", "turkish", "ankara"], "turkey"),
    **dict.fromkeys(["taiwan", "taiwanese", "taipei"], "taiwan"),
    **dict.fromkeys(["canada", "canadian", "ottawa"], "canada"),
    **dict.fromkeys(["australia", "australian", "canberra"], "australia"),
    **dict.fromkeys(["brazil", "brazilian", "brasilia"], "brazil"),
    **dict.fromkeys(["mexico", "mexican"], "mexico"),
    **dict.fromkeys(["italy", "italian", "rome"], "italy"),
    **dict.fromkeys(["spain", "spanish", "madrid"], "spain"),
    **dict.fromkeys(["egypt", "egyptian", "cairo"], "egypt"),
    **dict.fromkeys(["saudi", "riyadh"], "saudi-arabia"),
    **dict.fromkeys(["pakistan", "pakistani", "islamabad"], "pakistan"),
}

# Hedges: words that make a statement less than certain. The copy keeps a hedge when its matching
# clause holds any word of HEDGES or SOFTENERS (a rewrite may swap "likely" for "potentially").
HEDGES = frozenset(
    """may might could likely unlikely probably possibly perhaps apparently reportedly allegedly
    alleged appear appears appeared seem seems seemed suggest suggests suggested potentially
    presumably maybe""".split()
)
HEDGE_PHRASES = re.compile(
    r"\b(?:(?:is|are|was|were) (?:expected|believed|thought|said) to|according to)\b", re.IGNORECASE
)
SOFTENERS = HEDGES | frozenset(
    """would potential possible possibility possibly speculation speculations uncertain unclear
    unconfirmed expected believed suspected plausible seemingly apparent reported report reports
    rumor rumors rumored rumour rumours rumoured claims claimed alleged supposedly purportedly
    purported unverified""".split()
)

# Number words. "one" is left out on purpose: "one area", "one of the" are rarely quantities.
CARDINALS: dict[str, int] = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12,
}
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20,
    "hundredth": 100,
}
SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
}
CURRENCIES: dict[str, str] = {"$": "$", "€": "€", "£": "£", "¥": "¥", "us$": "$", "usd": "$", "eur": "€", "gbp": "£"}
PERCENT_WORDS = frozenset({"%", "percent", "per cent", "pct"})
MONTHS = frozenset(
    """january february march april may june july august september october november december jan feb
    mar apr jun jul aug sep sept oct nov dec""".split()
)

# Words a rewrite adds around borrowed content without adding a claim ("however", "various").
FILLER_WORDS = frozenset(
    """however despite moreover additionally furthermore meanwhile also still various several
    significant significantly potential potentially overall particularly especially notably
    including further certain given regarding amid thus therefore indeed""".split()
)

# Claims (claims.py): what marks filler and comment rather than a checkable statement. A sentence
# opening with one of CLAIM_POINTERS ("This underscores ...", "The move shows ...", "Only time will
# tell ...") comments on what came before; a generic crowd as subject ("Fans will be watching ...")
# predicts nothing checkable. These are features of the claim model, not rules by themselves.
CLAIM_POINTERS = frozenset(
    """this these that those such it only move situation case episode remarks development decision
    news announcement finding findings discovery result outcome milestone incident affair saga
    moment""".split()
)
CROWD_NOUNS = frozenset(
    """fans investors readers viewers voters consumers supporters onlookers everyone nobody time
    people""".split()
)
CLAIM_EVALUATIVE = frozenset(
    """highlight highlights highlighted underscore underscores underscored underline underlines
    illustrate illustrates showcase showcases reminder pivotal watching reshape remains""".split()
)
SPECULATIVE = frozenset("""could might may likely perhaps possibly""".split())
WEEKDAYS = frozenset("""monday tuesday wednesday thursday friday saturday sunday""".split())
