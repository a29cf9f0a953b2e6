"""The described compliant package is compliant: every other test here changes one thing."""

from validator_helpers import compliant, run, serious


def test_the_described_compliant_package_has_no_error_or_warning():
    assert serious(run(compliant())) == []
