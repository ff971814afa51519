"""The listing form's term fields: each a fieldset named by its legend, every term
a checkbox with its own label, the ticks kept when the form comes back with an
error, and the script that filters the list loaded from static/."""

import pytest
from django.test.html import Element, parse_html

from taxonomy.models import Format, Language, TargetGroup, Theme

pytestmark = pytest.mark.django_db


class Node:
    """Just enough of an HTML tree to look for elements (django.test.html parses)."""

    def __init__(self, element, parent=None):
        self.name = element.name
        self.attrs = dict(element.attributes)
        self.parent = parent
        self.children = [Node(c, self) if isinstance(c, Element) else c for c in element.children]

    def walk(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.walk()

    def find_all(self, name=None, **attrs):
        return [
            n
            for n in self.walk()
            if (name is None or n.name == name)
            and all(n.attrs.get(k) == v for k, v in attrs.items())
        ]

    def find(self, name=None, **attrs):
        found = self.find_all(name, **attrs)
        return found[0] if found else None

    def text(self):
        return " ".join(c.text() if isinstance(c, Node) else str(c) for c in self.children).strip()

    def has_class(self, name):
        return name in (self.attrs.get("class") or "").split()


def html(response):
    return Node(parse_html(response.content.decode()))


def picker(page, name):
    """The fieldset holding the term picker of one field."""
    node = page.find(id=f"id_{name}")
    assert node is not None, name
    while node.name != "fieldset":
        node = node.parent
    return node


def checkboxes(fieldset, name):
    return [b for b in fieldset.find_all("input", type="checkbox") if b.attrs["name"] == name]


def label_of(fieldset, box):
    return fieldset.find("label", **{"for": box.attrs["id"]}).text()


def test_each_term_field_is_a_fieldset_with_a_legend_and_every_term(charlie_client, taxonomy):
    page = html(charlie_client.get("/listings/new/request/"))

    for name, legend, terms in [
        ("themes", "Themes", Theme.objects.filter(active=True)),
        ("formats", "Formats", Format.objects.filter(active=True)),
        ("target_groups", "Target groups", TargetGroup.objects.filter(active=True)),
        ("languages", "Working languages", Language.objects.all()),
    ]:
        fieldset = picker(page, name)
        assert fieldset.find("legend").text().startswith(legend)
        boxes = checkboxes(fieldset, name)
        assert {label_of(fieldset, box) for box in boxes} == {term.name for term in terms}
        assert not [box for box in boxes if "checked" in box.attrs]
        # The filter and the count come with the script; without it, plain boxes.
        tools = [n for n in fieldset.walk() if n.has_class("term-picker-tools")]
        assert len(tools) == 1 and "hidden" in tools[0].attrs
        assert fieldset.find("label", **{"for": f"id_{name}_filter"}).text() == "Filter the list"
        assert fieldset.find(**{"aria-live": "polite"}) is not None
    # An external script (the CSP forbids inline ones).
    scripts = [s for s in page.find_all("script") if "term-picker.js" in s.attrs.get("src", "")]
    assert scripts and all(not s.children for s in scripts)


def test_ticked_terms_stay_ticked_after_an_error_elsewhere(charlie_client, request_data):
    data = {
        **request_data,
        "title": "",
        "themes": ["gender-equality", "green-skills"],
        "languages": ["fr", "sv"],
        "action": "submit",
    }

    response = charlie_client.post("/listings/new/request/", data)

    assert response.status_code == 200
    page = html(response)
    ticked = {
        name: {
            label_of(picker(page, name), box)
            for box in checkboxes(picker(page, name), name)
            if "checked" in box.attrs
        }
        for name in ["themes", "formats", "target_groups", "languages"]
    }
    assert ticked == {
        "themes": {"Gender equality", "Green skills"},
        "formats": {"Study visit"},
        "target_groups": {"Guidance staff"},
        "languages": {"French", "Swedish"},
    }
