import Foundation

/// The cause of an error in words. Foundation's errors on Linux describe themselves as
/// `The operation could not be completed. (NSCocoaErrorDomain error 512.)`; the POSIX error
/// underneath, or the Cocoa code, says what happened.
public func describe(_ error: Error) -> String {
  if let e = error as? POSIXError { return String(cString: strerror(e.code.rawValue)) }
  let ns = error as NSError
  if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
  if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
    return String(cString: strerror(Int32(underlying.code)))
  }
  if ns.domain == NSCocoaErrorDomain {
    switch CocoaError.Code(rawValue: ns.code) {
    case .fileNoSuchFile, .fileReadNoSuchFile: return String(cString: strerror(ENOENT))
    case .fileReadNoPermission, .fileWriteNoPermission: return String(cString: strerror(EACCES))
    case .fileWriteOutOfSpace: return String(cString: strerror(ENOSPC))
    case .fileWriteVolumeReadOnly: return String(cString: strerror(EROFS))
    case .fileWriteFileExists: return String(cString: strerror(EEXIST))
    case .fileReadTooLarge: return String(cString: strerror(EFBIG))
    case .fileReadInapplicableStringEncoding, .fileReadCorruptFile: return "the file's bytes are not valid in the expected encoding"
    case .fileWriteInvalidFileName: return "an invalid file name"
    default: break
    }
  }
  if ns.domain != NSCocoaErrorDomain { return "\(error)" }
  let text = ns.localizedDescription
  return text.contains("NSCocoaErrorDomain") ? "an input/output error (Foundation code \(ns.code))" : text
}

/// The bytes of a file, or a `POSIXError` naming why not (FileManager's `contents(atPath:)` says nil).
func readWholeFile(_ path: String) throws -> [UInt8] {
  let fd = FileName.withCPath(FileName.bytes(of: path)) { open($0, O_RDONLY | O_CLOEXEC) }
  guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
  defer { close(fd) }
  var st = stat()
  if fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFDIR { throw POSIXError(.EISDIR) }
  do { return try InputCollector.readAll(fd, path: path, maxBytes: Int.max) } catch { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
}
