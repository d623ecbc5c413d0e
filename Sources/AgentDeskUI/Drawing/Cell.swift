import Synchronization

/// One terminal cell: a grapheme cluster and its style. A wide cluster occupies
/// its cell and the next, which holds a continuation (empty text).
///
/// A cell is plain data (no reference, no String): a cluster of one scalar, which
/// is nearly every cell, is stored as that scalar; a cluster of several scalars
/// (e + U+0301, 🧑‍🌾) as the number of its entry in `Cell.clusters`, a table every
/// buffer shares that holds each distinct cluster once. So a frame is cleared,
/// copied and compared as a block of integers.
public struct Cell: Sendable, Equatable {
    /// The content in the low 32 bits (0: the continuation of a wide cluster; up to
    /// 0x10FFFF: that scalar; `clusterFlag | n`: entry n of `Cell.clusters`), the
    /// style packed in the high 32: one word to clear, copy and compare.
    var bits: UInt64

    static let clusterFlag: UInt32 = 0x8000_0000

    var content: UInt32 {
        get { UInt32(truncatingIfNeeded: bits) }
        set { bits = bits & 0xFFFF_FFFF_0000_0000 | UInt64(newValue) }
    }

    public var style: Style {
        get { Style(packed: UInt32(truncatingIfNeeded: bits >> 32)) }
        set { bits = UInt64(newValue.packed) << 32 | bits & 0xFFFF_FFFF }
    }

    public init(_ text: String = " ", style: Style = .plain) {
        var scalars = text.unicodeScalars.makeIterator()
        let content: UInt32
        if let first = scalars.next() {
            if scalars.next() == nil, first.value != 0 {
                content = first.value
            } else if let number = Cell.clusters.number(of: text) {
                content = Cell.clusterFlag | number
            } else {
                content = 0xFFFD
            }
        } else {
            content = 0
        }
        self.init(content: content, style: style)
    }

    /// A cell holding one scalar (not U+0000).
    public init(scalar: Unicode.Scalar, style: Style = .plain) {
        self.init(content: scalar.value, style: style)
    }

    init(content: UInt32, style: Style) {
        bits = UInt64(style.packed) << 32 | UInt64(content)
    }

    public static let blank = Cell()
    static let continuation = Cell(content: 0, style: .plain)

    public var isContinuation: Bool { content == 0 }

    /// The cluster's text; empty for a continuation.
    public var text: String {
        get {
            if content == 0 { return "" }
            if content & Cell.clusterFlag == 0 { return String(Unicode.Scalar(content).map(Character.init) ?? "\u{FFFD}") }
            return Cell.clusters.text(of: content & ~Cell.clusterFlag)
        }
        set { self = Cell(newValue, style: style) }
    }

    /// The scalar, when the cell holds a cluster of one scalar.
    public var scalar: Unicode.Scalar? {
        content != 0 && content & Cell.clusterFlag == 0 ? Unicode.Scalar(content) : nil
    }

    /// The table of clusters of more than one scalar. Such clusters are rare (a
    /// combining accent, an emoji sequence), so it stays small; past `limit`
    /// distinct clusters (only hostile input gets there) a new one shows as `�`.
    static let clusters = ClusterTable()

    final class ClusterTable: Sendable {
        let limit: Int
        private struct Entries {
            var texts: [String] = []
            var numbers: [String: UInt32] = [:]
        }
        private let entries = Mutex(Entries())

        init(limit: Int = 1 << 16) { self.limit = limit }

        /// The cluster's entry, added if new; nil when the table is full.
        func number(of text: String) -> UInt32? {
            entries.withLock { table in
                if let n = table.numbers[text] { return n }
                guard table.texts.count < limit else { return nil }
                let n = UInt32(table.texts.count)
                table.texts.append(text)
                table.numbers[text] = n
                return n
            }
        }

        func text(of number: UInt32) -> String {
            entries.withLock { table in
                Int(number) < table.texts.count ? table.texts[Int(number)] : "\u{FFFD}"
            }
        }
    }
}
