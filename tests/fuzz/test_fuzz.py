"""The fuzz harness in CI: a small fixed-seed budget of mutated demo files; the long run is `python -m tests.fuzz`."""

from __future__ import annotations

from pathlib import Path

from tests.fuzz.harness import check_variant, run

CI_BUDGET = 100  # the CI budget: about 100 variants, well under a minute (about 10-20 s here)
CI_SEED = 9


def test_mutated_demo_files_give_a_chinese_sentence_or_an_import_that_adds_up(tmp_path):
    outcome = run(CI_BUDGET, CI_SEED, tmp_path, include_realdata=False)
    assert outcome.failures == []
    assert outcome.tried == CI_BUDGET


def test_the_harness_sees_a_broken_promise(tmp_path):
    """A store that is not a database fails the check: the harness can fail."""
    base = tmp_path / "base.sqlite"
    base.write_bytes(b"not a database" * 100)
    variant = tmp_path / "v.csv"
    variant.write_text("案件编号,案件名称\n1,2\n", encoding="utf-8")
    assert check_variant(base, variant, tmp_path / "v.sqlite") is not None
    assert Path(tmp_path / "v.sqlite").exists() is False
