// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "xfreport",
  products: [
    .library(name: "XFReport", targets: ["XFReport"]),
    .executable(name: "xfreport", targets: ["xfreport"]),
    .executable(name: "xfreport-bench", targets: ["xfreport-bench"]),
    .executable(name: "xfreport-fuzz", targets: ["xfreport-fuzz"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    // Links the system libsqlite3 (Debian: libsqlite3-dev); bundles no SQLite of its own.
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
  ],
  targets: [
    // Stable names over ICU's version-renamed C symbols (ubrk_open_72 …).
    .target(
      name: "CICU",
      linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
    ),
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    .systemLibrary(
      name: "CXLSXWriter",
      pkgConfig: "xlsxwriter",
      providers: [.apt(["libxlsxwriter-dev"])]
    ),
    // PDF text: poppler-glib behind a C file of plain types (Swift never sees glib).
    .systemLibrary(
      name: "CPopplerGlib",
      pkgConfig: "poppler-glib",
      providers: [.apt(["libpoppler-glib-dev", "poppler-data"])]
    ),
    .target(name: "CPDF", dependencies: ["CPopplerGlib"]),
    .target(
      name: "XFReport",
      dependencies: [
        "CICU", "CLibXML2", "CXLSXWriter", "CPDF", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "GRDB", package: "GRDB.swift"),
        // sqlite3_bind_* for the rows of each document: GRDB's arguments cost more than the inserts.
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ]
    ),
    .executableTarget(
      name: "xfreport",
      dependencies: ["XFReport", .product(name: "ArgumentParser", package: "swift-argument-parser")]
    ),
    .executableTarget(
      name: "xfreport-bench",
      dependencies: ["XFReport", "CICU"]
    ),
    // libFuzzer target with Scripts/fuzz.sh; a replayer of crash inputs when built plainly.
    .executableTarget(
      name: "xfreport-fuzz",
      dependencies: ["XFReport"]
    ),
    .testTarget(
      name: "XFReportTests",
      dependencies: ["XFReport", "CICU", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "ZIPFoundation", package: "ZIPFoundation")],
      exclude: ["Output/Snapshots", "Reliability/FuzzRegressions", "Ingest/PDF", "Extract/rule-examples.tsv"]
    ),
  ]
)
