/// One cell a terminal must draw to go from the frame it shows to the next.
public struct CellChange: Sendable, Equatable {
    public var x: Int
    public var y: Int
    public var cell: Cell

    public init(x: Int, y: Int, cell: Cell) {
        self.x = x
        self.y = y
        self.cell = cell
    }
}

extension CellBuffer {
    /// The cells to draw, in reading order, to turn `previous` (what the terminal
    /// shows) into this frame: every cell whose cluster or style differs. Every
    /// backend presents a frame through this one function.
    ///
    /// A wide cluster is one change at its own column; its continuation cell is
    /// never a change of its own (drawing the cluster covers it). When a wide
    /// cluster gives way to narrow ones, the cell under its right half differs
    /// (continuation before, a cluster now), so it is drawn too.
    ///
    /// With no previous frame, or one of another size (a resize), every cell but
    /// the continuations is a change: the whole screen is drawn.
    public func changes(since previous: CellBuffer?) -> [CellChange] {
        var changes: [CellChange] = []
        cells.withUnsafeBufferPointer { next in
            guard let previous, previous.width == width, previous.height == height else {
                changes.reserveCapacity(next.count)
                for index in 0..<next.count where !next[index].isContinuation {
                    changes.append(CellChange(x: index % width, y: index / width, cell: next[index]))
                }
                return
            }
            previous.cells.withUnsafeBufferPointer { old in
                for index in 0..<next.count {
                    let cell = next[index]
                    if cell == old[index] || cell.isContinuation { continue }
                    changes.append(CellChange(x: index % width, y: index / width, cell: cell))
                }
            }
        }
        return changes
    }
}
