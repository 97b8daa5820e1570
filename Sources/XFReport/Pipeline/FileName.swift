import Foundation
import Synchronization

/// File names as bytes. Linux names are bytes, and archives unpacked from Windows ZIPs often
/// hold GBK names that are not UTF-8; such a file must still be read, and shown in a stable,
/// readable form: valid UTF-8 as it is, each byte outside a valid UTF-8 sequence as `\xNN`
/// (two upper-case hex digits), e.g. `\xD0\xC5\xB7\xC3.txt`.
public enum FileName {
  /// The displayed form of a name or path.
  public static func display<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    let b = Array(bytes)
    if let s = String(validating: b, as: UTF8.self) { return s }
    var out = String.UnicodeScalarView()
    var i = 0
    while i < b.count {
      if let (scalar, n) = decode(b, at: i) {
        out.append(scalar)
        i += n
      } else {
        let hex = String(b[i], radix: 16, uppercase: true)
        out.append(contentsOf: ("\\x" + (hex.count == 1 ? "0" + hex : hex)).unicodeScalars)
        i += 1
      }
    }
    return String(out)
  }

  /// One well-formed UTF-8 sequence at `i` (no overlongs, surrogates or values past U+10FFFF).
  static func decode(_ b: [UInt8], at i: Int) -> (Unicode.Scalar, Int)? {
    let c = b[i]
    if c < 0x80 { return (Unicode.Scalar(c), 1) }
    let (n, min, lead): (Int, UInt32, UInt32) =
      switch c {
      case 0xC2...0xDF: (2, 0x80, UInt32(c & 0x1F))
      case 0xE0...0xEF: (3, 0x800, UInt32(c & 0x0F))
      case 0xF0...0xF4: (4, 0x10000, UInt32(c & 0x07))
      default: (0, 0, 0)
      }
    guard n > 0, i + n <= b.count else { return nil }
    var v = lead
    for k in 1..<n {
      guard b[i + k] & 0xC0 == 0x80 else { return nil }
      v = v << 6 | UInt32(b[i + k] & 0x3F)
    }
    guard v >= min, let s = Unicode.Scalar(v) else { return nil }
    return (s, n)
  }

  /// The bytes of command-line arguments that are not UTF-8, by their displayed form: Swift's
  /// `CommandLine.arguments` replaces their bytes with U+FFFD, which names no file.
  private static let raw = Mutex<[String: [UInt8]]>([:])

  /// The program's arguments (without the program name), each in its displayed form; the bytes
  /// of those that are not UTF-8 are kept for ``bytes(of:)``.
  public static func commandLineArguments() -> [String] {
    var args: [String] = []
    for i in 1..<Int(CommandLine.argc) {
      guard let p = CommandLine.unsafeArgv[i] else { continue }
      let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p)))
      let shown = display(bytes)
      if String(validating: bytes, as: UTF8.self) == nil { raw.withLock { $0[shown] = bytes } }
      args.append(shown)
    }
    return args
  }

  /// The bytes a path names: those of the command-line argument it displays, or its UTF-8.
  public static func bytes(of path: String) -> [UInt8] {
    raw.withLock { $0[path] } ?? Array(path.utf8)
  }

  /// Calls `body` with the path as a C string.
  static func withCPath<R>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
    try (bytes + [0]).withUnsafeBufferPointer { b in
      try b.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
    }
  }
}
