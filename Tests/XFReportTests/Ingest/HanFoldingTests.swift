import Testing
@testable import XFReport

/// `hant-hans.tsv` must say what ICU's Hant-Hans transliterator says, character by character.
struct HanFoldingTests {
  @Test func tableAgreesWithICUOnEveryBMPHanCharacter() throws {
    let preset = try #require(Fixtures.dictionaries.hanFolding)
    var scalars: [Unicode.Scalar] = []
    for v in Array(0x3400..<0x4DC0) + Array(0x4E00..<0xA000) + Array(0xF900..<0xFB00) {
      scalars.append(Unicode.Scalar(UInt32(v))!)
      if scalars.count % 40 == 0 { scalars.append("\n") }
    }
    let text = NormalizedText(identity: SourceText(String(String.UnicodeScalarView(scalars))))
    let withTable = CharacterFolding(foldTraditional: true, preset: preset).normalize(text)
    let withICU = CharacterFolding(foldTraditional: true, preset: nil).normalize(text)
    #expect(withTable.scalars == withICU.scalars)
    #expect(withTable.string.contains("访") && !withTable.string.contains("訪"))
  }
}
