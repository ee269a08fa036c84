"""German text analysis shared by similarity, search and the Ideen-Check.

One pipeline so that every feature agrees on what a "word" is:
normalise (NFC, lowercase, umlauts kept) -> tokenise -> drop stop words and
numbers -> stem with the Snowball German stemmer. Snowball folds umlauts and ß
itself (ä->a, ß->ss), so "Parkplätzen", "Parkplätze" and "Parkplatz" all give
the stem "parkplatz". Stems are cached: a catalogue repeats the same few
thousand words over and over.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

# Letters and digits; hyphens and all punctuation split words ("LoRaWAN-Netz" -> LoRaWAN, Netz).
_WORD = re.compile(r"[^\W_]+")

MIN_LENGTH = 2  # single letters ("E" of "E-Akte") carry no meaning

# German stop words: the Snowball German list plus filler words of administrative prose.
# Compared against normalised tokens.
STOP_WORDS = frozenset("""
aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes anderm andern anderr anders
auch auf aus bei beim bin bis bist da damit dann das dass daß dasselbe dazu dein deine deinem deinen deiner deines dem
demselben den denn denselben der derer derselbe derselben des desselben dessen dich die dies diese dieselbe dieselben
diesem diesen dieser dieses dir doch dort du durch ein eine einem einen einer eines einig einige einigem einigen einiger
einiges einmal er es etwas euch euer eure eurem euren eurer eures für gegen gewesen hab habe haben hat hatte hatten hier
hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins ist jede jedem jeden jeder jedes jene jenem
jenen jener jenes jetzt kann kein keine keinem keinen keiner keines können könnte machen man manche manchem manchen
mancher manches mein meine meinem meinen meiner meines mich mir mit muss musste nach nicht nichts noch nun nur ob oder
ohne sehr sein seine seinem seinen seiner seines selbst sich sie sind so solche solchem solchen solcher solches soll
sollte sondern sonst über um und uns unsere unserem unseren unserer unseres unter viel vom von vor während war waren
warst was weg weil weiter welche welchem welchen welcher welches wenn werde werden wie wieder will wir wird wirst wo
wollen wollte würde würden zu zum zur zwar zwischen
ab bzw ca dabei daher darauf darin darüber davon dazu dafür dadurch deren desto ebenfalls eher eigene eigenen eigener
etwa ggf insbesondere je jeweils mehr mehrere mittels neben rund sowie sowohl teils usw vgl via wurde wurden zudem
beispielsweise bereits besonders derzeit ebenso erst gibt gut neue neuen neuer neues seit sollen
wer wen wem wessen warum weshalb wieso schon unser möchte möchten mögen müssen brauchen braucht gern gerne bitte
ganz immer viele vielen wirklich eigentlich irgendwie genau erste ersten erster erstes
""".split())

# English stop words (records quote English project names and sources); never shown as a reason. Words that mean
# something here ("IT", "open", "smart", "app") are not in the list.
ENGLISH_STOP_WORDS = frozenset("""
a an and are as at be been but by for from has have how if into is its of on or our such than that the their them
then there these they this those to was we were what when where which who will with you your
""".split())
STOP_WORDS = STOP_WORDS | ENGLISH_STOP_WORDS

# Words of the catalogue's own source notes ("Stand laut Quellen", "rund 2 Mio. Euro"): they say nothing
# about a project's subject, so similarity leaves them out (see NOTE_STEMS); search still finds them.
NOTE_WORDS = frozenset("""
angabe angaben beginn belegt belegte belegten datum euro eur jahr jahre jahren laut mio millionen mrd milliarden
monat monate offiziell offizielle offiziellen prozent quelle quellen stand voraussichtlich
januar jänner februar märz april mai juni juli august september oktober november dezember
""".split())


def normalise(text: str) -> str:
    """NFC and lowercase; umlauts and ß stay as they are (the stemmer folds them)."""
    return unicodedata.normalize("NFC", str(text)).lower()


def words(text: str) -> list[str]:
    """The words of a text as written (NFC, original case), without numbers, single letters or stop words."""
    out = []
    for match in _WORD.finditer(unicodedata.normalize("NFC", str(text))):
        word = match.group()
        if len(word) < MIN_LENGTH or word.isdigit():
            continue
        if word.lower() in STOP_WORDS:
            continue
        out.append(word)
    return out


def tokens(text: str) -> list[str]:
    """Normalised words of a text, stop words and numbers removed."""
    return [w.lower() for w in words(text)]


_STEMMER = snowballstemmer.stemmer("german")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball German stem of one word (any case); cached because words repeat a lot."""
    return _STEMMER.stemWord(word.lower())


_ANALYSED: dict = {}  # word as written -> stem, or "" for words that are dropped
_ANALYSED_MAX = 500_000


def _analyse(word: str) -> str:
    result = _ANALYSED.get(word)
    if result is None:
        drop = len(word) < MIN_LENGTH or word.isdigit() or word.lower() in STOP_WORDS
        result = "" if drop else stem(word)
        if len(_ANALYSED) >= _ANALYSED_MAX:
            _ANALYSED.clear()
        _ANALYSED[word] = result
    return result


def stems(text: str) -> list[str]:
    """Stems of the words of a text, in order: what search and similarity compare."""
    out = []
    for word in _WORD.findall(unicodedata.normalize("NFC", str(text))):
        result = _ANALYSED.get(word) or _analyse(word)
        if result:
            out.append(result)
    return out


def stems_with_words(text: str) -> list[tuple[str, str]]:
    """(stem, word as written) pairs, so a stem can be shown to readers in a spelling they recognise."""
    out = []
    for word in _WORD.findall(unicodedata.normalize("NFC", str(text))):
        result = _ANALYSED.get(word) or _analyse(word)
        if result:
            out.append((result, word))
    return out


_LINK = re.compile(r"(?:https?://|mailto:|www\.)\S+|[^\s@(\[<]+@[^\s@]+", re.IGNORECASE)


def without_links(text: str) -> str:
    """Text with web addresses and e-mail addresses removed: "https", "www" and domain parts say
    nothing about what a project does, but would count as shared words."""
    text = str(text)
    if "@" not in text and "://" not in text and "www." not in text.lower():
        return text  # the common case, without running the expression
    return _LINK.sub(" ", text)


@lru_cache(maxsize=1)
def note_stems() -> frozenset:
    """Stems of NOTE_WORDS."""
    return frozenset(stem(w) for w in NOTE_WORDS)


def key(phrase: str) -> str:
    """A comparison key for short phrases such as tags: "Sensoren" and "sensor" give the same key."""
    return " ".join(stems(phrase)) or normalise(phrase).strip()
