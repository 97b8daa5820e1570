import CLibXML2
import Foundation

/// Reads the paragraphs of a DOCX (`word/document.xml`, found by ``ZIPEntryReader`` and parsed
/// with libxml2). The document's source text is the paragraph texts joined by newlines.
struct DOCXTextExtractor {
  /// Refuse to inflate `document.xml` past this size (zip bombs).
  let maxDecompressedBytes: Int

  init(maxDecompressedBytes: Int = 256 << 20) { self.maxDecompressedBytes = maxDecompressedBytes }

  func extract(_ bytes: [UInt8]) throws -> SourceText {
    let xml = try ZIPEntryReader(bytes: bytes).read("word/document.xml", limit: maxDecompressedBytes)
    return SourceText(try paragraphs(xml).joined(separator: "\n"))
  }

  /// libxml2 set up once per process, before any parse: `xmlInitParser` (else two threads
  /// parsing at once create its global locks at once, and deadlock — seen with `--jobs 2` on a
  /// DOCX and an HTML file), and, whatever the options, no external entity or DTD is ever
  /// loaded (XXE).
  static let libXMLReady: Void = {
    xmlInitParser()
    xmlSetExternalEntityLoader { _, _, _ in nil }
  }()

  /// Paragraph texts of a WordprocessingML document. No DTD loading, no entity substitution,
  /// no network: external entities are never resolved.
  func paragraphs(_ xml: Data) throws -> [String] {
    _ = Self.libXMLReady
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
