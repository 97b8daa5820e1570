import Foundation

/// Runs the pipeline over many inputs. A bad input becomes an error for that input and the run
/// goes on with the others. With several jobs, documents are processed on worker threads but
/// handed on strictly in input order, so outputs are the same as with one job; a few documents
/// per job wait for their turn at most, which bounds memory.
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
    /// `id`: how outputs name the input (``DocumentIdentity``).
    case failure(name: String, error: Error, id: String)
  }

  public func process(_ item: InputItem, identity: DocumentIdentity? = nil) -> Outcome {
    let id = (identity ?? DocumentIdentity([item])).id(of: item)
    do {
      var raw = try collector.read(item, maxBytes: pipeline.options.maxInputBytes)
      raw.id = id
      return .document(try pipeline.process(raw, through: stage))
    } catch {
      return .failure(name: item.name, error: error, id: id)
    }
  }

  public func run(_ items: [InputItem], _ body: (Outcome) throws -> Void) rethrows {
    try run(items, prepare: { $0 }, serial: { $0 }, render: { $0 }, commit: body)
  }

  /// Runs each input through four steps: `prepare` (after the pipeline) and `render` on worker
  /// threads, in any order; `serial` and `commit` on the calling thread, in input order. A step
  /// that needs everything before it (duplicates, totals) goes in `serial`, the expensive rest
  /// in the other two. At most `64 × jobs` inputs, and about two million characters per job, are
  /// between their start and their commit: reports differ in size by a hundred times, and a
  /// window of a few documents made a worker wait while the other held a long one.
  public func run<Prepared: Sendable, Serial: Sendable, Rendered: Sendable>(
    _ items: [InputItem],
    prepare: @escaping @Sendable (Outcome) -> Prepared,
    serial: (Prepared) throws -> Serial,
    render: @escaping @Sendable (Serial) -> Rendered,
    commit: (Rendered) throws -> Void
  ) rethrows {
    let identity = DocumentIdentity(items)
    if jobs == 1 || items.count < 2 {
      for item in items { try commit(render(serial(prepare(process(item, identity: identity))))) }
      return
    }
    let queue = StagedQueue<Prepared, Serial, Rendered>(count: items.count, window: 64 * jobs, weightLimit: jobs << 21)
    let workers = (0..<min(jobs, items.count)).map { _ in
      Thread { [self] in
        while let task = queue.nextTask() {
          switch task {
          case .prepare(let k):
            let outcome = process(items[k], identity: identity)
            let weight = if case .document(let d) = outcome { d.source.count } else { 0 }
            queue.put(prepared: prepare(outcome), at: k, weight: weight)
          case .render(let k, let value): queue.put(rendered: render(value), at: k)
          }
        }
      }
    }
    for w in workers {
      w.stackSize = 8 << 20
      w.start()
    }
    defer { queue.cancel() }
    while let step = queue.nextStep() {
      switch step {
      case .serial(let k, let value): queue.schedule(render: try serial(value), at: k)
      case .commit(let value): try commit(value)
      }
    }
  }
}

/// The hand-over between worker threads and the calling thread of ``BatchRunner/run(_:prepare:serial:render:commit:)``.
/// Workers take render tasks before new inputs (so finished documents leave soon); the caller
/// commits before it runs the next serial step.
private final class StagedQueue<Prepared, Serial, Rendered>: @unchecked Sendable {
  enum Task {
    case prepare(Int)
    case render(Int, Serial)
  }

  enum Step {
    case serial(Int, Prepared)
    case commit(Rendered)
  }

  private let condition = NSCondition()
  private var prepared: [Int: Prepared] = [:]
  private var renderTasks: [(Int, Serial)] = []
  private var rendered: [Int: Rendered] = [:]
  private var claimed = 0
  private var serialized = 0
  private var committed = 0
  private var cancelled = false
  private let count: Int
  private let window: Int
  /// Characters of the documents between their start and their commit, and the limit past
  /// which no new input starts (one always may when none is in flight).
  private var weights: [Int: Int] = [:]
  private var inFlightWeight = 0
  private let weightLimit: Int

  init(count: Int, window: Int, weightLimit: Int) {
    self.count = count
    self.window = window
    self.weightLimit = weightLimit
  }

  /// A worker's next task; nil when there is none left.
  func nextTask() -> Task? {
    condition.lock()
    defer { condition.unlock() }
    while !cancelled {
      if !renderTasks.isEmpty {
        let (k, value) = renderTasks.removeFirst()
        return .render(k, value)
      }
      if claimed < count, claimed - committed < window, inFlightWeight < weightLimit || claimed == committed {
        claimed += 1
        return .prepare(claimed - 1)
      }
      if claimed == count, serialized == count { return nil }
      condition.wait()
    }
    return nil
  }

  func put(prepared value: Prepared, at k: Int, weight: Int) {
    condition.lock()
    prepared[k] = value
    weights[k] = weight
    inFlightWeight += weight
    condition.broadcast()
    condition.unlock()
  }

  func put(rendered value: Rendered, at k: Int) {
    condition.lock()
    rendered[k] = value
    condition.broadcast()
    condition.unlock()
  }

  /// The caller's next step, in input order; nil when every input is committed.
  func nextStep() -> Step? {
    condition.lock()
    defer { condition.unlock() }
    while committed < count {
      if let value = rendered.removeValue(forKey: committed) {
        inFlightWeight -= weights.removeValue(forKey: committed) ?? 0
        committed += 1
        condition.broadcast()
        return .commit(value)
      }
      if let value = prepared.removeValue(forKey: serialized) { return .serial(serialized, value) }
      condition.wait()
    }
    return nil
  }

  func schedule(render value: Serial, at k: Int) {
    condition.lock()
    renderTasks.append((k, value))
    serialized = k + 1
    condition.broadcast()
    condition.unlock()
  }

  /// Stops workers from taking more (the caller stopped early).
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
