"""Ideen-Check: from a few sentences describing an idea to similar projects, eligible
funding programmes and possible partners. Pure functions; the CLI (`katalog ideen-check`)
and the site page (docs/assets/katalog/ideen-check.js over data from
generator/export/ideas_data.py) compute the same results.

Similarity is the site's project similarity (generator/enrich/similarity.py), applied to
an idea that has only text and, if known, a size class and a Land:

    score = 0.45 * Text + 0.07 * gleiche Größenklasse + 0.03 * gleiches Land

Text is the cosine of TF-IDF vectors over stemmed German words, with the catalogue's
document frequencies (idf = ln(1 + N / df)); the idea's words count once each, like a
summary; a word no project uses gets idf ln(1 + N). A project is shown only if the text
similarity is at least MIN_TEXT (half the site's cut-off for "ähnliche Beschreibung": an idea
of a few words has about half the cosine with a whole record that two records have) from at
least MIN_SHARED shared words (one for an idea of one word): size and Land rank similar projects
up but never make a project similar (so the site's MIN_SCORE, calibrated for records with topics
and tags, does not apply to ideas). Ties by id.

The idea's Handlungsfelder are read from its most similar projects (TOPIC_BASIS best
hits, each adds its score to its topics; topics with at least TOPIC_SHARE of the best
topic's sum, at most MAX_TOPICS). Programmes are those of generator/enrich/matching.py
on these topics for the asking body: with a municipality its Land and applicant type;
with Land and size class the applicant types of that class; without a Land only
bundes- and EU-weite programmes.
"""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field

from generator.enrich import similarity
from generator.enrich.types import ProjectFacts
from generator.enrich.matching import Applicant, Matcher, region_reason, status_reason
from generator.reference import SIZE_CLASS_KREIS, SIZE_CLASS_LABELS, SIZE_CLASSES, Municipality
from generator.retrieval import analysis
from generator.retrieval.thesaurus import Thesaurus
from generator.vocabularies import default_vocabularies

WEIGHTS = similarity.PROJECT_WEIGHTS
MIN_TEXT = similarity.TEXT_REASON_MIN / 2  # an idea is short: its cosine with a whole record is about half that of two records
MIN_SHARED = similarity.TEXT_REASON_MIN_SHARED
REASON_WORDS = similarity.TEXT_REASON_WORDS
TOP_PROJECTS = 10
TOPIC_BASIS = 5
TOPIC_SHARE = 0.75
MAX_TOPICS = 3
MAX_PARTNERS = 10
PARTNER_POOL = 50  # partners are looked for among this many most similar projects
MAX_NAME_HITS = 10

MUNICIPAL_TYPES = ("gemeinde", "stadt", "kreisfreie-stadt", "gemeindeverband", "landkreis")
SIZE_TYPES = {  # who may be asking, given only a size class
    SIZE_CLASS_KREIS[0]: ("landkreis",),
    **{cid: ("gemeinde", "stadt", "kreisfreie-stadt") for cid, _l, _lo, _hi in SIZE_CLASSES},
}


# --- who asks ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Asker:
    """The body an idea is checked for; every part may be unknown ("")."""

    land: str = ""  # ISO 3166-2
    land_name: str = ""
    size_class: str = ""
    applicant_types: tuple = MUNICIPAL_TYPES
    municipality: Municipality | None = None

    @property
    def description(self) -> str:
        """German, e.g. "Köln (Kreisfreie Stadt, Nordrhein-Westfalen)"."""
        m = self.municipality
        if m is not None:
            return f"{m.name} ({m.type_label}, {m.land_name}, {SIZE_CLASS_LABELS.get(m.size_class, m.size_class)})"
        parts = [self.land_name, SIZE_CLASS_LABELS.get(self.size_class, "")]
        return ", ".join(p for p in parts if p) or "ohne Angabe von Kommune oder Land"


def fold(text: str) -> str:
    """Comparison form of a name: lowercase, umlauts and accents folded ("Köln" ~ "koeln" ~ "Koln")."""
    text = str(text).casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).replace("-", " ").split())


SEARCHABLE_LEVELS = ("gemeinde", "verband", "kreis")


SIZE_ORDER = {"ueber-100000": 0, "landkreis": 1, "20000-100000": 2, "5000-20000": 3, "unter-5000": 4}
EXACT_ORDER = {"gemeindeverband": 1, "landkreis": 2}  # by applicant type, among exact names: "Gießen" is the Stadt first


