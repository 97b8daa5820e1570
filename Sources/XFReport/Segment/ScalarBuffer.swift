/// Scalar text a trie can match in: an array, or an unsafe buffer over one in hot loops.
protocol ScalarBuffer: RandomAccessCollection<Unicode.Scalar> where Index == Int {}
extension Array: ScalarBuffer where Element == Unicode.Scalar {}
extension UnsafeBufferPointer: ScalarBuffer where Element == Unicode.Scalar {}
