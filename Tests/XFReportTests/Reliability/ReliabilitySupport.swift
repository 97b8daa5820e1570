import Foundation
import ZIPFoundation

/// Runs the built `xfreport` binary with standard output and error sent to files (a pipe that
/// nobody reads blocks a chatty run).
enum XFReportProcess {
  struct Result {
    let status: Int32
    let stdout: String
    let stderr: String
    let seconds: Double
  }

  /// Runs `xfreport args`, or `wrapper… xfreport args` (setpriv, unshare).
  static func run(_ args: [String], wrapper: [String] = [], timeout: Double = 600) throws -> Result {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xfreport-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let outURL = dir.appendingPathComponent("out"), errURL = dir.appendingPathComponent("err")
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let p = Process()
    let command = wrapper + [CommandLineTests.binary.path] + args
    p.executableURL = URL(fileURLWithPath: command[0])
    p.arguments = Array(command.dropFirst())
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "XFREPORT_DICTIONARIES")
    env["SWIFT_BACKTRACE"] = "enable=no"
    p.environment = env
    p.standardOutput = try FileHandle(forWritingTo: outURL)
    p.standardError = try FileHandle(forWritingTo: errURL)
    p.standardInput = FileHandle.nullDevice
    let started = Date()
    try p.run()
    while p.isRunning {
      if Date().timeIntervalSince(started) > timeout { p.terminate() }
      Thread.sleep(forTimeInterval: 0.05)
    }
    return Result(
      status: p.terminationStatus, stdout: try String(contentsOf: outURL, encoding: .utf8),
      stderr: try String(contentsOf: errURL, encoding: .utf8), seconds: Date().timeIntervalSince(started))
  }

  /// Runs a shell script (for mounts in a private namespace); returns its status and output.
  static func shell(_ script: String) throws -> (status: Int32, output: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", script]
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  static func tempDir(_ label: String) throws -> URL {
    let d = FileManager.default.temporaryDirectory.appendingPathComponent("xfreport-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
    return d
  }

  /// Fact records of facts.jsonl grouped by `doc`, each as its JSON line.
  static func factsByDoc(_ outputDir: URL) throws -> [String: [String]] {
    let text = try String(contentsOf: outputDir.appendingPathComponent("facts.jsonl"), encoding: .utf8)
    var result: [String: [String]] = [:]
    for line in text.split(separator: "\n") {
      let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      result[obj?["doc"] as? String ?? "", default: []].append(String(line))
    }
    return result
  }

  /// Every output file of an output folder and its bytes, as a reader sees them: links
  /// followed, a link that leads nowhere absent, the hidden `.xfreport/` left out; the files of
  /// an output folder (report/) as `report/doc-00001.html` ….
  static func contents(_ dir: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    for name in try visibleNames(dir) {
      let url = dir.appendingPathComponent(name)
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
        for (inner, data) in try contents(url) { result[name + "/" + inner] = data }
      } else {
        result[name] = try Data(contentsOf: url)
      }
    }
    return result
  }

  /// The names of an output folder a reader sees (not hidden, not a link to nothing), sorted.
  static func visibleNames(_ dir: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
      !$0.hasPrefix(".") && access(dir.appendingPathComponent($0).path, F_OK) == 0
    }.sorted()
  }

  /// Run folders under `.xfreport/` (one once a run has committed and tidied up).
  static func runFolders(_ dir: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent(".xfreport").path)) ?? []).filter { $0.hasPrefix("run-") }.sorted()
  }
}

/// DOCX-like ZIP archives made by the tests.
enum ZIPMaker {
  /// An archive with the given entries (deflated).
  static func zip(_ entries: [(String, Data)], to url: URL) throws {
    try? FileManager.default.removeItem(at: url)
    let archive = try Archive(url: url, accessMode: .create)
    for (name, data) in entries {
      try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
        data.subdata(in: Int(position)..<Int(position) + size)
      }
    }
  }

  /// An archive whose `name` inflates to `size` bytes of `byte`, generated chunk by chunk.
  static func bomb(_ name: String, size: Int, byte: UInt8, to url: URL) throws {
    try? FileManager.default.removeItem(at: url)
    let archive = try Archive(url: url, accessMode: .create)
    let chunk = Data(repeating: byte, count: 1 << 20)
    try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate, bufferSize: 1 << 20) { _, n in
      chunk.prefix(n)
    }
  }

  static func document(_ body: String, prolog: String = "") -> Data {
    Data((#"<?xml version="1.0" encoding="UTF-8"?>"# + prolog
      + #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#
      + body + "</w:body></w:document>").utf8)
  }

  static func paragraph(_ text: String) -> String { "<w:p><w:r><w:t>\(text)</w:t></w:r></w:p>" }
}
