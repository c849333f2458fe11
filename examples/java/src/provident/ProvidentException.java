package provident;

/**
 * A C ABI call that returned a negative pvd_status: no answer was produced.
 * The message is the library's (pvd_engine_errmsg or pvd_last_error). A
 * request the engine answered — even with an error or violations — is not an
 * exception: it is a response whose "ok" is false.
 */
public final class ProvidentException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String statusName;

  public ProvidentException(String call, int status, String statusName, String message) {
    super(statusName + ": " + (message.startsWith(call) ? message : call + ": " + message));
    this.status = status;
    this.statusName = statusName;
  }

  /** The negative pvd_status (PVD_E_*). */
  public int status() {
    return status;
  }

  /** Its name ("PVD_E_NOT_FOUND", ...). */
  public String statusName() {
    return statusName;
  }
}