def find_municipalities(reference, query: str, limit: int = MAX_NAME_HITS) -> list[Municipality]:
    """Bodies whose name matches `query` (folded, see `fold`): exact name first, then names starting
    with it, then names containing it. Among exact names a Gemeinde or Stadt comes before a Gemeindeverband
    of that name and that before a Landkreis (EXACT_ORDER); then, in every group, larger size classes (population
    bands) first, then key. The site's name search (ideen-check.js) ranks the same way."""
    wanted = fold(query)
    if not wanted:
        return []
    ranked = []
    for m in reference.by_key.values():
        if m.level not in SEARCHABLE_LEVELS or (m.level == "kreis" and m.applicant_type == "kreisfreie-stadt"):
            continue  # a kreisfreie Stadt is found as the Gemeinde it also is
        name = fold(m.name)
        if name == wanted:
            group = 0
        elif name.startswith(wanted):
            group = 1
        elif wanted in name:
            group = 2
        else:
            continue
        level = EXACT_ORDER.get(m.applicant_type, 0) if group == 0 else 0
        ranked.append((group, level, SIZE_ORDER.get(m.size_class, 9), m.key, m))
    ranked.sort(key=lambda r: r[:4])
    return [r[4] for r in ranked[:limit]]


def asker_for_municipality(m: Municipality) -> Asker:
    return Asker(m.land_code, m.land_name, m.size_class, (m.applicant_type,), m)


def asker_for(land: str = "", size_class: str = "") -> Asker:
    """An asker known only by Land and/or size class."""
    land_name = default_vocabularies()["laender"].labels().get(land, land) if land else ""
    types = SIZE_TYPES.get(size_class, MUNICIPAL_TYPES) if size_class else MUNICIPAL_TYPES
    return Asker(land, land_name, size_class, types, None)


# --- the idea as the similarity core sees it ------------------------------------------------------------------------

IdeaIndex = similarity.Corpus  # the projects, every word kept (enrich builds it once: Enriched.retrieval.projects)


@dataclass
class IdeaDoc(similarity.Doc):
    """The idea as a Doc, plus where each of its terms came from, for the reasons (see `origin`)."""

    origins: dict = field(default_factory=dict)


def idea_doc(text: str, index: IdeaIndex, asker: Asker, lexicon=None, thesaurus=None) -> IdeaDoc:
    """The idea as a Doc. Its words are the retrieval core's concepts (generator/retrieval/analysis.py): each
    word with its compound parts, synonyms and corrected typos, weighted idf * factor of the alternative
    (analysis.FACTORS / 100; the best one if a word comes up twice), unit length. Words the projects use in more
    than half of the records do not count (similarity.idf_table); a word no project uses counts with idf
    ln(1 + N) only if nothing else of its concept is known. Every term is shown in the idea's own spelling
    (`surface`); `origins` keep which alternative brought it, for the reasons."""
    lexicon = lexicon if lexicon is not None else analysis.Lexicon({})
    thesaurus = thesaurus if thesaurus is not None else Thesaurus.empty()
    weights: dict = {}
    surface: dict = {}
    origins: dict = {}
    for concept in analysis.concepts(text, lexicon, thesaurus):
        terms: dict = {}
        part_alt = next((alt for alt in concept.alts if alt.kind == analysis.PART), None)
        for alt in concept.alts:
            if alt.kind in (analysis.PREFIX, analysis.SHOWN, analysis.SHOWN_PART):
                continue
            factor = analysis.FACTORS[alt.kind]
            for term in alt.terms:
                if factor > terms.get(term, (0, ""))[0]:
                    terms[term] = (factor, alt.kind)
        known = any(t in index.df for t in terms)
        for term, (factor, kind) in terms.items():
            if (term in index.df and term not in index.idf) or (term not in index.df and known):
                continue
            if factor > weights.get(term, 0):
                weights[term] = factor
                surface.setdefault(term, concept.word)
                if term not in origins:
                    origins[term] = origin(term, kind, concept, part_alt, thesaurus)
    unknown = math.log(1 + index.n)
    vector = {t: f / 100 * index.idf.get(t, unknown) for t, f in weights.items()}
    norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
    vector = {t: w / norm for t, w in vector.items()}
    groups = {"programme": frozenset(),
              "size": frozenset([asker.size_class]) if asker.size_class else frozenset(),
              "land": frozenset([asker.land]) if asker.land else frozenset()}
    return IdeaDoc("", vector, surface, (), {}, groups, origins=origins)


