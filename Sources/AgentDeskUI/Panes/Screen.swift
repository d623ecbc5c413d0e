/// Draws the whole screen for a model at the buffer's size.
public enum Screen {
    public static func render(_ model: AppModel, into buffer: inout CellBuffer) {
        buffer.clear()
        let caption = model.caption
        let layout = Layout(width: buffer.width, height: buffer.height, playing: model.playback != nil,
                            bannerLines: caption.map { CaptionBanner.lines($0, width: buffer.width).count } ?? 0)
        if !layout.fits {
            Overlays.tooSmall(model, into: &buffer)
        } else if model.ui.mode == .pageDetail {
            Overlays.pageDetail(model, into: &buffer)
        } else {
            HeaderPane.render(model, in: layout.header, into: &buffer)
            if let chat = model.shownChat {
                // A chat: the thread takes the dialpad's place (d brings the dialpad back).
                let column = Rect(x: layout.call.x, y: layout.call.y, width: layout.call.width, height: layout.call.height + layout.dialpad.height)
                let (call, thread) = ChatThreadPane.split(column, model, session: chat)
                CallPane.render(model, in: call, into: &buffer)
                ChatThreadPane.render(model, session: chat, in: thread, into: &buffer)
            } else {
                CallPane.render(model, in: layout.call, into: &buffer)
                DialpadPane.render(model, in: layout.dialpad, into: &buffer)
            }
            ScreenPopPane.render(model, in: layout.screenPop, into: &buffer)
            EventFeedPane.render(model, in: layout.events, into: &buffer)
            HintBar.render(model, notice: layout.notice, hints: layout.hints, into: &buffer)
            if let bar = layout.playbackBar { PlaybackBar.render(model, in: bar, into: &buffer) }
            if let banner = layout.banner, let caption { CaptionBanner.render(caption, in: banner, into: &buffer) }
            if model.ui.mode == .help { Overlays.help(model, into: &buffer) }
            if model.ui.mode == .results { ResultsPanel.render(model, into: &buffer) }
            if model.drill.over { ScorecardPanel.render(model, into: &buffer) }
            if case let .chatAttachments(index) = model.ui.mode { ChatThreadPane.renderPicker(model, selected: index, into: &buffer) }
            if case let .picker(picker) = model.ui.mode { PickerOverlay.render(picker, model, into: &buffer) }
        }
        if !model.ui.colors {
            buffer.restyle(buffer.bounds) {
                $0.foreground = .default
                $0.background = .default
            }
        }
    }

    /// A convenience for tests and the headless backend: the screen as lines.
    public static func lines(_ model: AppModel, width: Int, height: Int) -> [String] {
        var buffer = CellBuffer(width: width, height: height)
        render(model, into: &buffer)
        return buffer.lines
    }
}
