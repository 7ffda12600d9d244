/**
 * Why the process ends, said as one line before it does: a signal, an unhandled rejection, an uncaught exception,
 * the embedded database aborting, or any other exit. The line goes to stderr with the time and the exit code, so
 * that a server that stopped always leaves its reason in the log (issue 14, "Operations").
 */

export type ExitLog = {
  /** Logs the reason, runs the cleanup (bounded in time) and exits with `code`. */
  exit: (reason: string, code: number, error?: unknown) => Promise<void>;
};

export type ExitLogOptions = {
  /** Closes the server and the database and releases the data directory's lock. */
  cleanup: () => Promise<void>;
  /** Where the line goes (stderr by default). */
  write?: (line: string) => void;
  /** How long the cleanup may take before the process exits anyway. */
  cleanupMs?: number;
};

/** Exit codes for signals follow the shell's convention only when the stop is not graceful (a second signal). */
const signalNumbers: Record<string, number> = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };

const errorText = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/** A WebAssembly abort of PGlite ("Aborted(...)"): the embedded database cannot answer any more. */
export function isDatabaseAbort(error: unknown): boolean {
  return (
    error instanceof WebAssembly.RuntimeError || (error instanceof Error && /^Aborted\(/.test(error.message))
  );
}

/** The reason logged when the embedded database aborts. */
export const abortReason = (error: unknown) =>
  `cơ sở dữ liệu nhúng (PGlite) dừng bất thường: ${errorText(error)}`;

export function exitLine(reason: string, code: number): string {
  return `${new Date().toISOString()} Hiếu Học dừng: ${reason}; mã thoát ${code}`;
}

/** Installs the process-wide handlers; call once, in the server process only. */
export function installExitLog(options: ExitLogOptions): ExitLog {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  let said = false;
  let exiting = false;

  const say = (reason: string, code: number, error?: unknown) => {
    if (error instanceof Error && error.stack) write(error.stack);
    write(exitLine(reason, code));
    said = true;
  };

  const exit = async (reason: string, code: number, error?: unknown) => {
    if (exiting) return;
    exiting = true;
    say(reason, code, error);
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, options.cleanupMs ?? 10_000).unref());
    try {
      await Promise.race([options.cleanup(), timeout]);
    } catch (cleanupError) {
      write(`${new Date().toISOString()} Lỗi khi đóng: ${errorText(cleanupError)}`);
    }
    process.exit(code);
  };

  for (const signal of Object.keys(signalNumbers) as NodeJS.Signals[])
    process.on(signal, () => {
      if (exiting) {
        // A second signal while closing: stop at once.
        const code = 128 + (signalNumbers[signal] ?? 0);
        write(exitLine(`nhận tín hiệu ${signal} lần nữa khi đang đóng, dừng ngay`, code));
        process.exit(code);
      }
      void exit(`nhận tín hiệu ${signal}`, 0);
    });
  process.on("unhandledRejection", (error) => {
    void exit(
      isDatabaseAbort(error)
        ? abortReason(error)
        : `lỗi không được xử lý (unhandled rejection): ${errorText(error)}`,
      1,
      error,
    );
  });
  process.on("uncaughtException", (error) => {
    void exit(
      isDatabaseAbort(error)
        ? abortReason(error)
        : `lỗi không được bắt (uncaught exception): ${errorText(error)}`,
      1,
      error,
    );
  });
  // Anything else that ends the process (process.exit from a library, the event loop running dry).
  process.on("exit", (code) => {
    if (!said) write(exitLine("tiến trình kết thúc (process.exit hoặc hết việc)", code));
  });
  return { exit };
}