def origin(term: str, kind: str, concept, part_alt, thesaurus) -> tuple:
    """(shown word, the idea's word, its stems, other members of the synonym group, longer parts containing this
    part [(stem, shown)]) of an idea term: a compound part is shown as written in the idea's word ("Sensoren" of
    "Parksensoren"), a synonym group with its members other than the idea's own word or part."""
    own = next((alt.terms for alt in concept.alts if alt.kind == analysis.EXACT), ())
    if kind in (analysis.PART, analysis.PART_SYNONYM) and part_alt is not None:
        pieces = part_alt.label.split(" ")
        if kind == analysis.PART:
            piece = pieces[part_alt.terms.index(term)]
            longer = sorted(((t, p) for t, p in zip(part_alt.terms, pieces) if piece in p and len(p) > len(piece)),
                            key=lambda tp: -len(tp[1]))  # the parts this part is a part of, longest first
            return written(piece, concept.word), concept.word, own, (), tuple((t, written(p, concept.word)) for t, p in longer)
        group = thesaurus.group_of_term(term)
        at = next(i for i, p in enumerate(part_alt.terms) if thesaurus.group_of((p,)) == group)
        shown = written(pieces[at], concept.word)
        return shown, shown, (part_alt.terms[at],), members(thesaurus, group, (part_alt.terms[at],)), ()
    if kind == analysis.SYNONYM:
        return concept.word, concept.word, own, members(thesaurus, thesaurus.group_of_term(term), own), ()
    return concept.word, concept.word, own, (), ()


def written(piece: str, word: str) -> str:
    """A part as the idea writes it: capitalised if the idea's word is ("Parksensoren" -> "Sensoren")."""
    return piece[:1].upper() + piece[1:] if word[:1].isupper() else piece


def members(thesaurus, group: int, own: tuple) -> tuple:
    return tuple((stems, phrase) for stems, phrase in thesaurus.groups[group][1] if stems != own)


# --- results ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ProjectHit:
    id: str
    score: float
    text: float
    reasons: tuple


@dataclass(frozen=True)
class ProgrammeHit:
    id: str
    status: str  # computed at the build date
    label: str  # e.g. "Offen bis 31.03.2027"
    reasons: tuple


@dataclass
class IdeaCheck:
    text: str
    asker: Asker
    words: list  # the idea's words that count (as written)
    projects: list = field(default_factory=list)  # [ProjectHit], best first (at most TOP_PROJECTS)
    total: int = 0  # how many projects are similar at all
    topics: list = field(default_factory=list)  # topic ids read from the hits
    programmes: list = field(default_factory=list)  # [ProgrammeHit]
    partners: list = field(default_factory=list)  # [ProjectHit] of projects seeking partners or exchange
    planning: list = field(default_factory=list)  # [enrich.partners.Declaration] „plant“ on similar projects
    answering: list = field(default_factory=list)  # [enrich.partners.Declaration] „ansprechbar“ on similar projects


def project_word(idea: IdeaDoc, term: str, doc: similarity.Doc) -> str:
    """How a shared term is named in a reason: for a synonym the group member the project uses, e.g.
    "Parkplatz [gleichbedeutend mit Stellplätze]" (square brackets: the reason stands in parentheses); for a
    compound part the part ("Sensoren" of "Parksensoren"), or the idea's whole word or the longer part
    containing it if the project has that too ("Kindergarten", not "Garten"); else the idea's word."""
    shown, word, own, others, longer = idea.origins.get(term, (idea.surface[term], idea.surface[term], (), (), ()))
    for stems, phrase in others:
        if all(s in doc.vector for s in stems):
            return f"{phrase} [gleichbedeutend mit {shown}]"
    if own and all(s in doc.vector for s in own):
        return word
    return next((label for stem, label in longer if stem in doc.vector), shown)


def idea_words(idea: IdeaDoc, doc: similarity.Doc) -> list[str]:
    """The words that contribute most to the text similarity, as the reasons name them (project_word)."""
    va, vb = idea.vector, doc.vector
    top = sorted((-(va[t] * vb[t]), t) for t in va.keys() & vb.keys())
    return list(dict.fromkeys(project_word(idea, t, doc) for _p, t in top))[:REASON_WORDS]


def reasons(idea: IdeaDoc, doc: similarity.Doc, text: float) -> tuple:
    words = idea_words(idea, doc)
    out = [f"ähnliche Beschreibung ({', '.join(words)})" if words else "ähnliche Beschreibung"]
    return tuple(out + similarity.place_reasons(idea, doc, default_vocabularies()["laender"].labels()))


