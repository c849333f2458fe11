package provident;

import com.sun.jna.IntegerType;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.ByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The C ABI of provident (capi/provident.h) as a JNA interface: one Java
 * method per C function, with the C names, and the structs the calls use.
 *
 * <p>Ownership, as in provident.h: a {@code char *} the library allocates for
 * the caller (the response of pvd_engine_execute and pvd_policy_get) is taken
 * as a {@link Pointer} and released with {@link #pvd_free} — never mapped to
 * {@code String}, which would copy it and leak the original. The
 * {@code const char *} the library keeps (version, status names, error
 * messages) are mapped to {@code String}: JNA copies them and frees nothing.
 */
public interface ProvidentLibrary extends Library {
  /** Loads libprovident_c from jna.library.path (or the system's library path), strings in UTF-8. */
  static ProvidentLibrary load() {
    return Native.load("provident_c", ProvidentLibrary.class,
        Map.of(Library.OPTION_STRING_ENCODING, StandardCharsets.UTF_8.name()));
  }

  // ---------------------------------------------------------------- constants (provident.h)
  int PVD_OK = 0;
  int PVD_E_INVALID_ARGUMENT = -1;
  int PVD_E_NOT_FOUND = -2;
  int PVD_E_POLICY = -3;
  int PVD_E_STORE = -4;
  int PVD_OPEN_READONLY = 2;
  int PVD_CATEGORY_M60 = 1;
  int PVD_CATEGORY_F55 = 2;

  /** PVD_MONTH(year, month): the month serial year*12 + month - 1. */
  static int month(int year, int month) {
    return year * 12 + month - 1;
  }

  // ---------------------------------------------------------------- size_t

  /** size_t, whatever its width on this platform. */
  final class SizeT extends IntegerType {
    private static final long serialVersionUID = 1L;

    public SizeT() {
      this(0);
    }

    public SizeT(long value) {
      super(Native.SIZE_T_SIZE, value, true);
    }
  }

  /** size_t *, for an out length. */
  final class SizeTByReference extends ByReference {
    public SizeTByReference() {
      super(Native.SIZE_T_SIZE);
    }

    public long getValue() {
      return Native.SIZE_T_SIZE == 8 ? getPointer().getLong(0) : getPointer().getInt(0) & 0xFFFFFFFFL;
    }
  }

  // ---------------------------------------------------------------- structs

  /**
   * pvd_engine_options. Versioned by struct_size: the C macro
   * PVD_ENGINE_OPTIONS_INIT cannot be expanded from Java, so {@link #initialised}
   * calls its function form, pvd_engine_options_init, with the size of this
   * layout: the library writes the defaults (NULL / 0) and struct_size. Strings
   * are sent as UTF-8.
   */
  @Structure.FieldOrder({"struct_size", "policy", "db_path", "flags", "overlay"})
  class EngineOptions extends Structure {
    public int struct_size;
    public String policy;
    public String db_path;
    public int flags;
    public String overlay;

    public EngineOptions() {
      setStringEncoding(StandardCharsets.UTF_8.name());
    }

    /** Options with the library's defaults (pvd_engine_options_init); throws when it refuses. */
    public static EngineOptions initialised(ProvidentLibrary lib) {
      EngineOptions o = new EngineOptions();
      int status = lib.pvd_engine_options_init(o, o.size());  // JNA reads the written struct back into the fields
      if (status != PVD_OK) {
        throw new ProvidentException("pvd_engine_options_init", status, lib.pvd_status_string(status), lib.pvd_last_error());
      }
      return o;
    }
  }

  /** pvd_citizen_id: a parsed ID number (frozen layout). */
  @Structure.FieldOrder({"problems", "birth_date", "number", "region", "gender"})
  class CitizenId extends Structure {
    public int problems;
    public int birth_date;
    public byte[] number = new byte[19];
    public byte[] region = new byte[7];
    public byte gender;

    /** A NUL-terminated char array of the struct as text. */
    public static String text(byte[] chars) {
      int n = 0;
      while (n < chars.length && chars[n] != 0) ++n;
      return new String(chars, 0, n, StandardCharsets.UTF_8);
    }
  }

  /** pvd_retirement: a person's statutory retirement (frozen layout; months are serials). */
  @Structure.FieldOrder({"original_month", "statutory_month", "delay_months", "age_years", "age_months",
      "earliest_month", "latest_month"})
  class Retirement extends Structure {
    public int original_month;
    public int statutory_month;
    public int delay_months;
    public int age_years;
    public int age_months;
    public int earliest_month;
    public int latest_month;
  }

  // ---------------------------------------------------------------- versions, status, memory, errors
  String pvd_version();

  int pvd_abi_version();

  String pvd_status_string(int status);

  void pvd_free(Pointer p);

  String pvd_last_error();

  // ---------------------------------------------------------------- engine
  int pvd_engine_options_init(EngineOptions options, int structSize);

  int pvd_engine_open(EngineOptions options, PointerByReference outEngine);

  void pvd_engine_close(PointerByReference engine);

  String pvd_engine_errmsg(Pointer engine);

  int pvd_engine_execute(Pointer engine, byte[] requestJson, SizeT requestLen, PointerByReference outResponseJson,
      SizeTByReference outResponseLen);

  // ---------------------------------------------------------------- typed fast paths
  int pvd_id_parse(byte[] number, SizeT len, int asOfDate, int flags, CitizenId out);

  int pvd_pension_retirement(Pointer engine, int asOfDate, int birthDate, int category, Retirement out);

  int pvd_hpf_rate_limits(Pointer engine, int asOfDate, LongByReference outMinMicros, LongByReference outMaxMicros);

  int pvd_hpf_deposit_batch(Pointer engine, int asOfMonth, SizeT n, long[] baseFen, long[] employerRateMicros,
      long[] employeeRateMicros, long[] outEmployerFen, long[] outEmployeeFen);
}
