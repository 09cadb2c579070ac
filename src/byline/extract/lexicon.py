"""Line patterns that mark page chrome: boilerplate, teaser headers, captions, credits, datelines.

Patterns are matched against a line's *key*: lower-cased, curly quotes made straight, and stripped
of leading/trailing symbols (so "» Read more", "Share." and "SHARE" share one key). Every boilerplate
pattern carries a word limit: chrome is short, and a longer line that happens to start "Sign up
for ..." is a sentence. Patterns were written from the shapes of chrome on scraped news pages (the
seed pages in shared/seeds and the hand-made pages in tests/data/extract), not from their strings.
"""

from __future__ import annotations

import re

# What a boilerplate line does to the body around it.
DROP = "drop"  # drop the line, the story goes on ("Advertisement", "Share this")
BLOCK = "block"  # a teaser block starts ("Related Articles", "You may also like")
END = "end"  # the article is over ("Source link", visit counters, comment widgets)


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# (pattern matched at the start of the key, kind, most words a matching line may have)
BOILERPLATE: tuple[tuple[re.Pattern[str], str, int], ...] = tuple(
    (_rx(p), kind, limit)
    for p, kind, limit in (
        # the article is over
        (r"source link$|(original|source) (article|link|story)$|view (the )?original", END, 4),
        (r"visited \d[\d,]* times?|\d[\d,]* visits? today|\d[\d,]* (total )?views?$", END, 10),
        (r"(\d+ )?(comments?|replies|responses)( \(\d+\))?$|comments? (are )?closed|no comments yet", END, 5),
        (r"(leave|post|add|write) a (comment|reply)|be the first to comment|(log|sign) in to (comment|reply)"
         r"|join the (conversation|discussion)|would love your thoughts|please comment|view( all)? comments"
         r"|show comments|load comments|comment on this (story|article)", END, 12),
        (r"exit mobile version|back to top|return to top", END, 4),
        (r"all rights reserved|(copyright|\(c\)|©) ?(©|\(c\))? ?\d{4}|©", END, 20),
        (r"(this|the) (article|story|post) (was )?(originally )?(appeared|published|first appeared)"
         r"|originally (published|appeared) (on|in|at|by)", END, 25),
        (r"(tags?|filed under|posted in|categories|topics|related topics)\s*:", END, 30),
        (r"(the )?(associated press|ap)('s?|’s?)? [\w ,-]{0,60}receives? (financial )?support"
         r"|.{0,80}is solely responsible for all content", END, 60),
        # a teaser block starts
        (r"related( articles?| posts?| stories| story| content| coverage| news| reading| links| topics| videos?)?$",
         BLOCK, 3),
        (r"more (from|on|about|in|stories|news|articles|to read|like this)\b", BLOCK, 6),
        (r"you (may|might|will) (also )?(like|enjoy|be interested)|(read|watch|up) next$|what to read next"
         r"|recommended( for you| stories| reading| articles)?$|(most )?(popular|read|viewed|shared|watched)"
         r"( stories| now| articles| this week| today)?$|trending( now| stories| news)?$|editor'?s'? picks?$"
         r"|don'?t miss$|latest (news|stories|articles|posts)$|further reading$|see also$|also (read|see)$"
         r"|around the web$|(sponsored|promoted|partner) (content|stories|links|posts)$"
         r"|from (our|the) (partners?|network)$|in case you missed it$|top stories$|elsewhere on", BLOCK, 6),
        # drop the line, the story goes on
        (r"advertise?ments?$|ad$|sponsored$|paid (content|post)$|(story|article) continues( below)?"
         r"|continue reading|scroll (down )?to continue|content continues below", DROP, 5),
        (r"(share|tweet|email|e-mail|print|pin|save|copy link|link copied|copied|facebook|twitter|x|linkedin"
         r"|reddit|whatsapp|telegram|flipboard|pinterest|messenger|threads|bluesky|gift( this)? article)"
         r"( this( article| story| post| page)?| on \w+| via \w+| article| story)?$", DROP, 5),
        (r"((share|tweet|email|print|facebook|twitter|x|linkedin|reddit|whatsapp|pinterest|copy link|comments?)"
         r"\W+){2,}(share|tweet|email|print|facebook|twitter|x|linkedin|reddit|whatsapp|pinterest|copy link"
         r"|comments?)$", DROP, 12),
        (r"skip to (main )?(content|navigation)|toggle navigation|open menu|close menu|menu$|search$|home$"
         r"|close$|log ?in$|sign (in|up|out)$|register$|my account$|subscribe( now| today)?$", DROP, 4),
        (r"(sign up|subscribe|register)\b.{0,60}(?<![\w-])(newsletters?|inbox|alerts|briefing|digest|our|free"
         r"|updates|podcast)\b|get (our|the) [\w' -]{0,40}newsletter"
         r"|newsletters?$|(daily|weekly|free) newsletter|enter your email|your email address"
         r"|already (a subscriber|have an account)|become a (member|subscriber)|support (our|independent) journalism"
         r"|unlock (the|this|unlimited)|subscribe to (read|continue|unlock)", DROP, 30),
        (r"we use cookies|this (site|website) uses cookies|accept( all)? cookies|cookie (policy|settings|preferences"
         r"|consent)|(manage|reject) (all )?cookies|privacy (policy|settings|notice)$|terms (of|and) (use|service"
         r"|conditions)$", DROP, 80),
        (r"click here|tap here|read more$|read (the )?(full|whole|entire) (story|article)|see more$|show more$"
         r"|load more$|view more$|more\W*$", DROP, 8),
        (r"(read more|read also|also read|related|see also|more|watch|listen|recommended|opinion|analysis"
         r"|explainer|live|breaking|watch now|must read)\s*[:|»›>]", DROP, 25),
        (r"follow (us|@?\w+) (on|at) \w+|like us on facebook|download (the|our) app|(open|read) in (the )?app"
         r"|get the app", DROP, 15),
        (r"\d+ min(ute)?s? read$|listen to (this|the) (article|story)|listen$|\d+:\d\d$|loading\W*$|image \d+ of \d+"
         r"|\d+ of \d+$|enlarge (this )?image|toggle caption|hide caption|view (photo )?gallery|play video$"
         r"|watch( the)? video$|video$|audio$|photos?$|gallery$|updated$|published$"
         r"|(loading )?view (this post )?on (instagram|twitter|facebook|x|tiktok|youtube)$", DROP, 8),
    )
)

