import ElkoAPI

// Rendering of catalog data in ELKO's real shapes (ELKO-API.md, "Shapes"). Key order and value types
// follow the real responses: `quantity` is always a string, money is a number.

extension Catalog {
    static let apiImageBase = "https://static.elko.cloud/ProductImages/"
    static let apiThumbnailBase = "https://static.elko.cloud/ProductImages/Thumbnails/"
    static let uaImageBase = "https://static.elkogroup.com/ProductImages/"
    static let apiProductPage = "https://ecom.elkogroup.com/Catalog/Product/"
    static let uaProductPage = "https://kiev.elkogroup.com/Catalog/Product/"
    static let imageExtension = ".Jpeg"
    static let noDiscount: JSON = .object([("status", .bool(false)), ("price", .array([])), ("link", .null)])
    static let zero: JSON = .number("0")

    /// One product record. `stock` is the current quantity and `reserved` the partner's reserved
    /// quantity, both kept by the server.
    public func productJSON(_ p: Product, dialect: Dialect, stock: Int, reserved: Int) -> JSON {
        let quantity = JSON.string(p.stockStyle.render(stock))
        switch dialect {
        case .api:
            return .object([
                ("id", .number(p.idText)),
                ("elkoCode", .number(p.codeText)),
                ("name", .string(p.name)),
                ("manufacturerCode", .string(p.manufacturerCode)),
                ("vendorName", .string(p.vendorName)),
                ("vendorCode", .string(p.vendorCode)),
                ("catalog", .string(p.catalog)),
                ("catalogName", .string(p.catalogName)),
                ("quantity", quantity),
                ("price", .number(p.priceText)),
                ("discountPrice", .number(p.discountPriceText)),
                ("currency", .string(p.currency)),
                ("imagePath", .string(Self.apiImageBase + p.imageId + Self.imageExtension)),
                ("thumbnailImagePath", .string(Self.apiThumbnailBase + p.imageId + Self.imageExtension)),
                ("fullDsc", .string(p.fullDsc)),
                ("httpDescription", .string(Self.apiProductPage + p.codeText)),
                ("packagingQuantity", .int(p.packagingQuantity)),
                ("warranty", .string(Self.englishWarranty(p.warrantyMonths))),
                ("eanCode", .string(p.ean)),
                ("obligatoryKit", Self.zero),
                ("reservedQuantity", .int(reserved)),
                ("promDate", Self.zero),
                ("promQuant", Self.zero),
                ("quantityForPrice2", .string("")),
                ("price2", .number("0.0")),
                ("lotNumber", .string("")),
                ("copyrightTax", .number(p.copyrightTaxText)),
                ("incomingQuantity", .int(p.incomingQuantity)),
            ])
        case .ua:
            if let raw = p.raw, case .object(var members) = raw {
                var sawQuantity = false, sawReserved = false
                for i in members.indices {
                    switch members[i].0 {
                    case "quantity" where !sawQuantity:
                        members[i].1 = quantity
                        sawQuantity = true
                    case "reservedQuantity" where !sawReserved:
                        members[i].1 = .int(reserved)
                        sawReserved = true
                    default: break
                    }
                }
                return .object(members)
            }
            return .object([
                ("id", .number(p.codeText)),
                ("name", .string(p.name)),
                ("manufacturerCode", .string(p.manufacturerCode)),
                ("vendorName", .string(p.vendorName)),
                ("vendorCode", .string(p.vendorCode)),
                ("catalog", .string(p.catalog)),
                ("quantity", quantity),
                ("price", .number(p.priceText)),
                ("discountPrice", .number(p.discountPriceText)),
                ("fullDsc", .string(p.fullDsc)),
                ("altDsc", .string("")),
                ("detailedDescription", .string("")),
                ("currency", .string(p.currency)),
                ("httpDescription", .string(Self.uaProductPage + p.codeText)),
                ("packagingQuantity", .int(p.packagingQuantity)),
                ("warranty", .string(Self.russianWarranty(p.warrantyMonths))),
                ("eanCode", .string(p.ean)),
                ("reservedQuantity", .int(reserved)),
                ("reservedQuantityFromBasket", Self.zero),
                ("transitQuantity", .string(String(p.incomingQuantity))),
                ("rrp", .number(p.rrpText)),
                ("rrPcontrol", .string(p.rrp > 0 && p.elkoCode % 4 == 0 ? "Y" : "N")),
                ("searchText", .string(p.manufacturerCode)),
                ("prP4", .string(Self.prp4(p))),
                ("code_UKTZED", p.uktzed.map(JSON.string) ?? .null),
                ("uAproductName", .string(p.uaName)),
                ("pictureUrl", .string(Self.uaImageBase + p.imageId + Self.imageExtension)),
                ("discount", Self.noDiscount),
            ])
        }
    }

