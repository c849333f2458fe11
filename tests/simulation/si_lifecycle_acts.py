"""The SI simulation's money corrections (issue 18): withdrawing a settlement bill, reversing the last settlement,
refunding paid months ahead of a back-dated stop (which follows at once). A mixin of si_simulate.py's Simulation;
the model's side is si_model_lifecycle.py."""
import datetime as dt

from si_model import TYPES, first_day, month_of, month_text
from simulate import luhn_card

REFUND_REASON = "停保后退费"


class SiLifecycleActs:
    def act_bill_withdraw(self, touched):
        m = self.model
        units = sorted(m.units)
        open_bills = sorted(b.id for b in m.bills.values() if b.status == "open")
        if open_bills and self.rng.random() < 0.8:
            bid = self.rng.choice(open_bills)
            code = m.bills[bid].unit if self.rng.random() < 0.95 else self.rng.choice(units)
        elif m.bills and self.rng.random() < 0.9:
            bid = self.rng.choice(sorted(m.bills))
            code = m.bills[bid].unit or self.rng.choice(units)
        else:
            bid, code = "B999999", self.rng.choice(units)
        b = m.bills.get(bid)
        exp = m.bill_withdraw(code, bid)
        self.run(self.request("si.bill.withdraw", {"unit_code": code, "bill_id": bid}), exp)
        if exp[0] == "ok":
            self.stats["bills_withdrawn"] += 1
            touched.update(p.id for p, _ in b.items)

    def act_settle_reverse(self, touched):
        m = self.model
        code = self.rng.choice(sorted(m.units))
        period = m.units[code].period - (1 if self.rng.random() < 0.9 else self.rng.choice([0, 2]))
        b = m.settlement_bill(code, period)
        exp = m.settle_reverse(code, period)
        self.run(self.request("si.settle.reverse", {"unit_code": code, "period": month_text(period)}), exp)
        if exp[0] == "ok":
            self.stats["reversals"] += 1
            touched.update(p.id for p, _ in b.items)

    def refund_candidates(self):
        """(person, unit, stop date, months) where a stop back-dated to an earlier month could follow a refund: the
        person is active at the unit, the months after the stop's month there are all paid (one at least), and the
        stop is not before the unit's last change."""
        m = self.model
        today = self.t.date()
        out = []
        for idn in sorted(m.persons):
            p = m.persons[idn]
            for u in sorted(m.units):
                if not any(p.active(u, t) for t in TYPES):
                    continue
                recs = [c for c in p.charges if c.unit == u]
                for sm in range(month_of(today) - 3, month_of(today)):
                    after = [c for c in recs if c.month > sm]
                    if not after or any(c.state != "paid" for c in after):
                        continue
                    lo = max(first_day(sm), p.last_change.get(u, first_day(sm)))
                    hi = first_day(sm + 1) - dt.timedelta(days=1)
                    if lo <= hi:
                        out.append((idn, u, lo + dt.timedelta(days=self.rng.randint(0, (hi - lo).days)),
                                    sorted({(c.month, c.type) for c in after})))
        return out

    def act_refund(self, touched):
        m = self.model
        cands = self.refund_candidates()
        reason, stop = REFUND_REASON, None
        if cands and self.rng.random() < 0.7:
            idn, unit, stop, months = self.rng.choice(cands)
            span = None
            if self.rng.random() < 0.5:
                span = (months[0][0], months[-1][0], None)
                months = None
        else:
            spec = self.pick_person()
            if spec is None:
                return
            idn, unit = spec.id, self.rng.choice(sorted(m.units) + [""])
            p = m.persons[idn]
            paid = sorted({(c.month, c.type) for c in p.charges if c.state == "paid"})
            pool = paid + [(month_of(self.t.date()) - 1, "pension"), (month_of(self.t.date()), "injury")]
            months = [self.rng.choice(pool) for _ in range(self.rng.choice([1, 1, 2]))]
            span = None
            r = self.rng.random()
            if r < 0.15:
                reason = " "
            elif r < 0.3 and unit:
                stop = self.t.date() + dt.timedelta(days=self.rng.choice([1, -40]))
            elif r < 0.4:
                span = (month_of(self.t.date()) - 2, month_of(self.t.date()), self.rng.choice([None, ["pension"]]))
                months = None
        args = {"id_number": idn, "reason": reason}
        if unit:
            args["unit_code"] = unit
        if stop is not None:
            args["stop_date"] = stop.isoformat()
        if months is not None:
            args["months"] = [{"month": month_text(mm), "type": t} for mm, t in months]
        else:
            args.update({"from": month_text(span[0]), "to": month_text(span[1])})
            if span[2] is not None:
                args["types"] = span[2]
        exp = m.refund(idn, unit, months, span, reason, stop, self.t)
        self.run(self.request("si.refund", args), exp)
        if exp[0] != "ok":
            return
        self.stats["refunds"] += 1
        touched.add(idn)
        if stop is not None:  # the back-dated stop the refund prepared
            self.later(5)
            stop_args = {"unit_code": unit, "id_number": idn, "stop_date": stop.isoformat(),
                         "reason": "stop_contribution"}
            self.stats["stops"] += 1
            self.reviewed_wire("si.stop", stop_args, stop_args, touched)

    # ------------------------------------------------------------ corrections and the lock (004 §2.2)
    def act_person_change(self, touched):
        today = self.t.date()
        open_ = lambda x: not x.locked and any(e.frm <= today and e.to is None for e in x.enrollments)  # noqa: E731
        spec = self.pick_person(lambda sp: open_(self.model.persons[sp.id]) or self.rng.random() < 0.2)
        if spec is None:
            return
        p = self.model.persons[spec.id]
        args = {"id_number": spec.id, "reason": "身份证信息有误" if self.rng.random() > 0.08 else " "}
        r = self.rng.random()
        if r < 0.35:
            args["name"] = self.rng.choice([p.name + "明", p.name[:1] + "晓", "\u3000", p.name])
        elif r < 0.6 and not spec.old:  # a claim's work years are the pension model's, from the original date
            earliest = min((e.frm for e in p.enrollments), default=self.t.date())
            args["work_start_date"] = (earliest - dt.timedelta(days=self.rng.choice([400, 30, 1, 0, -20]))).isoformat()
        else:
            args["phone"] = self.rng.choice(["13912345678", "18611112222", "1391234567"])
            if self.rng.random() < 0.3:
                args["address"] = self.rng.choice(["邯郸市丛台区中华北大街1号", " "])
        self.reviewed_wire("si.person.change", args, args, touched)

    def act_person_lock(self, touched):
        spec = self.pick_person()
        if spec is None:
            return
        p = self.model.persons[spec.id]
        lock = (not p.locked) if self.rng.random() < 0.85 else p.locked
        reason = "核查中" if self.rng.random() > 0.08 else ""
        exp = self.model.person_lock(spec.id, lock, reason, self.t)
        self.run(self.request("si.person.lock" if lock else "si.person.unlock",
                              {"id_number": spec.id, "reason": reason}), exp)
        touched.add(spec.id)

    # ------------------------------------------------------------ after the retirement (001 7.1)
    def act_pension_after(self, touched):
        m = self.model
        retired = sorted(idn for idn, p in m.persons.items() if p.retired_from is not None)
        if retired and self.rng.random() < 0.85:
            idn = self.rng.choice(retired)
        else:
            spec = self.pick_person()
            if spec is None:
                return
            idn = spec.id
        p = m.persons[idn]
        if self.rng.random() < 0.5:
            bank = self.rng.choice(["ICBC", "CCB", "BOC", "ICBC", "XXB"])
            name = p.name if self.rng.random() < 0.9 else "某某"
            card = luhn_card("622202", self.rng.randrange(10 ** 6), self.rng.random() < 0.9)
            if p.pension_bank and self.rng.random() < 0.2:
                bank, card = p.pension_bank
            exp = m.bank_account(idn, bank, name, card, self.t)
            self.run(self.request("pension.bank_account", {"id_number": idn, "bank": bank, "account_name": name,
                                                           "card_no": card}), exp)
        else:
            today = self.t.date()
            day = self.rng.choice([today, today, today - dt.timedelta(days=self.rng.randint(1, 200)),
                                   today + dt.timedelta(days=3)])
            method = self.rng.choice([None, "in_person", "face_recognition", "home_visit", "data_comparison"])
            args = {"id_number": idn, "date": day.isoformat()}
            if method:
                args["method"] = method
            exp = m.qualify(idn, day, method or "in_person", self.t)
            self.run(self.request("pension.qualify", args), exp)
        touched.add(idn)


    # ------------------------------------------------------------ a unit's data corrected (004 §2.2.4–2.2.5)
    def act_unit_change(self, touched):
        code, name, credit = self.rng.choice(self.units_spec)
        args = {"unit_code": code, "reason": "营业执照变更" if self.rng.random() > 0.08 else "\u3000"}
        r = self.rng.random()
        if r < 0.4:
            args["name"] = self.rng.choice([name + "（更名）", name, " "])
        elif r < 0.7:
            args["credit_code"] = self.rng.choice(["91110000600037341L", "91140100MA0K12345Y", "91110000600037341M"])
        else:
            args["address"] = self.rng.choice(["邯郸市丛台区人民路2号", "邯郸市复兴区建设大街8号", ""])
        if self.rng.random() < 0.03:
            args["unit_code"] = "1304039999"
        exp = self.model.unit_change(args["unit_code"], args, {"name": name, "credit_code": credit})
        self.run(self.request("si.unit.change", args), exp)
