/**
 * Session logging with ORT's severity levels: 0 verbose, 1 info, 2 warning, 3 error, 4 fatal.
 * Messages at or above the session's `logSeverityLevel` (default 2) go to the console.
 */
export type Severity = 0 | 1 | 2 | 3 | 4;
export type Logger = (severity: Severity, message: string) => void;

const NAMES = ['VERBOSE', 'INFO', 'WARNING', 'ERROR', 'FATAL'];

export function createLogger(minimum: Severity = 2): Logger {
  return (severity, message) => {
    if (severity < minimum) return;
    const line = `[onnx-ts ${NAMES[severity]}] ${message}`;
    if (severity >= 2) console.warn(line);
    else console.log(line);
  };
}
