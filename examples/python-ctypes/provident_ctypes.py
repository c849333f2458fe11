#!/usr/bin/python3
"""Python over provident's C ABI with nothing but the standard library (ctypes).

No pybind11 and no compiled glue: this is how any language with a C FFI (Java
with Panama or JNA, C#, Go with cgo, Rust, Ruby, ...) uses the engine. It shows

  * JSON commands through pvd_engine_execute, with the response freed by pvd_free;
  * the typed fast paths (ID parsing, statutory retirement, the payment window);
  * the batch HPF deposit over int64 arrays (fen and millionths; never float),
    checked row by row against the hpf.deposit calculator;
  * failures: a status and a message, never a crash.

  provident_ctypes.py [path/to/libprovident_c.so]

Exits 0 when every check holds.
"""
import ctypes
import ctypes.util
import datetime
import json
import os
import sys
from decimal import Decimal

# ---------------------------------------------------------------- the C ABI, declared

pvd_status = ctypes.c_int32
PVD_OK = 0
PVD_E_INVALID_ARGUMENT = -1
PVD_E_MISUSE = -6
PVD_CATEGORY_M60, PVD_CATEGORY_F55, PVD_CATEGORY_F50 = 1, 2, 3


class EngineOptions(ctypes.Structure):
    """pvd_engine_options; struct_size makes it versioned (pvd_engine_options_init fills it)."""
    _fields_ = [("struct_size", ctypes.c_uint32), ("policy", ctypes.c_char_p), ("db_path", ctypes.c_char_p),
                ("flags", ctypes.c_uint32), ("overlay", ctypes.c_char_p)]


class CitizenId(ctypes.Structure):
    _fields_ = [("problems", ctypes.c_uint32), ("birth_date", ctypes.c_int32), ("number", ctypes.c_char * 19),
                ("region", ctypes.c_char * 7), ("gender", ctypes.c_char)]


class Retirement(ctypes.Structure):
    _fields_ = [(name, ctypes.c_int32) for name in ("original_month", "statutory_month", "delay_months", "age_years",
                                                     "age_months", "earliest_month", "latest_month")]


def load(path=None):
    if path is None:
        path = os.environ.get("PROVIDENT_C_LIBRARY") or ctypes.util.find_library("provident_c")
    if not path:
        raise SystemExit("libprovident_c not found: pass its path")
    lib = ctypes.CDLL(path)
    engine_p = ctypes.c_void_p
    i64p = ctypes.POINTER(ctypes.c_int64)
    sig = {
        "pvd_version": (ctypes.c_char_p, []),
        "pvd_abi_version": (ctypes.c_int32, []),
        "pvd_status_string": (ctypes.c_char_p, [pvd_status]),
        "pvd_last_error": (ctypes.c_char_p, []),
        "pvd_engine_options_init": (pvd_status, [ctypes.POINTER(EngineOptions), ctypes.c_uint32]),
        "pvd_engine_open": (pvd_status, [ctypes.POINTER(EngineOptions), ctypes.POINTER(engine_p)]),
        "pvd_engine_close": (None, [ctypes.POINTER(engine_p)]),
        "pvd_engine_errmsg": (ctypes.c_char_p, [engine_p]),
        # The response is library memory: take it as a void pointer, read it, pvd_free it.
        "pvd_engine_execute": (pvd_status, [engine_p, ctypes.c_char_p, ctypes.c_size_t,
                                            ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t)]),
        "pvd_free": (None, [ctypes.c_void_p]),
        "pvd_id_parse": (pvd_status, [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int32, ctypes.c_uint32,
                                      ctypes.POINTER(CitizenId)]),
        "pvd_pension_retirement": (pvd_status, [engine_p, ctypes.c_int32, ctypes.c_int32, ctypes.c_int32,
                                                ctypes.POINTER(Retirement)]),
        "pvd_pension_min_months": (pvd_status, [engine_p, ctypes.c_int32, ctypes.POINTER(ctypes.c_int32)]),
        "pvd_hpf_payment_window": (pvd_status, [engine_p, ctypes.c_int64, ctypes.POINTER(ctypes.c_int32)]),
        "pvd_hpf_deposit_batch": (pvd_status, [engine_p, ctypes.c_int32, ctypes.c_size_t, i64p, i64p, i64p, i64p,
                                               i64p]),
    }
    for name, (restype, argtypes) in sig.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
    return lib


