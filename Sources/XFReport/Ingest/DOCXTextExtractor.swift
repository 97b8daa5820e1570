import CLibXML2
import Foundation
import ZIPFoundation

/// Reads the paragraphs of a DOCX (`word/document.xml`, opened with ZIPFoundation and parsed
/// with libxml2). The document's source text is the paragraph texts joined by newlines.
struct DOCXTextExtractor {
  /// Refuse to inflate `document.xml` past this size (zip bombs).
  let maxDecompressedBytes: Int

  init(maxDecompressedBytes: Int = 256 << 20) { self.maxDecompressedBytes = maxDecompressedBytes }

  func extract(_ bytes: [UInt8]) throws -> SourceText {
    let archive: Archive
    do {
      archive = try Self.openArchive(bytes)
    } catch let e as IngestError {
      throw e
    } catch {
      throw IngestError.invalidDOCX(reason: "not a ZIP archive or truncated (\(error))")
    }
    guard let entry = archive["word/document.xml"] else {
      throw IngestError.invalidDOCX(reason: "a ZIP archive without word/document.xml")
    }
    guard entry.uncompressedSize <= UInt64(maxDecompressedBytes) else {
      throw IngestError.invalidDOCX(reason: "word/document.xml expands to \(entry.uncompressedSize) bytes (the limit is \(maxDecompressedBytes), see --max-docx-bytes)")
    }
    var xml = Data()
    do {
      _ = try archive.extract(entry, skipCRC32: false) { chunk in
        xml.append(chunk)
        if xml.count > maxDecompressedBytes { throw IngestError.invalidDOCX(reason: "word/document.xml expands past \(maxDecompressedBytes) bytes (see --max-docx-bytes)") }
      }
    } catch let e as IngestError {
      throw e
    } catch {
      throw IngestError.invalidDOCX(reason: "cannot inflate word/document.xml (\(error))")
    }
    return SourceText(try paragraphs(xml).joined(separator: "\n"))
  }

  /// Whatever the options, libxml2 loads no external entity or DTD in this process (XXE).
  static let noExternalEntities: Void = xmlSetExternalEntityLoader { _, _, _ in nil }

  /// ZIPFoundation's in-memory archives trap on offsets past the end of the data (found by
  /// fuzzing); its file-backed ones just fail to read, so the bytes go to an unlinked temporary
  /// file, opened again through /proc/self/fd.
  static func openArchive(_ bytes: [UInt8]) throws -> Archive {
    var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("xfreport-docx-XXXXXX").utf8CString)
    let fd = mkstemp(&template)
    guard fd >= 0 else { throw IngestError.invalidDOCX(reason: "cannot buffer the archive: \(String(cString: strerror(errno)))") }
    unlink(template)
    defer { close(fd) }
    var written = 0
    while written < bytes.count {
      let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
      guard n > 0 else { throw IngestError.invalidDOCX(reason: "cannot buffer the archive: \(String(cString: strerror(errno)))") }
      written += n
    }
    return try Archive(url: URL(fileURLWithPath: "/proc/self/fd/\(fd)"), accessMode: .read)
  }

  /// Paragraph texts of a WordprocessingML document. No DTD loading, no entity substitution,
  /// no network: external entities are never resolved.
  func paragraphs(_ xml: Data) throws -> [String] {
    _ = Self.noExternalEntities
    let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)
    let doc: xmlDocPtr? = xml.withUnsafeBytes { raw in
      let p = raw.bindMemory(to: CChar.self)
      return xmlReadMemory(p.baseAddress, Int32(p.count), "document.xml", "UTF-8", options)
    }
    guard let doc else { throw IngestError.invalidDOCX(reason: "word/document.xml is not well-formed XML") }
    defer { xmlFreeDoc(doc) }
    var result: [String] = []
    var current: String? = nil
    func walk(_ node: xmlNodePtr?) {
      var n = node
      while let cur = n {
        if cur.pointee.type == XML_ELEMENT_NODE {
          let name = String(cString: cur.pointee.name)
          switch name {
          case "p":
            let outer = current
            current = ""
            walk(cur.pointee.children)
            result.append(current ?? "")
            current = outer
          case "t":
            var child = cur.pointee.children
            while let c = child {
              if c.pointee.type == XML_TEXT_NODE || c.pointee.type == XML_CDATA_SECTION_NODE, let content = c.pointee.content {
                current? += String(cString: content)
              }
              child = c.pointee.next
            }
          case "tab": current? += "\t"
          case "br", "cr": current? += "\n"
          case "instrText", "delText": break
          default: walk(cur.pointee.children)
          }
        }
        n = cur.pointee.next
      }
    }
    walk(xmlDocGetRootElement(doc))
    return result
  }
}