def similar_projects(index: IdeaIndex, idea: IdeaDoc) -> list[ProjectHit]:
    """Every project at least MIN_TEXT similar in text from at least MIN_SHARED shared words, best first
    (score, then id)."""
    needed = min(MIN_SHARED, len(set(idea.surface.values())))  # an idea of one word needs one shared word
    seen = set()
    for stem in idea.vector:
        seen.update(index.postings.get(stem, ()))
    scored = []
    for i in seen:
        doc = index.docs[i]
        total, text = similarity.score(idea, doc, WEIGHTS)
        if text >= MIN_TEXT and len(idea.vector.keys() & doc.vector.keys()) >= needed:
            scored.append((-total, doc.id, i, text))
    scored.sort()
    return [ProjectHit(index.docs[i].id, -neg, round(text, 6), reasons(idea, index.docs[i], text))
            for neg, _id, i, text in scored]


def idea_topics(hits: list[ProjectHit], projects: dict) -> list[str]:
    """Handlungsfelder of the idea, read from its best hits (see module docstring)."""
    order = {t: i for i, t in enumerate(default_vocabularies()["topics"].ids)}
    sums: dict = {}
    for hit in hits[:TOPIC_BASIS]:
        for topic in dict.fromkeys(projects[hit.id].get("topics") or []):
            sums[topic] = sums.get(topic, 0.0) + hit.score
    if not sums:
        return []
    best = max(sums.values())
    kept = [t for t, s in sums.items() if s >= TOPIC_SHARE * best - 1e-9]
    kept.sort(key=lambda t: (-round(sums[t], 6), order.get(t, len(order)), t))
    return kept[:MAX_TOPICS]


def eligible_programmes(funding: dict, statuses: dict, asker: Asker, topics: list[str]) -> list[ProgrammeHit]:
    """Programmes on these topics the asker may apply to (generator/enrich/matching.py's rules),
    open ones first, then more shared topics, then id."""
    if not topics:
        return []
    matcher = Matcher(funding, statuses)
    labels = default_vocabularies()
    topic_labels = labels["topics"].labels()
    applicant_labels = labels["applicant-types"].labels()
    shared: dict = {}
    types: dict = {}
    for applicant_type in asker.applicant_types:
        who = Applicant(asker.land, applicant_type, asker.land_name)
        for topic in topics:
            for pid in matcher.eligible(who, topic):
                if topic not in shared.setdefault(pid, []):
                    shared[pid].append(topic)
                if applicant_type not in types.setdefault(pid, []):
                    types[pid].append(applicant_type)
    ordered = sorted(shared, key=lambda pid: (matcher.rank[pid], -len(shared[pid]), pid))
    out = []
    for pid in ordered:
        status = statuses[pid]
        who = Applicant(asker.land, "", asker.land_name)
        found = [t for t in topics if t in shared[pid]]
        out.append(ProgrammeHit(pid, status.status, status.label, (
            ("Handlungsfeld: " if len(found) == 1 else "Handlungsfelder: ") + ", ".join(topic_labels.get(t, t) for t in found),
            region_reason(funding[pid], who),
            "antragsberechtigt: " + ", ".join(applicant_labels.get(t, t) for t in types[pid]),
            status_reason(status),
        )))
    return out


def check(text: str, projects: dict, funding: dict, statuses: dict, asker: Asker, core,
          declarations: list | None = None) -> IdeaCheck:
    """The whole Ideen-Check for one idea text; `core` is the catalogue's generator.enrich.retrieval.Core.
    `declarations` (enrich.partners.declarations) add who plans the same and who answers questions, among
    the PARTNER_POOL most similar projects."""
    index = core.projects
    idea = idea_doc(text, index, asker, core.lexicon, core.thesaurus)
    hits = similar_projects(index, idea)
    topics = idea_topics(hits, projects)
    partners = [h for h in hits[:PARTNER_POOL]
                if projects[h.id].get("seeking_partners") or projects[h.id].get("open_to_exchange")][:MAX_PARTNERS]
    from generator.enrich.partners import IDEA_SECTIONS, for_idea

    pool = [h.id for h in hits[:PARTNER_POOL]]
    return IdeaCheck(
        text=text, asker=asker, words=list(dict.fromkeys(idea.surface[t] for t in idea.vector)),
        projects=hits[:TOP_PROJECTS], total=len(hits), topics=topics,
        programmes=eligible_programmes(funding, statuses, asker, topics), partners=partners,
        planning=for_idea(pool, declarations or [], IDEA_SECTIONS["planning"]),
        answering=for_idea(pool, declarations or [], IDEA_SECTIONS["answering"]),
    )


