"""Tests of ``cchc_data._checks``: the one argument checker, one message shape for every value checked against its valid set."""

import pytest

import cchc_data as cd
from cchc_data._checks import MAX_LISTED, check_argument, unknown_message

KINDS = ["actual", "plan", "target"]


class TestCheckArgument:
    def test_a_valid_value_is_returned_unchanged(self):
        assert check_argument("kind", "target", KINDS) == "target"
        assert check_argument("grouping", None, ("domain", None)) is None

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("goal", r"^'goal' is not a known kind; use one of 'actual', 'plan', 'target'$"),
            (
                "actul",
                r"^'actul' is not a known kind \(did you mean 'actual'\?\); use one of 'actual', 'plan', 'target'$",
            ),
            (2021, r"^2021 is not a known kind; use one of 'actual', 'plan', 'target'$"),
            (["actual"], r"^\['actual'\] is not a known kind \(did you mean 'actual'\?\); use one of"),
        ],
    )
    def test_an_invalid_value_gets_one_message_shape(self, value, message):
        with pytest.raises(ValueError, match=message):
            check_argument("kind", value, KINDS)

    def test_a_long_valid_set_is_cut_or_replaced_by_the_hint(self):
        valid = [f"code_{i:03d}" for i in range(40)]
        without_hint = unknown_message("indicator", "nope", valid)
        assert without_hint.endswith(", …") and without_hint.count("'code_") == MAX_LISTED
        with_hint = unknown_message("indicator", "code_0x1", valid, hint="cchc_data.catalog()")
        assert with_hint.startswith("'code_0x1' is not a known indicator (did you mean 'code_0")
        assert with_hint.endswith("; see cchc_data.catalog()") and "use one of" not in with_hint

    def test_callers_can_name_their_own_close_matches(self):
        message = unknown_message("province", "KH", ["Khánh Hòa", "Hà Giang"], hint="x", close=["Khánh Hòa"])
        assert (
            message
            == "'KH' is not a known province (did you mean 'Khánh Hòa'?); use one of 'Khánh Hòa', 'Hà Giang'; see x"
        )

    @pytest.mark.parametrize(
        ("call", "message"),
        [
            (
                lambda: cd.load_indicators(kind="goal"),
                r"^'goal' is not a known kind; use one of 'actual', 'plan', 'target'$",
            ),
            (
                lambda: cd.load_indicators(concept="fibre"),
                r"^'fibre' is not a known concept; use one of .*'fibre_commune_share'.*; see cchc_data.concepts\(\)$",
            ),
            (
                lambda: cd.load_indicators(indicator="bts"),
                r"^'bts' is not a known indicator; see cchc_data.catalog\(\)",
            ),
            (lambda: cd.load_indicators(period=2018), r"^no facts for period 2018; periods with data: 2017, "),
            (lambda: cd.national.check_index("HDI"), r"^'HDI' is not a known national index; use one of 'par_index'"),
            (
                lambda: cd.validate(engine="pandera"),
                r"^'pandera' is not a known engine; use one of 'fast', 'frictionless'$",
            ),
        ],
    )
    def test_the_library_uses_the_one_shape(self, call, message):
        with pytest.raises(ValueError, match=message):
            call()
