#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes to standard output and standard error with write(2), not FileHandle: FileHandle traps
/// on a full disk or a closed pipe, and one `xfreport extract | head` must not end in a crash.
/// Standard output failing ends the run (its data is the product: exit 1 with a message);
/// standard error failing drops the diagnostic and the run goes on.
enum StandardStreams {
  /// A closed pipe makes write(2) fail with EPIPE instead of killing the process.
  static func ignoreBrokenPipe() {
    signal(SIGPIPE, SIG_IGN)
  }

  struct WriteError: Error, CustomStringConvertible {
    let errno: Int32
    var description: String { String(cString: strerror(errno)) }
  }

  /// All of `bytes` to `fd`, or the errno of the first failure (EINTR is retried).
  static func write(_ bytes: [UInt8], to fd: Int32) -> Int32? {
    var offset = 0
    return bytes.withUnsafeBytes { raw -> Int32? in
      while offset < raw.count {
        let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          return errno
        }
        offset += n
      }
      return nil
    }
  }

  /// Data to standard output; on failure, one message to standard error and exit 1 at once:
  /// the data is the product, and every later record would fail the same way.
  static func output(_ bytes: [UInt8]) {
    guard !bytes.isEmpty, let e = write(bytes, to: STDOUT_FILENO) else { return }
    error("error: cannot write standard output: \(WriteError(errno: e))\n")
    exit(1)
  }

  /// A message to standard error; dropped if it cannot be written.
  static func error(_ text: String) {
    _ = write(Array(text.utf8), to: STDERR_FILENO)
  }
}
