"""Provisional figures and the horizon from Python (issue 15)."""

import pytest

import provident


def test_provisional_figures_are_named_and_strict_refuses_them():
    eng = provident.Engine("xian")
    r = eng.execute({"op": "si.base_limits", "args": {"year": 2026}})
    assert r["ok"] is True
    assert r["result"]["floor"] == "4990.00"
    assert r["policy"]["provisional"] == [{"version": "si.avg_wage@2026-01-01", "carried_from": "2025-01-01"}]
    strict = provident.Engine("xian", strict=True)
    r = strict.execute({"op": "si.base_limits", "args": {"year": 2026}})
    assert r["ok"] is False and r["error"]["code"] == "POLICY_NOT_IN_FORCE"
    with pytest.raises(provident.PolicyNotInForce):
        strict.base_limits(2026)
    assert strict.base_limits(2025) == eng.base_limits(2025)


def test_horizon_through_execute():
    eng = provident.Engine("shanghai")
    r = eng.execute({"op": "policy.horizon", "args": {"from": "2015-01-01", "until": "2027-12-31"}})
    assert r["ok"] is True and r["result"]["answers"] is True and r["result"]["problems"] == []
    floor = next(p for p in r["result"]["parameters"] if p["parameter"] == "hpf.base.floor")
    assert floor["in_force_until"] == "2027-12-31"
    assert floor["provisional"] == ["hpf.base.floor@2027-07-01"]
    assert floor["gaps"] == [{"from": "2015-01-01", "to": "2022-06-30", "declared": True,
                              "note": "The centre's notices for FY2015–FY2021 were not read; "
                                      "figures for FY2018/FY2019 were seen only in one calculator."}]
    r = eng.execute({"op": "policy.horizon", "args": {"until": "2028-12-31"}})
    assert r["result"]["answers"] is False
    assert "hpf.base.floor: in force until 2028-06-30, not until 2028-12-31" in r["result"]["problems"]


def test_policy_get_reads_the_parameter_tree():
    import datetime as dt
    from decimal import Decimal
    eng = provident.Engine("shanghai")
    v = eng.policy_get("hpf.base.floor", dt.date(2024, 7, 1))
    assert v.value == Decimal("2690.00") and v.kind == "money" and v.in_force
    assert (v.valid_from, v.valid_to) == (dt.date(2024, 7, 1), dt.date(2025, 6, 30))
    assert v.version == "hpf.base.floor@2024-07-01" and v.verified is True and v.provisional is False
    # another profile, and a node of the tree
    national = provident.Engine("national")
    assert national.policy_get("hpf.base.floor", dt.date(2024, 7, 1), profile="shanghai") == v
    group = eng.policy_group("hpf.base", dt.date(2024, 7, 1))
    assert group["hpf.base.floor"] == v
    assert group["hpf.base.cap"].value == Decimal("36921.00")
    with pytest.raises(provident.BadValue) as e:
        eng.policy_get("hpf.base", dt.date(2024, 7, 1))
    assert e.value.field == "args.key"
    with pytest.raises(provident.BadValue) as e:
        eng.policy_get("hpf.base.floor", dt.date(2024, 7, 1), profile="shangai")
    assert e.value.field == "args.profile"
    with pytest.raises(provident.WrongType):
        eng.policy_get("hpf.base.floor", "2024-07-01")


def test_policy_get_sees_the_overlay():
    import datetime as dt
    from decimal import Decimal
    overlay = ('[[hpf.base.floor]]\nfrom = 2024-07-01\nvalue = "3000.00"\n'
               'source = "test overlay"\nverified = false\n')
    eng = provident.Engine("shanghai", overlay_text=overlay)
    v = eng.policy_get("hpf.base.floor", dt.date(2024, 8, 1))
    assert v.value == Decimal("3000.00") and v.source == "test overlay" and v.verified is False