# Site notices, however long they run: cookie and privacy banners, sign-up and log-in prompts,
# comment-form text, rights notices. A page holding nothing else has no article, so these are never
# taken back as its body (``textpage``: a page whose body holds no article prose). Searched in a
# line's first sentence: a notice opens with what it is, a paragraph may end with a glued-on one.
NOTICE = _rx(r"\b(?:we|this (?:site|website)|our (?:site|website)) uses? cookies|accept (?:all )?cookies"
             r"|cookie (?:policy|settings|preferences|consent)|privacy (?:policy|settings|notice)"
             r"|terms (?:of|and) (?:use|service|conditions)"
             r"|\b(?:sign up|subscribe|register)\b.{0,40}\b(?:newsletters?|inbox|alerts)\b"
             r"|enter your email|your email address|(?:log|sign) in to|create an account"
             r"|already (?:a subscriber|have an account)|subscribe to (?:read|continue|unlock)"
             r"|leave a (?:reply|comment)|required fields are marked|enable javascript|(?:your|this) browser (?:is|does)"
             r"|all rights reserved|solely responsible for all content|may not be (?:published|reproduced|redistributed"
             r"|rewritten)|(?:this|the) (?:article|story|post) (?:was )?(?:originally )?(?:appeared|published"
             r"|first appeared)|originally (?:published|appeared) (?:on|in|at|by)")

# A rule line between sections: "___", "* * *", "---", "###".
SEPARATOR = re.compile(r"[_\-–—=*~•·#]{3,}|(?:[*•·#]\s+){2,}[*•·#]")

# Photo captions. Wire captions open with FILE/PHOTO or end with a parenthesised credit such as
# "(Name/Agency via AP, File)" or "(AP Photo/Name)"; web captions carry "Photo: Name" or
# "AGENCY/Name" at the end.
CAPTION_OPEN = re.compile(r"(?:FILE(?: PHOTO)?|PHOTO|IMAGE|PICTURE|VIDEO)\s*[-–—:|]\s|File photo\b|In this "
                          r"(?:photo|image|file photo)\b|Getty Images\b|(?:AP|AFP|EPA|Reuters) Photo\b")
_CREDIT_WORDS = (r"via (?:AP|Reuters|Getty|AFP)\b|AP Photo\b|\bPhoto(?:graph)?s?\b|\bImages?\b|Illustration\b"
                 r"|/\s*(?:[A-Z]{2,8}|Reuters|Getty|Bloomberg|Xinhua|Pool)\b|,\s*File\b|\bPool\b"
                 r"|Shutterstock|Alamy|iStock")
CAPTION_CREDIT_PAREN = re.compile(r"\([^()]{0,40}?(?:" + _CREDIT_WORDS + r")[^()]{0,80}(?<![.!?])\)\W*$")
# Wire-photo credits name the agency and photographer: "(AP Photo/Name)", "(Name/Agency via AP, File)".
# They mark a caption at any length; a bare "(Photo: Instagram)" or "Photo credit: Mega" is also
# appended to body paragraphs by flattening scrapers, so it marks only short lines.
CAPTION_WIRE_PAREN = re.compile(r"\([^()]{0,80}?(?:via (?:AP|Reuters|Getty Images|AFP)|AP Photo/|/[A-Z][\w ]{1,30}"
                                r"(?:via|/)|, File\b)[^()]{0,80}\)\W*$")
