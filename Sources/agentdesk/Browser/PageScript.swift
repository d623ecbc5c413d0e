import AgentDeskCore

/// The scripts a page step runs in a world of the page's own frame: they see the
/// page's DOM (not its variables) and answer with a small object: `state` is done,
/// missing, loading, disabled, invalid (the selector) or notEditable.
enum PageScript {
    static func script(for step: PageStep) -> String {
        let selector = OrderedJSON.encode(.string(step.selector))
        let find = """
            if (document.readyState === "loading") return { state: "loading" };
            let el;
            try { el = document.querySelector(\(selector)); } catch (e) { return { state: "invalid", why: e.message }; }
            if (!el) return { state: "missing", url: location.href };
            """
        switch step.verb {
        case .waitFor:
            return "(() => { \(find) return { state: \"done\" }; })()"
        case .click:
            // As a user's click: focus, then the click event (a disabled control takes none).
            return """
                (() => { \(find)
                  if (el.disabled || el.closest("fieldset[disabled]")) return { state: "disabled" };
                  if (el.scrollIntoView) el.scrollIntoView({ block: "center" });
                  if (el.focus) el.focus();
                  el.click();
                  return { state: "done" };
                })()
                """
        case .type:
            // As typing: the value grows by the text, with input and change events.
            let text = OrderedJSON.encode(.string(step.text ?? ""))
            return """
                (() => { \(find)
                  if (el.disabled || el.readOnly) return { state: "disabled" };
                  const text = \(text);
                  if (el.focus) el.focus();
                  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
                    const proto = el instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
                    Object.getOwnPropertyDescriptor(proto, "value").set.call(el, el.value + text);
                  } else if (el.isContentEditable) {
                    el.textContent += text;
                  } else {
                    return { state: "notEditable" };
                  }
                  el.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: text }));
                  el.dispatchEvent(new Event("change", { bubbles: true }));
                  return { state: "done" };
                })()
                """
        }
    }
}
