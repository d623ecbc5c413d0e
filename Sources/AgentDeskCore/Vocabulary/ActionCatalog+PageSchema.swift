extension ActionCatalog {
    /// The schemas of the page steps (click, type, waitFor), for `stepSchema`.
    static var pageStepSchemas: [(String, OrderedJSON.Value)] {
        PageStep.Verb.allCases.map { verb in
            var fields: [(String, OrderedJSON.Value)] = [
                ("tab", .object([("description", .string("The tab whose page it acts in.")), ("type", .array([.string("string"), .string("integer")])),
                                 ("maxLength", .number(128))])),
                ("selector", .object([("description", .string("A CSS selector, as document.querySelector takes it.")), ("type", .string("string")),
                                      ("minLength", .number(1)), ("maxLength", .number(Double(PageStep.maxSelectorLength)))])),
            ]
            var required: [OrderedJSON.Value] = [.string("tab"), .string("selector")]
            if verb == .type {
                fields.append(("text", .object([("description", .string("What to type.")), ("type", .array([.string("string"), .string("integer")])),
                                                ("maxLength", .number(Double(PageStep.maxTextLength)))])))
                required.append(.string("text"))
            }
            fields.append(("within", .object([("description", .string("Real seconds to wait for the element (default \(OrderedJSON.number(PageStep.defaultWithin))).")),
                                              ("type", .string("number")), ("minimum", .number(0)), ("maximum", .number(PageStep.maxWithin))])))
            let summary = switch verb {
            case .click: "Clicks an element inside the tab's page (run --headless --browser)."
            case .type: "Types text into an element inside the tab's page (run --headless --browser)."
            case .waitFor: "Waits until an element matches inside the tab's page (run --headless --browser)."
            }
            return (verb.rawValue, .object([
                ("description", .string(summary)), ("type", .string("object")), ("additionalProperties", .bool(false)),
                ("properties", .object(fields)), ("required", .array(required)),
            ]))
        }
    }
}