CAPTION_CREDIT_TAIL = re.compile(
    r"(?:^|[.!?\"”]\s+)(?:Photo(?:graph)?s?|Image|Illustration|Picture|Credit|Photo credit|Source)"
    r"(?:\s+by\s+|\s*:\s*)[A-Z][^.!?]{0,60}$"
    r"|\b(?:REUTERS|Reuters|AFP|AP|EPA|Getty Images|Bloomberg|Xinhua)\s*/\s*[A-Z][\w.'’ -]{0,40}(?:/File(?: Photo)?)?\.?$"
    r"|(?:via|/)\s*(?:Getty Images|Shutterstock|iStock(?:photo)?|Alamy)\)?\.?$"
)
# Caption credits open lines too ("Photo: VCG ...", "Illustration: Name/GT ...").
CAPTION_CREDIT_OPEN = re.compile(r"(?:Photo(?:graph)?s?|Image|Illustration|Picture|Credit|Photo credit)(?: by)?"
                                 r"\s*:\s*\S")
# On a text page a rights holder's mark without a year or rights words ("© Reuters / Name",
# "© YouTube The engineer ...") is a photo credit over its caption; "© 2031 Courier Media",
# "© Courier. All rights reserved." or "© Courier — Read our terms of service" (``NOTICE``) is the
# page footer, an end marker (``BOILERPLATE``).
RIGHTS_CREDIT_OPEN = re.compile(r"©\s*[^\W\d]")
RIGHTS_FOOTER = re.compile(r"\d{4}|copyright|rights reserved", re.IGNORECASE)

# Credit lines: who reported the story. Removed from the body and kept as the byline. A line is a
# credit when it opens like one ("Reporting by ...", "(Editing by ...)") or when every sentence in it
# is a credit sentence: "Tang reported from Washington." / "AP writers X and Y contributed."
_NAME = r"[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|bin|al|da|del))*"
_NAMES = _NAME + r"(?:(?:,\s*|,?\s+and\s+|\s*&\s*)" + _NAME + r")*"
CREDIT_OPEN = re.compile(
    r"\(?\s*(?:Additional |Further )?(?:Reporting|Writing|Editing|Reported|Compiled|Research|Graphics"
    r"|Production|Fact-checking|Translation) by\b"
    r"|This (?:story|article|report) was (?:reported|written|produced|edited|updated|translated) (?:by|with)\b"
)
CREDIT_SENTENCE = re.compile(
    r"(?:" + _NAMES + r")\s+(?:reported|wrote|contributed|reports)\s+(?:from|in)\s+" + _NAMES + r"\W*$"
    r"|.{0,160}\b(?:Associated Press|AP|Reuters|AFP|Bloomberg|staff|writers?|reporters?|correspondents?"
    r"|journalists?)\b.{0,160}\bcontribut(?:ed|es)(?: (?:to )?(?:this|the) (?:report|story|article)| reporting"
    r"| from " + _NAMES + r")?\W*$"
    r"|.{0,200}\bcontributed (?:to )?(?:this|the) (?:report|story|article)\W*$"
)
CREDIT_MAX_WORDS = 50  # AP credit paragraphs list several writers: 30-40 words

# A header byline: "By Jane Doe", "By Jane Doe and John Roe, Reuters".
BYLINE = re.compile(r"^By\s+(" + _NAME + r"(?:(?:,\s*|,?\s+and\s+|\s*&\s*|\s*\|\s*)" + _NAME + r")*)\W*$")

# Dates in header lines: "June 21, 2024", "21 June 2024", "2024-06-21", with "Published"/"Updated".
_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
DATE_MDY = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b",
                      re.I)
DATE_DMY = re.compile(r"\b(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?,?\s+(\d{4})\b",
                      re.I)
DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
DATE_LINE_MAX_WORDS = 14

# Social-media embeds quoted in a story end with a signature, not with sentence punctuation:
# "... — Name (@handle) August 17, 2017", "A post shared by Name (@handle) on Aug 17, 2017 at 11:01am PDT".
EMBED_END = re.compile(r"[—-]\s*[^—]{1,80}\(@\w+\)\s+\w+\.? \d{1,2}, \d{4}$"
                       r"|A post shared by .{1,80} on \w+\.? \d{1,2}, \d{4}.{0,30}$")


def month_number(name: str) -> int:
    return _MONTHS[name[:3].lower()]
