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
    /// 0: the continuation of a wide cluster; up to 0x10FFFF: that scalar;
    /// `clusterFlag | n`: entry n of `Cell.clusters`.
    @usableFromInline var content: UInt32
    public var style: Style

    @usableFromInline static let clusterFlag: UInt32 = 0x8000_0000

    public init(_ text: String = " ", style: Style = .plain) {
        self.style = style
        var scalars = text.unicodeScalars.makeIterator()
        guard let first = scalars.next() else {
            content = 0
            return
        }
        if scalars.next() == nil, first.value != 0 {
            content = first.value
        } else if let number = Cell.clusters.number(of: text) {
            content = Cell.clusterFlag | number
        } else {
            content = 0xFFFD
        }
    }

    /// A cell holding one scalar (not U+0000).
    @inlinable
    public init(scalar: Unicode.Scalar, style: Style = .plain) {
        content = scalar.value
        self.style = style
    }

    @inlinable
    init(content: UInt32, style: Style) {
        self.content = content
        self.style = style
    }

    public static let blank = Cell()
    static let continuation = Cell(content: 0, style: .plain)

    @inlinable
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
        static let limit = 1 << 16
        private struct Entries {
            var texts: [String] = []
            var numbers: [String: UInt32] = [:]
        }
        private let entries = Mutex(Entries())

        /// The cluster's entry, added if new; nil when the table is full.
        func number(of text: String) -> UInt32? {
            entries.withLock { table in
                if let n = table.numbers[text] { return n }
                guard table.texts.count < ClusterTable.limit else { return nil }
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
