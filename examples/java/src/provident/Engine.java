package provident;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;

/**
 * An open pvd_engine: the policy profiles and the store (a SQLite file or
 * memory). Use it in try-with-resources so that pvd_engine_close runs.
 *
 * <p>{@link #execute} is the whole JSON protocol (docs/protocol.md): it sends
 * one request, copies the response into a Java string and releases the C
 * buffer with pvd_free before it returns, whatever happens.
 */
public final class Engine implements AutoCloseable {
  private final ProvidentLibrary lib;
  private final PointerByReference handle;

  private Engine(ProvidentLibrary lib, PointerByReference handle) {
    this.lib = lib;
    this.handle = handle;
  }

  /**
   * Opens an engine. {@code options} is a {@link ProvidentLibrary.EngineOptions}
   * (struct_size already set). A failure throws with pvd_last_error().
   */
  public static Engine open(ProvidentLibrary lib, ProvidentLibrary.EngineOptions options) {
    PointerByReference out = new PointerByReference();
    int status = lib.pvd_engine_open(options, out);
    if (status != ProvidentLibrary.PVD_OK) {
      throw new ProvidentException("pvd_engine_open", status, lib.pvd_status_string(status), lib.pvd_last_error());
    }
    return new Engine(lib, out);
  }

  /** The engine handle, for the typed calls. */
  public Pointer handle() {
    return handle.getValue();
  }

  /** The library this engine was opened with. */
  public ProvidentLibrary library() {
    return lib;
  }

  /** The calling thread's last failure on this engine ("" when none). */
  public String errmsg() {
    return lib.pvd_engine_errmsg(handle());
  }

  /** Throws unless {@code status} is PVD_OK, with the engine's message for {@code call}. */
  public void check(String call, int status) {
    if (status != ProvidentLibrary.PVD_OK) {
      throw new ProvidentException(call, status, lib.pvd_status_string(status), errmsg());
    }
  }

  /** Runs one JSON request and returns the JSON response (read its "ok"). */
  public String execute(String requestJson) {
    byte[] request = requestJson.getBytes(StandardCharsets.UTF_8);
    PointerByReference response = new PointerByReference();
    ProvidentLibrary.SizeTByReference length = new ProvidentLibrary.SizeTByReference();
    int status = lib.pvd_engine_execute(handle(), request, new ProvidentLibrary.SizeT(request.length), response, length);
    if (status != ProvidentLibrary.PVD_OK) {
      // No response was produced (*out is NULL): nothing to free. A NULL or
      // closed engine is PVD_E_MISUSE, whose message is in pvd_last_error().
      String message = handle() == null ? lib.pvd_last_error() : errmsg();
      throw new ProvidentException("pvd_engine_execute", status, lib.pvd_status_string(status), message);
    }
    Pointer json = response.getValue();
    try {
      return new String(json.getByteArray(0, Math.toIntExact(length.getValue())), StandardCharsets.UTF_8);
    } finally {
      lib.pvd_free(json); // every response, exactly once
    }
  }

  /** Closes the engine (pvd_engine_close sets the handle to NULL; closing twice does nothing). */
  @Override
  public void close() {
    lib.pvd_engine_close(handle);
  }
}