# ---------------------------------------------------------------- a thin Python layer

EPOCH = datetime.date(1970, 1, 1)


def days(d: datetime.date) -> int:
    return (d - EPOCH).days


def month_serial(year: int, month: int) -> int:
    return year * 12 + month - 1


def month_text(serial: int) -> str:
    return f"{serial // 12:04d}-{serial % 12 + 1:02d}"


def cst_seconds(t: datetime.datetime) -> int:
    """Seconds since 1970-01-01T00:00:00 China Standard Time (a naive CST wall clock)."""
    return int((t - datetime.datetime(1970, 1, 1)).total_seconds())


class Error(Exception):
    pass


class Engine:
    def __init__(self, lib, policy=None, overlay=None):
        self.lib = lib
        # The defaults and struct_size from the library (the function form of PVD_ENGINE_OPTIONS_INIT).
        opts = EngineOptions()
        if lib.pvd_engine_options_init(ctypes.byref(opts), ctypes.sizeof(opts)) != PVD_OK:
            raise Error(lib.pvd_last_error().decode())
        opts.policy = policy.encode() if policy else None
        opts.overlay = overlay.encode() if overlay else None
        self.handle = ctypes.c_void_p()
        status = lib.pvd_engine_open(ctypes.byref(opts), ctypes.byref(self.handle))
        if status != PVD_OK:
            raise Error(f"{lib.pvd_status_string(status).decode()}: {lib.pvd_last_error().decode()}")

    def close(self):
        self.lib.pvd_engine_close(ctypes.byref(self.handle))

    def check(self, status):
        if status != PVD_OK:
            raise Error(f"{self.lib.pvd_status_string(status).decode()}: {self.lib.pvd_engine_errmsg(self.handle).decode()}")

    def execute_text(self, request: bytes) -> bytes:
        out, n = ctypes.c_void_p(), ctypes.c_size_t()
        self.check(self.lib.pvd_engine_execute(self.handle, request, len(request), ctypes.byref(out), ctypes.byref(n)))
        try:
            return ctypes.string_at(out, n.value)
        finally:
            self.lib.pvd_free(out)

    def execute(self, request: dict) -> dict:
        return json.loads(self.execute_text(json.dumps(request, ensure_ascii=False).encode("utf-8")))

    def retirement(self, as_of: datetime.date, birth: datetime.date, category: int) -> Retirement:
        r = Retirement()
        self.check(self.lib.pvd_pension_retirement(self.handle, days(as_of), days(birth), category, ctypes.byref(r)))
        return r

    def payment_window_open(self, at: datetime.datetime) -> bool:
        flag = ctypes.c_int32()
        self.check(self.lib.pvd_hpf_payment_window(self.handle, cst_seconds(at), ctypes.byref(flag)))
        return bool(flag.value)

    def deposit_batch(self, month: int, base_fen, employer_micros, employee_micros):
        n = len(base_fen)
        Arr = ctypes.c_int64 * n
        out_er, out_ee = Arr(), Arr()
        self.check(self.lib.pvd_hpf_deposit_batch(self.handle, month, n, Arr(*base_fen), Arr(*employer_micros),
                                                  Arr(*employee_micros), out_er, out_ee))
        return list(out_er), list(out_ee)


def money_text(fen_amount: int) -> str:
    """Fen to a money string of the protocol (12345 → "123.45")."""
    return f"{fen_amount // 100}.{fen_amount % 100:02d}"


def rate_text(micros: int) -> str:
    """Millionths to a rate string of the protocol (70000 → "0.070000")."""
    return f"{micros // 1000000}.{micros % 1000000:06d}"


def fen(text: str) -> int:
    """A money string of the protocol ("188.00") to fen, exactly."""
    return int(Decimal(text) * 100)


# ---------------------------------------------------------------- the example

