"""Mentions through the graph's own names: longest first, short forms after the full name, weak names only
with corroboration."""

from __future__ import annotations

from jkg.graph.engine.dates import parse_parameter
from jkg.graph.imports.articles.mentions import Gazetteer
from jkg.graph.imports.articles.text import words


def _links(gazetteer: Gazetteer, text: str) -> list[tuple[str, str | None]]:
    return [(text[m.start:m.end], m.entity_id) for m in gazetteer.find(text, words(text))]


def test_longest_match_first(gazetteer: Gazetteer) -> None:
    assert _links(gazetteer, "the Islamic State in the Greater Sahara attacked") == [
        ("Islamic State in the Greater Sahara", "isgs")]


def test_acronyms_transliterations_and_arabic_script(gazetteer: Gazetteer) -> None:
    text = "AQMI et le GSIM; Abdelmalek Droukdal; عبد المالك دروكدال"
    assert _links(gazetteer, text) == [("AQMI", "aqim"), ("GSIM", "jnim"),
                                       ("Abdelmalek Droukdal", "abdelmalek-droukdel"),
                                       ("عبد المالك دروكدال", "abdelmalek-droukdel")]


def test_a_surname_links_only_once_the_full_name_appeared(gazetteer: Gazetteer) -> None:
    text = "Droukdel spoke. Then Abdelmalek Droukdel died; Droukdel was AQIM's emir. Iyad Ag Ghaly and Ghaly."
    assert _links(gazetteer, text) == [
        ("Abdelmalek Droukdel", "abdelmalek-droukdel"), ("Droukdel", "abdelmalek-droukdel"), ("AQIM", "aqim"),
        ("Iyad Ag Ghaly", "iyad-ag-ghaly"), ("Ghaly", "iyad-ag-ghaly")]


def test_a_weak_alias_needs_corroboration(gazetteer: Gazetteer) -> None:
    # "Sahraoui" is a weak alias of two people: unlinked alone, linked to the one named in full before
    assert _links(gazetteer, "Sahraoui a parlé.") == [("Sahraoui", None)]
    assert _links(gazetteer, "Adnan Abou Walid al-Sahraoui a parlé. Sahraoui a menacé.") == [
        ("Adnan Abou Walid al-Sahraoui", "adnan-abu-walid-al-sahrawi"), ("Sahraoui", "adnan-abu-walid-al-sahrawi")]


def test_a_long_name_defined_by_its_acronym_links_as_the_acronym(gazetteer: Gazetteer) -> None:
    assert _links(gazetteer, "the Islamic State of Iraq and Syria (ISIS) group") == [
        ("Islamic State of Iraq and Syria", "islamic-state"), ("ISIS", "islamic-state")]


def test_lower_case_words_and_events_are_not_names(gazetteer: Gazetteer) -> None:
    # "mali" in lower case is no name; an event's name ("Killing of ...") is never a mention
    assert _links(gazetteer, "the mali word; the Killing of Abdelmalek Droukdel") == [
        ("Abdelmalek Droukdel", "abdelmalek-droukdel")]


def test_a_near_spelling_links_with_a_lower_score(gazetteer: Gazetteer) -> None:
    found = gazetteer.find("Abou Oubeida Youssef al-Annabi", words("Abou Oubeida Youssef al-Annabi"))
    assert [(m.entity_id, m.rule) for m in found] in ([("abu-ubaydah-yusuf-al-annabi", "near")],
                                                      [("abu-ubaydah-yusuf-al-annabi", "transliteration")])
    assert found[0].score < 1.0


def test_a_weak_alias_is_corroborated_by_a_role_in_its_sentence(gazetteer: Gazetteer) -> None:
    # "Sahraoui" alone stays unlinked; beside the group only one of its holders led, it links to him
    text = "Sahraoui, chef de l'État islamique au Grand Sahara, a été tué."
    words_ = words(text)
    found = gazetteer.corroborate(gazetteer.find(text, words_), [(0, len(text))])
    first = found[0]
    assert (text[first.start:first.end], first.entity_id, first.rule) == (
        "Sahraoui", "adnan-abu-walid-al-sahrawi", "corroborated-by-relation")
    alone = gazetteer.corroborate(gazetteer.find("Sahraoui a parlé.", words("Sahraoui a parlé.")), [(0, 17)])
    assert [m.entity_id for m in alone] == [None]


def test_a_name_taken_after_publication_names_what_the_group_was_then(gazetteer: Gazetteer) -> None:
    text = "The Islamic State in the Sahel attacked; JNIM and the GSPC too."

    def links(published: str | None) -> list[tuple[str, str | None, str]]:
        date = parse_parameter("published", published) if published else None
        return [(text[m.start:m.end], m.entity_id, m.rule) for m in gazetteer.as_of(gazetteer.find(text, words(text)),
                                                                                    date)]

    # the Sahel Province's name, in 2021: the ISGS it was renamed from in 2022
    assert links("2021-03")[0][1:] == ("isgs", "as-of-publication")
    assert links("2024")[0][1] == links(None)[0][1] == "is-sahel-province"
    # JNIM (2017) was no renaming: in 2016 it stays unlinked; the GSPC, ended in 2007, may be looked back on
    assert links("2016")[1:] == [("JNIM", None, "after-publication"), ("GSPC", "gspc", "name")]
