"""Reading only some files of a group: what a live editor needs, even while another file is broken."""

from __future__ import annotations

import pytest

from planet_lib import Group
from planet_lib.errors import WorkbookError
from planet_lib.sample import worked_example


@pytest.fixture
def group_with_broken_budget(tmp_path):
    import shutil

    folder = tmp_path / "g1"
    shutil.copytree(worked_example(), folder)
    (folder / "budget.csv").write_text("activity,item,category,quantity,unit_cost\n"
                                       "A1.1,Travel,travel,many,290\n", encoding="utf-8")
    return folder


def test_the_whole_group_is_refused_while_one_file_is_broken(group_with_broken_budget):
    with pytest.raises(WorkbookError) as caught:
        Group.load(group_with_broken_budget)
    assert "budget.csv" in str(caught.value)


def test_the_parts_asked_for_are_read_and_the_rest_left_out(group_with_broken_budget):
    group = Group.load(group_with_broken_budget, parts=["stakeholders"])
    assert group.stakeholders and group.network is not None
    assert group.budget is None and group.problems is None


def test_a_broken_part_asked_for_is_still_refused(group_with_broken_budget):
    with pytest.raises(WorkbookError) as caught:
        Group.load(group_with_broken_budget, parts=["budget"])
    assert "budget.csv" in str(caught.value)
