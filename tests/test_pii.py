"""Personal-data flags on feedback text: shown to the editor who screens it, never acted on."""

from __future__ import annotations

import pytest

from db.write.pii import Flag, flags, names_from, nhs_number_valid


@pytest.mark.parametrize(
    "number, valid",
    [
        ("9434765919", True),
        ("4010232137", True),
        ("9434765918", False),  # wrong check digit
        ("1234567890", False),  # the check digit would be 10: never valid
        ("943476591", False),
        ("94347659190", False),
        ("943476591a", False),
    ],
)
def test_nhs_number_checksum(number, valid):
    assert nhs_number_valid(number) is valid


@pytest.mark.parametrize(
    "text, found",
    [
        ("my number is 943 476 5919", [Flag("NHS number", "943 476 5919")]),
        ("nhs 9434765919.", [Flag("NHS number", "9434765919")]),
        ("ref 9434765918", []),  # ten digits without a valid checksum are not flagged
        ("write to jo.bloggs@nhs.net please", [Flag("e-mail address", "jo.bloggs@nhs.net")]),
        ("call 07700 900123", [Flag("phone number", "07700 900123")]),
        ("or +44 (0)20 7946 0958", [Flag("phone number", "+44 (0)20 7946 0958")]),
        ("or 020-7946-0958", [Flag("phone number", "020-7946-0958")]),
        ("I live at SE1 7EH", [Flag("postcode", "SE1 7EH")]),
        ("near ec1a1bb", [Flag("postcode", "ec1a1bb")]),
        ("we were 12 people, rated it 5 out of 5 on 2020-01-12 at 10:30", []),
        ("Great session, learnt loads about CT, MRI and A&E flows", []),
    ],
)
def test_flags_find_personal_data_and_leave_ordinary_text_alone(text, found):
    assert flags(text) == found


def test_names_from_the_editors_list_are_found_as_whole_words_ignoring_case():
    names = names_from("Sam Jones\nPriya, Al")
    assert names == ["Sam Jones", "Priya", "Al"]
    assert flags("sam jones and PRIYA helped; also Alan", names) == [
        Flag("name on your list", "PRIYA"),
        Flag("name on your list", "sam jones"),
    ]
    assert flags("nothing here", []) == []


def test_a_flag_reads_as_its_kind_and_what_was_found():
    assert str(Flag("e-mail address", "a@b.co")) == "e-mail address: a@b.co"