def main():
    lib = load(sys.argv[1] if len(sys.argv) > 1 else None)
    print(f"provident {lib.pvd_version().decode()} (C ABI {lib.pvd_abi_version()}) through ctypes")
    failures = []

    def check(cond, what):
        print(("  ok    " if cond else "  FAIL  ") + what)
        if not cond:
            failures.append(what)

    engine = Engine(lib)
    try:
        # JSON commands
        r = engine.execute({"op": "pension.min_months", "as_of": "2026-01-01T00:00:00",
                            "args": {"retirement_month": "2033-04"}})
        check(r["ok"] and r["result"]["months"] == 204, "pension.min_months 2033-04 = 204 (JSON)")
        r = engine.execute({"op": "hpf.flex.remit", "as_of": "2026-07-03T10:00:00", "args": {"account_no": "A1"}})
        check(not r["ok"] and r["error"] is not None, f"an operation that cannot run is an error response ({r['error']['code']})")
        raw = engine.execute_text(b'{"op": "id.parse", "args": ')
        check(json.loads(raw)["error"]["code"] == "REQ_MALFORMED", "a request that is not JSON is REQ_MALFORMED")

        # typed: ID
        cid = CitizenId()
        status = lib.pvd_id_parse(b"11010519491231002x", 18, days(datetime.date(2026, 1, 1)), 0, ctypes.byref(cid))
        check(status == PVD_OK and cid.problems == 0 and cid.number == b"11010519491231002X" and cid.gender == b"F"
              and EPOCH + datetime.timedelta(days=cid.birth_date) == datetime.date(1949, 12, 31),
              "pvd_id_parse normalises x and reads the birth date and gender")
        status = lib.pvd_id_parse(b"110105194912310021", 18, days(datetime.date(2026, 1, 1)), 0, ctypes.byref(cid))
        check(status == PVD_OK and cid.problems == 2, "a wrong check character is PVD_ID_CHECKSUM")

        # typed: retirement, the same as the calculator
        for birth, cat, name in [(datetime.date(1970, 6, 1), PVD_CATEGORY_M60, "M60"),
                                 (datetime.date(1975, 5, 5), PVD_CATEGORY_F50, "F50"),
                                 (datetime.date(1972, 2, 29), PVD_CATEGORY_F55, "F55")]:
            ret = engine.retirement(datetime.date(2026, 1, 1), birth, cat)
            js = engine.execute({"op": "pension.retirement", "as_of": "2026-01-01T00:00:00",
                                 "args": {"birth_date": birth.isoformat(), "category": name}})["result"]
            check(month_text(ret.statutory_month) == js["retirement_month"] and ret.delay_months == js["delay_months"],
                  f"{name} born {birth}: retires {month_text(ret.statutory_month)} "
                  f"at {ret.age_years} years {ret.age_months} months (typed = JSON)")

        # typed: payment window (national: no window)
        check(engine.payment_window_open(datetime.datetime(2026, 7, 28, 23, 0)), "national has no payment window")

        # the batch, exact, against the calculator row by row
        base = [269000, 500000, 1234567, 0, 300050, 999999999]
        er = [70000, 120000, 50000, 120000, 75000, 123456]
        ee = [70000, 120000, 80000, 0, 50000, 100000]
        out_er, out_ee = engine.deposit_batch(month_serial(2026, 7), base, er, ee)
        same = True
        for i in range(len(base)):
            js = engine.execute({"op": "hpf.deposit", "as_of": "2026-07-03T10:00:00",
                                 "args": {"base": money_text(base[i]), "employer_rate": rate_text(er[i]),
                                          "employee_rate": rate_text(ee[i])}})["result"]
            same &= fen(js["employer_part"]) == out_er[i] and fen(js["employee_part"]) == out_ee[i]
        check(same, f"pvd_hpf_deposit_batch = hpf.deposit on every row (row 0: {out_er[0]} + {out_ee[0]} fen)")

        # failures: a status and a message
        try:
            engine.deposit_batch(month_serial(2026, 7), [100, -1], [1, 1], [1, 1])
            check(False, "a negative base fails the batch")
        except Error as e:
            check("row 1" in str(e) and "PVD_E_INVALID_ARGUMENT" in str(e), f"a negative base fails the batch: {e}")
        out = ctypes.c_void_p()
        status = lib.pvd_engine_execute(None, b"{}", 2, ctypes.byref(out), None)
        check(status == PVD_E_MISUSE and not out.value and lib.pvd_last_error(),
              f"a NULL engine is PVD_E_MISUSE ({lib.pvd_last_error().decode()})")
        small = EngineOptions(4, None, None, 0, None)
        h = ctypes.c_void_p()
        check(lib.pvd_engine_open(ctypes.byref(small), ctypes.byref(h)) == PVD_E_INVALID_ARGUMENT and not h.value,
              "an options struct that is too small is refused")
    finally:
        engine.close()
        check(not engine.handle.value, "pvd_engine_close nulls the handle")

    print("done" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
