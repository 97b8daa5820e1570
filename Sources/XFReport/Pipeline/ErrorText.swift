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
