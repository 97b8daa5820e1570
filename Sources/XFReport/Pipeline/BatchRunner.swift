/// Runs the pipeline over many inputs in order. A bad input becomes an error for that input
/// and the run goes on with the others.
public struct BatchRunner {
  public let pipeline: Pipeline
  public let stage: Pipeline.Stage
  public let collector = InputCollector()

  public init(pipeline: Pipeline, through stage: Pipeline.Stage = .extract) {
    self.pipeline = pipeline
    self.stage = stage
  }

  /// Outcome of one input.
  public enum Outcome {
    case document(Document)
    case failure(name: String, error: Error)
  }

  public func run(_ items: [InputItem], _ body: (Outcome) throws -> Void) rethrows {
    for item in items {
      let outcome: Outcome
      do {
        let raw = try collector.read(item)
        outcome = .document(try pipeline.process(raw, through: stage))
      } catch {
        outcome = .failure(name: item.name, error: error)
      }
      try body(outcome)
    }
  }
}

/// Stable error code of any error the pipeline throws.
public func errorCode(_ error: Error) -> String {
  switch error {
  case let e as IngestError: e.code
  case is DictionaryError: "XF-D001"
  case is SegmentError: "XF-S001"
  default: "XF-E000"
  }
}