    /// `{"id": code, "mediaFiles": [{"link", "sequence"}]}`: 1-4 images, the first the main one.
    public func mediaJSON(_ p: Product) -> JSON {
        var rng = SeededGenerator(seed: seed, stream: CatalogGenerator.mediaStream, item: p.elkoCode)
        let count = 1 + rng.below(4)
        var files: [JSON] = []
        files.reserveCapacity(count)
        for i in 0..<count {
            let id = i == 0 && !p.imageId.isEmpty ? p.imageId : rng.uuid()
            files.append(.object([
                ("link", .string(Self.apiImageBase + id + Self.imageExtension)),
                ("sequence", .int(i + 1)),
            ]))
        }
        return .object([("id", .number(p.codeText)), ("mediaFiles", .array(files))])
    }

    /// One `AvailabilityAndPrice/{type}` item. `incoming` is present for the `*Incoming*` types and
    /// `prices` for the `*Price` types (type names compared case-insensitively).
    public func availabilityJSON(_ p: Product, type: String, stock: Int) -> JSON {
        let lower = type.lowercased()
        var members: [(String, JSON)] = [
            ("productId", .number(p.codeText)),
            ("stockQuantity", .string(p.stockStyle.render(stock))),
        ]
        if lower.contains("incoming") {
            members.append(("incoming", .object([
                ("quantity", .int(p.incomingQuantity)),
                ("expectedDate", p.incomingDate.isEmpty ? .null : .string(p.incomingDate)),
            ])))
        }
        if lower.hasSuffix("price") {
            members.append(("prices", .object([
                ("currency", .string(p.currency)),
                ("price", .number(p.priceText)),
                ("discountPrice", .number(p.discountPriceText)),
                ("copyrightTax", .number(p.copyrightTaxText)),
            ])))
        }
        return .object(members)
    }

    /// "api": `[{"name","code"}]`; UA `CategoryList`: each item also carries `translation.ua`.
    public func categoriesJSON(dialect: Dialect) -> JSON {
        .array(categories.map { c in
            switch dialect {
            case .api:
                .object([("name", .string(c.name)), ("code", .string(c.code))])
            case .ua:
                .object([
                    ("name", .string(c.name)), ("code", .string(c.code)),
                    ("translation", .object([("ua", .string(c.uaName))])),
                ])
            }
        })
    }

    /// Groups (code `""`) holding the categories (3-letter codes), children under `childs`.
    public func categoryTreeJSON() -> JSON {
        .array(treeGroups.map { group in
            .object([
                ("parentId", Self.zero),
                ("id", .int(group.id)),
                ("name", .string(group.name)),
                ("code", .string("")),
                ("childs", .array(group.members.map { member in
                    let c = categories[member.category]
                    return .object([
                        ("parentId", .int(group.id)),
                        ("id", .int(member.id)),
                        ("name", .string(c.name)),
                        ("code", .string(c.code)),
                        ("childs", .array([])),
                    ])
                })),
            ])
        })
    }

    /// `[{"name","code"}]`.
    public func vendorsJSON() -> JSON {
        .array(vendors.map { .object([("name", .string($0.name)), ("code", .string($0.code))]) })
    }

    // MARK: Helpers

    static func prp4(_ p: Product) -> String {
        guard p.specIndex >= 0, p.specIndex < CatalogData.categories.count else { return "OTH" }
        let group = CatalogData.categories[p.specIndex].group
        return group < CatalogData.groups.count ? CatalogData.groups[group].prp4 : "OTH"
    }

    static func englishWarranty(_ months: Int) -> String {
        months == 1 ? "1 month" : String(months) + " months"
    }

    /// `"12 месяцев"`, `"24 месяца"`, `"1 месяц"`, as ELKO's UA records write it.
    static func russianWarranty(_ months: Int) -> String {
        let lastTwo = months % 100, last = months % 10
        let word: String
        if (11...14).contains(lastTwo) {
            word = "месяцев"
        } else if last == 1 {
            word = "месяц"
        } else if (2...4).contains(last) {
            word = "месяца"
        } else {
            word = "месяцев"
        }
        return String(months) + " " + word
    }
}
