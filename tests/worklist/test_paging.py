"""``page_with_total``: one query for a page and the total, clamped to real pages."""

import pytest

from forlop.organisations.models import Unit
from forlop.site.paging import page_with_total

PER_PAGE = 3


@pytest.fixture
def units(org):
    """Eleven rows in a known order (the three of ``org`` and eight more)."""
    for n in range(8):
        Unit.objects.create(trust=org.trust_a, name=f"Enhet {n}", resh_id=f"20090{n:02}")
    return Unit.objects.order_by("resh_id")


def names(page) -> list[str]:
    return [unit.name for unit in page.object_list]


def expected(units, number) -> list[str]:
    every = [unit.name for unit in units]
    return every[(number - 1) * PER_PAGE:number * PER_PAGE]


@pytest.mark.parametrize("number", [1, 2, 4])
def test_page_has_its_rows_and_the_total(units, number, django_assert_num_queries):
    want = expected(units, number)
    with django_assert_num_queries(1):
        page = page_with_total(units, number, PER_PAGE)
        assert names(page) == want
        assert page.paginator.count == 11
        assert page.paginator.num_pages == 4
    assert page.number == number


def test_last_page_is_short(units):
    page = page_with_total(units, 4, PER_PAGE)
    assert len(page) == 2
    assert (page.has_next(), page.has_previous()) == (False, True)
    assert (page.start_index(), page.end_index()) == (10, 11)


def test_middle_page_links_both_ways(units):
    page = page_with_total(units, "2", PER_PAGE)
    assert (page.number, page.has_next(), page.has_previous()) == (2, True, True)
    assert page.next_page_number() == 3


@pytest.mark.parametrize("number", [5, "9", 10**6])
def test_page_past_the_end_is_the_last_page(units, number):
    page = page_with_total(units, number, PER_PAGE)
    assert page.number == 4
    assert names(page) == expected(units, 4)
    assert page.paginator.count == 11


@pytest.mark.parametrize("number", ["abc", "-3", "0", None, "", "2.5", [2]])
def test_invalid_page_is_page_one(units, number):
    page = page_with_total(units, number, PER_PAGE)
    assert page.number == 1
    assert names(page) == expected(units, 1)
    assert page.paginator.count == 11


def test_huge_page_number_is_the_last_page(units):
    # More than a 64-bit OFFSET holds: must not reach the database as is.
    page = page_with_total(units, "9" * 30, PER_PAGE)
    assert page.number == 4
    assert names(page) == expected(units, 4)


@pytest.mark.parametrize("number", [1, 3, "x"])
def test_empty_queryset_is_one_empty_page(org, number):
    page = page_with_total(Unit.objects.none(), number, PER_PAGE)
    assert (page.number, list(page.object_list), page.paginator.count) == (1, [], 0)
    assert page.paginator.num_pages == 1
    assert not page.has_next()


def test_filter_that_matches_nothing_is_one_empty_page(units):
    page = page_with_total(units.filter(name="ingen"), 2, PER_PAGE)
    assert (page.number, len(page), page.paginator.count) == (1, 0, 0)


def test_exact_multiple_of_page_size(units):
    ten_to_nine = units[:9]
    page = page_with_total(Unit.objects.filter(pk__in=[u.pk for u in ten_to_nine])
                           .order_by("resh_id"), 4, PER_PAGE)
    assert (page.number, page.paginator.num_pages, page.paginator.count) == (3, 3, 9)
