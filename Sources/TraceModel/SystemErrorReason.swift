import Foundation

/// The reason inside a Foundation file error, as the C library words it ("No such file or
/// directory", "No space left on device"): Foundation prints its errors as an NSError dump
/// ("Error Domain=NSCocoaErrorDomain Code=260 …") without a reason a user can act on. The one
/// place every module that reads or writes files takes it from.
package enum SystemErrorReason {
  package static func of(_ error: any Error) -> String {
    let nsError = error as NSError
    if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    if nsError.domain == NSCocoaErrorDomain {
      switch nsError.code {
      case CocoaError.fileReadNoSuchFile.rawValue, CocoaError.fileNoSuchFile.rawValue:
        return String(cString: strerror(ENOENT))
      case CocoaError.fileReadNoPermission.rawValue, CocoaError.fileWriteNoPermission.rawValue:
        return String(cString: strerror(EACCES))
      default: break
      }
    }
    return nsError.localizedDescription
  }
}
