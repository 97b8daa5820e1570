import Foundation

/// Runs the pipeline over many inputs. A bad input becomes an error for that input and the run
/// goes on with the others. With several jobs, documents are processed on worker threads but
/// handed to `body` strictly in input order, so outputs are the same as with one job; at most
/// `2 × jobs` finished documents wait for their turn, which bounds memory.
public struct BatchRunner: Sendable {
  public let pipeline: Pipeline
  public let stage: Pipeline.Stage
  public let jobs: Int
  public let collector = InputCollector()

  public init(pipeline: Pipeline, through stage: Pipeline.Stage = .extract, jobs: Int = 1) {
    self.pipeline = pipeline
    self.stage = stage
    self.jobs = max(1, jobs)
  }

  /// The number of cores, the default for `--jobs`.
  public static var defaultJobs: Int { ProcessInfo.processInfo.activeProcessorCount }

  /// Outcome of one input.
  public enum Outcome: @unchecked Sendable {
    case document(Document)
    case failure(name: String, error: Error)
  }

  public func process(_ item: InputItem) -> Outcome {
    do {
      let raw = try collector.read(item, maxBytes: pipeline.options.maxInputBytes)
      return .document(try pipeline.process(raw, through: stage))
    } catch {
      return .failure(name: item.name, error: error)
    }
  }

  public func run(_ items: [InputItem], _ body: (Outcome) throws -> Void) rethrows {
    if jobs == 1 || items.count < 2 {
      for item in items { try body(process(item)) }
      return
    }
    let queue = OrderedResults(count: items.count, window: 2 * jobs)
    let workers = (0..<min(jobs, items.count)).map { _ in
      Thread { [self] in
        while let k = queue.claim() { queue.put(k, process(items[k])) }
      }
    }
    for w in workers {
      w.stackSize = 8 << 20
      w.start()
    }
    defer { queue.cancel() }
    for k in 0..<items.count {
      try body(queue.take(k))
    }
  }
}

/// Slots filled by workers in any order and emptied by the consumer in input order.
private final class OrderedResults: @unchecked Sendable {
  private let condition = NSCondition()
  private var slots: [Int: BatchRunner.Outcome] = [:]
  private var next = 0
  private var consumed = 0
  private var cancelled = false
  private let count: Int
  private let window: Int

  init(count: Int, window: Int) {
    self.count = count
    self.window = window
  }

  /// The next input to process, waiting while too many finished ones are unconsumed.
  func claim() -> Int? {
    condition.lock()
    defer { condition.unlock() }
    while !cancelled, next < count, next - consumed >= window { condition.wait() }
    guard !cancelled, next < count else { return nil }
    next += 1
    return next - 1
  }

  func put(_ k: Int, _ outcome: BatchRunner.Outcome) {
    condition.lock()
    slots[k] = outcome
    condition.broadcast()
    condition.unlock()
  }

  func take(_ k: Int) -> BatchRunner.Outcome {
    condition.lock()
    defer { condition.unlock() }
    while slots[k] == nil { condition.wait() }
    consumed = k + 1
    condition.broadcast()
    return slots.removeValue(forKey: k)!
  }

  /// Stops workers from claiming more (the consumer stopped early).
  func cancel() {
    condition.lock()
    cancelled = true
    condition.broadcast()
    condition.unlock()
  }
}

/// Stable error code of any error the pipeline throws.
public func errorCode(_ error: Error) -> String {
  switch error {
  case let e as IngestError: e.code
  case is DictionaryError: "XF-D001"
  case is SegmentError: "XF-S001"
  case let e as JSONLDocumentReader.NamedError: errorCode(e.error)
  case is JSONLDocumentReader.LineError: "XF-I009"
  default: "XF-E000"
  }
}