# --- record to record, for the portfolio's ideas ------------------------------------------------------------------

class RecordSearch:
    """Projects similar to a given project, among a fixed pool of projects (e.g. all in operation or
    completed), scored and explained as on the project pages, with the same candidate rule: the pool
    members sharing most of the project's CANDIDATE_TERMS most characteristic words (each word's
    CHAMPIONS strongest pool members), MAX_CANDIDATES of them scored exactly. Results are cached per
    project, so a project shown on several portfolio pages is searched once."""

    def __init__(self, index: IdeaIndex, pool, funding: dict):
        self.index = index
        self.funding = funding
        self.pool = {index.position[p] for p in pool if p in index.position}
        self.max_df = max(similarity.MIN_DF_CAP, math.ceil(similarity.MAX_DF_SHARE * index.n))
        self._postings: dict = {}
        self._ranked: dict = {}
        self._reasons = similarity.project_reasons(funding)

    def _members(self, term: str) -> list:
        found = self._postings.get(term)
        if found is None:
            docs = self.index.docs
            found = [j for j in self.index.postings[term] if j in self.pool]
            if len(found) > similarity.CHAMPIONS:
                found = sorted(found, key=lambda j: (-docs[j].vector[term], j))[:similarity.CHAMPIONS]
            self._postings[term] = found
        return found

    DEPTH = 8  # links kept per project: enough after leaving out a portfolio's own projects

    def ranked(self, pid: str) -> list:
        """[SimilarLink] best first (at most DEPTH), the project itself excluded."""
        if pid in self._ranked:
            return self._ranked[pid]
        from generator.enrich.types import SimilarLink

        index = self.index
        i = index.position.get(pid)
        out = []
        if i is not None:
            doc = index.docs[i]
            terms = sorted((t for t in doc.vector if 2 <= index.df[t] <= self.max_df),
                           key=lambda t: (-doc.vector[t], t))[:similarity.CANDIDATE_TERMS]
            counts: dict = {}
            for term in terms:
                for j in self._members(term):
                    if j != i:
                        counts[j] = counts.get(j, 0) + 1
            scored = []
            for j in sorted(counts, key=lambda j: (-counts[j], j))[:similarity.MAX_CANDIDATES]:
                total, text = similarity.score(doc, index.docs[j], WEIGHTS)
                if total >= similarity.MIN_SCORE:
                    scored.append((-total, index.docs[j].id, j, text))
            scored.sort()
            for neg, rid, j, text in scored:  # reasons only for as many as are kept
                found, substantive = self._reasons(doc, index.docs[j], text)
                if substantive:
                    out.append(SimilarLink(rid, -neg, tuple(found)))
                    if len(out) == self.DEPTH:
                        break
        self._ranked[pid] = out
        return out


# --- plain facts for output (CLI text and JSON) --------------------------------------------------------------------

def place(facts: ProjectFacts) -> dict:
    """Lead body of a project (from the Enriched model's view of it): name, Land code and name, size class."""
    lead = facts.lead
    return {"name": lead.name if lead else "", "land": lead.land_code if lead else "",
            "land_name": lead.land_name if lead else "", "size_class": lead.size_class if lead else "",
            "others": facts.others}


def project_facts(project: dict, funding: dict, facts: ProjectFacts) -> dict:
    """What the Ideen-Check tells about a similar project: where, how far, experience, cost, partners
    (`facts`: the project's view in the Enriched model, `enriched.projects[id]`)."""
    experience = project.get("experience") or {}
    budget = project.get("budget") or {}
    used = []
    for entry in project.get("funding") or []:
        pid = entry.get("programme")
        used.append({"programme": pid, "title": str((funding.get(pid) or {}).get("title") or pid),
                     "amount_eur": entry.get("amount_eur")})
    contact = project.get("contact") or {}
    return {
        "title": project.get("title", ""), "status": project.get("status", ""),
        "place": place(facts), "topics": list(project.get("topics") or []),
        "experience": {k: experience[k] for k in ("outcome", "would_do_again", "continued_after_funding", "effort") if experience.get(k)},
        "budget": {k: budget[k] for k in ("total_eur", "own_share_eur") if budget.get(k) is not None},
        "funding": used,
        "seeking_partners": bool(project.get("seeking_partners")), "seeking": project.get("seeking", ""),
        "open_to_exchange": bool(project.get("open_to_exchange")),
        "open_source": bool((project.get("reuse") or {}).get("open_source")),
        "contact": {k: contact[k] for k in ("organisation", "email", "url") if contact.get(k)},
    }
