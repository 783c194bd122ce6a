// Product descriptions, made on demand from the product and the seed (they are asked for in batches
// of 20-50 codes, never for the whole catalog, so nothing is stored).

extension Catalog {
    private struct Criterion {
        let criteria: String
        let value: String
        let measurement: String?
    }

    /// Nested (current "api" dialect): `{"productId": code, "description": [{"criteria","value",
    /// "measurement"}]}`, where some products (about 3% and 1%) have `"description": ""` or null, as real
    /// ones do. Flat (older and UA): an array of `{"criteria","measurement","comlexName","value"}` items
    /// (ELKO spells `comlexName` so), with an `Image` criterion; the caller concatenates the items of
    /// several products into one array. `lang` `UA`/`UK` gives Ukrainian names where there are some.
    public func descriptionJSON(_ p: Product, shape: DescriptionShape, lang: String?) -> JSON {
        var rng = SeededGenerator(seed: seed, stream: CatalogGenerator.descriptionStream, item: p.elkoCode)
        let availability = rng.below(100)
        if availability < 4 {
            switch shape {
            case .nested:
                return .object([("productId", .number(p.codeText)), ("description", availability < 3 ? .string("") : .null)])
            case .flat:
                return .array([])
            }
        }
        let items = criteria(p, rng: &rng, lang: lang, withImage: shape == .flat)
        switch shape {
        case .nested:
            return .object([
                ("productId", .number(p.codeText)),
                ("description", .array(items.map { item in
                    .object([
                        ("criteria", .string(item.criteria)),
                        ("value", .string(item.value)),
                        ("measurement", item.measurement.map(JSON.string) ?? .null),
                    ])
                })),
            ])
        case .flat:
            return .array(items.map { item in
                .object([
                    ("criteria", .string(item.criteria)),
                    ("measurement", item.measurement.map(JSON.string) ?? .null),
                    ("comlexName", .string(item.measurement.map { item.criteria + " (" + $0 + ")" } ?? item.criteria)),
                    ("value", .string(item.value)),
                ])
            })
        }
    }

    private func criteria(_ p: Product, rng: inout SeededGenerator, lang: String?, withImage: Bool) -> [Criterion] {
        let spec: CategorySpec? = p.specIndex >= 0 && p.specIndex < CatalogData.categories.count
            ? CatalogData.categories[p.specIndex] : nil
        let ukrainian = ["UA", "UK", "UKR"].contains(lang?.uppercased() ?? "")
        let title = ukrainian && !p.uaName.isEmpty ? p.uaName : p.name

        // Specifications, read back from `fullDsc` ("Label value unit | ...").
        var specs: [Criterion] = []
        for part in p.fullDsc.split(separator: "|") {
            let text = Self.trimmed(part)
            if text.isEmpty { continue }
            var matched: Criterion?
            for line in (spec?.specs ?? []) + [SpecLine("Colour;;")] where text.hasPrefix(line.label + " ") {
                var value = Substring(text.dropFirst(line.label.count + 1))
                if let unit = line.unit, value.hasSuffix(" " + unit) { value = value.dropLast(unit.count + 1) }
                matched = Criterion(criteria: line.label, value: String(value), measurement: line.unit)
                break
            }
            specs.append(matched ?? Criterion(criteria: "Specification", value: text, measurement: nil))
        }

        var html = "<p><strong>" + Self.escapeHTML(title) + "</strong></p>"
        if !specs.isEmpty {
            html += "<ul>"
            for s in specs {
                html += "<li>" + Self.escapeHTML(s.criteria == "Specification" ? s.value : s.criteria + ": " + s.value)
                if let m = s.measurement { html += " " + Self.escapeHTML(m) }
                html += "</li>"
            }
            html += "</ul>"
        }
        let summary = p.fullDsc.isEmpty ? title : title + ". " + specs.map { s in
            (s.criteria == "Specification" ? s.value : s.criteria + " " + s.value)
                + (s.measurement.map { " " + $0 } ?? "")
        }.joined(separator: ", ")

        var model = p.manufacturerCode
        if let spec, let head = p.name.split(separator: "/").first, head.hasPrefix(spec.prefix + " ") {
            model = String(head.dropFirst(spec.prefix.count + 1))
        }
        let homepage = vendorHomepages[p.vendorCode]
            ?? "https://www." + p.vendorName.lowercased().filter { $0.isLetter || $0.isNumber } + ".com"

        var out: [Criterion] = [
            Criterion(criteria: "Description", value: html, measurement: nil),
            Criterion(criteria: "Summary", value: summary, measurement: nil),
            Criterion(criteria: "Vendor Homepage", value: homepage, measurement: nil),
            Criterion(criteria: "Model name", value: model, measurement: nil),
        ]
        out += specs

        if !p.isEsd {
            let box = spec?.boxCM ?? 10...40
            let grams = spec?.grams ?? 100...5_000
            let depth = max(1, rng.int(in: box))
            let width = max(1, depth * rng.int(in: 50...100) / 100)
            let height = max(1, depth * rng.int(in: 20...80) / 100)
            let net = max(1, rng.int(in: grams))
            let gross = net * rng.int(in: 105...130) / 100
            let boxWeight = gross + rng.int(in: 20...400)
            let dimensions = String(max(1, width * 10 - 15)) + " x " + String(max(1, depth * 10 - 15)) + " x "
                + String(max(1, height * 10 - 15))
            out += [
                Criterion(criteria: "Dimensions", value: dimensions, measurement: "mm"),
                Criterion(criteria: "Unit Net Weight", value: Self.decimal(net, scale: 3), measurement: "kg"),
                Criterion(criteria: "Unit Gross Weight", value: Self.decimal(gross, scale: 3), measurement: "kg"),
                Criterion(criteria: "Shipping Box Weight", value: Self.decimal(boxWeight, scale: 3), measurement: "kg"),
                Criterion(criteria: "Shipping Box Width", value: String(width), measurement: "cm"),
                Criterion(criteria: "Shipping Box Height", value: String(height), measurement: "cm"),
                Criterion(criteria: "Shipping Box Depth", value: String(depth), measurement: "cm"),
                Criterion(criteria: "Unit Brutto Volume", value: Self.decimal(width * height * depth, scale: 6),
                          measurement: "cubm"),
            ]
        }
        if withImage && !p.imageId.isEmpty {
            out.append(Criterion(criteria: "Image", value: Self.uaImageBase + p.imageId + Self.imageExtension,
                                 measurement: nil))
        }
        return out
    }

    /// `value / 10^scale` without trailing zeros: (4700, 3) → "4.7", (245, 3) → "0.245", (5000, 3) → "5".
    static func decimal(_ value: Int, scale: Int) -> String {
        var divisor = 1
        for _ in 0..<scale { divisor *= 10 }
        let whole = value / divisor
        var frac = value % divisor
        if frac == 0 { return String(whole) }
        var digits = scale
        while frac % 10 == 0 { frac /= 10; digits -= 1 }
        let fracText = String(frac)
        return String(whole) + "." + String(repeating: "0", count: max(0, digits - fracText.count)) + fracText
    }

    static func trimmed(_ s: Substring) -> String {
        var t = s
        while t.first == " " { t = t.dropFirst() }
        while t.last == " " { t = t.dropLast() }
        return String(t)
    }

    static func escapeHTML(_ s: String) -> String {
        guard s.contains(where: { $0 == "<" || $0 == ">" || $0 == "&" || $0 == "\"" }) else { return s }
        var out = ""
        for c in s {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
