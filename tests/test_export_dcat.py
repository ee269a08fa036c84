"""api/dcat.ttl and api/dcat.jsonld: DCAT-AP.de 3.0, parsed with rdflib and checked with SHACL shapes
written from the specification's tables of mandatory and recommended properties."""
from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from pyshacl import validate
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from conftest import FIXTURE_CATALOGUE
from export_support import BUILD_DATE, fixture_catalogue_loaded, sample_enriched
from generator.export import dcat, write_all

SHAPES = Path(__file__).parent / "fixtures" / "dcat" / "dcat-ap-de-3-shapes.ttl"
PUBLIC = "https://katalog.example.org/sub/api/"
LICENCES = "http://dcat-ap.de/def/licenses/"


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    """The exports of the fixture catalogue without a configured site address, written once: tests only read them."""
    target = tmp_path_factory.mktemp("api")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("KATALOG_SITE_URL", raising=False)
        write_all(fixture_catalogue_loaded(FIXTURE_CATALOGUE), sample_enriched(), target)
    return target


def graph(api: Path, name: str = "dcat.ttl", fmt: str = "turtle") -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(api / name, format=fmt, publicID=PUBLIC + name)
    return g


def shacl(g: rdflib.Graph) -> tuple[bool, str]:
    shapes = rdflib.Graph().parse(SHAPES, format="turtle")
    conforms, _report, text = validate(g, shacl_graph=shapes, inference="none", allow_warnings=False)
    return conforms, text


def test_turtle_description_conforms_to_the_dcat_ap_de_shapes(api):
    conforms, text = shacl(graph(api))
    assert conforms, text


def test_shapes_reject_a_distribution_without_licence(api):
    g = graph(api)
    some = next(g.subjects(RDF.type, DCAT.Distribution))
    g.remove((some, DCTERMS.license, None))
    conforms, text = shacl(g)
    assert not conforms
    assert "license" in text


def test_shapes_reject_a_theme_outside_the_eu_data_theme_vocabulary(api):
    g = graph(api)
    dataset = next(g.subjects(RDF.type, DCAT.Dataset))
    g.add((dataset, DCAT.theme, rdflib.URIRef("https://example.org/themen/digital")))
    assert not shacl(g)[0]


def test_json_ld_says_the_same_as_turtle(api):
    assert isomorphic(graph(api), graph(api, "dcat.jsonld", "json-ld"))


def test_every_published_data_file_is_a_distribution_of_some_dataset(api):
    files = dcat.published_files(api)
    assert dcat.unassigned(files) == []
    g = graph(api)
    described = {str(o) for o in g.objects(None, DCAT.downloadURL)}
    assert {PUBLIC + f.path for f in files} == described


def test_records_are_cc_by_and_reference_data_is_dl_de(api):
    g = graph(api)
    licence = {str(s): str(o) for s, o in g.subject_objects(DCTERMS.license)}
    assert licence[PUBLIC + "projects.json#verteilung"] == LICENCES + "cc-by/4.0"
    assert licence[PUBLIC + "funding.csv#verteilung"] == LICENCES + "cc-by/4.0"
    assert licence[PUBLIC + "referenzdaten/gemeinden.csv#verteilung"] == LICENCES + "dl-by-de/2.0"


def test_datasets_carry_german_titles_and_the_build_date(api):
    g = graph(api)
    titles = {str(o) for s in g.subjects(RDF.type, DCAT.Dataset) for o in g.objects(s, DCTERMS.title)}
    assert {"Kommunale Digitalisierungsprojekte", "Förderprogramme für kommunale Digitalisierung",
            "Förderkalender: Antragsfristen"} <= titles
    modified = {str(o) for o in g.objects(None, DCTERMS.modified)}
    assert modified == {BUILD_DATE.isoformat()}


def test_publisher_is_a_named_agent(api):
    g = graph(api)
    agent = next(g.objects(None, DCTERMS.publisher))
    assert (agent, RDF.type, FOAF.Agent) in g
    assert str(next(g.objects(agent, FOAF.name))).startswith("Redaktion")


def test_without_a_site_address_iris_resolve_against_the_files_own_address(api):
    text = (api / "dcat.ttl").read_text(encoding="utf-8")
    assert "<projects.json>" in text and "https://" not in text.split("dcat:Catalog")[1].split("dct:language")[0]
    g = graph(api)
    assert rdflib.URIRef("https://katalog.example.org/sub/") in set(g.objects(None, FOAF.homepage))


def test_a_configured_site_address_makes_all_iris_absolute(fixture_catalogue, tmp_path, monkeypatch):
    monkeypatch.setenv("KATALOG_SITE_URL", "https://daten.example.de/katalog")
    write_all(fixture_catalogue_loaded(fixture_catalogue), sample_enriched(), tmp_path)
    g = rdflib.Graph().parse(tmp_path / "dcat.ttl", format="turtle")
    assert rdflib.URIRef("https://daten.example.de/katalog/api/projects.json") in set(g.objects(None, DCAT.accessURL))
    assert shacl(g)[0]


def test_a_site_address_that_is_not_http_is_refused(monkeypatch):
    monkeypatch.setenv("KATALOG_SITE_URL", "javascript:alert(1)")
    with pytest.raises(ValueError, match="keine gültige"):
        dcat.site_base_url()


def test_a_land_build_is_geocoded_to_its_land():
    nodes = dcat.catalogue_graph([dcat.PublishedFile("projects.json", 10)], BUILD_DATE, land="DE-HE")
    g = rdflib.Graph().parse(data=dcat.to_turtle(nodes), format="turtle", publicID=PUBLIC + "dcat.ttl")
    assert rdflib.URIRef("http://dcat-ap.de/def/politicalGeocoding/stateKey/06") in set(g.objects())
    assert rdflib.URIRef("http://dcat-ap.de/def/politicalGeocoding/Level/state") in set(g.objects())


def test_literals_with_quotes_and_newlines_stay_literals():
    node = dcat.Node("x#a", ("dcat:Dataset",))
    node.add("dct:title", dcat.Literal('Titel "mit" \\ Zeichen\n> <b>', "de"))
    g = rdflib.Graph().parse(data=dcat.to_turtle([node]), format="turtle", publicID=PUBLIC)
    assert str(next(g.objects(None, DCTERMS.title))) == 'Titel "mit" \\ Zeichen\n> <b>'


@pytest.mark.slow
def test_the_built_site_publishes_the_description_and_every_landing_page_exists(fixture_site):
    api = fixture_site.site / "api"
    g = rdflib.Graph().parse(api / "dcat.ttl", format="turtle", publicID=PUBLIC + "dcat.ttl")
    assert shacl(g)[0]
    site_root = PUBLIC.removesuffix("api/")
    pages = {str(o) for o in g.objects(None, DCAT.landingPage)} | {str(o) for o in g.objects(None, FOAF.homepage)}
    for page in pages:
        relative = page.removeprefix(site_root) or "index.html"
        assert (fixture_site.site / relative).is_file(), page
    downloads = {str(o).removeprefix(PUBLIC) for o in g.objects(None, DCAT.downloadURL)}
    assert all((api / name).is_file() for name in downloads)
    assert {"projects.json", "funding.csv", "foerderkalender.ics", "referenzdaten/gemeinden.csv"} <= downloads
