import ElkoAPI

/// The sandbox's product catalog: generated from a seed in ELKO's real shapes, or a real UA-dialect
/// dump served as it is. Immutable; the server keeps current stock and reservations itself and passes
/// them in when rendering.
public final class Catalog: Sendable {
    /// How `descriptionJSON` shapes a description: nested (current "api" dialect) or flat (older, UA).
    public enum DescriptionShape: String, Sendable {
        case nested, flat
    }

    /// Non-ESD products, sorted by `elkoCode`.
    public let products: [Product]
    /// Electronic software delivery products, sorted by `elkoCode` (none in fixture mode).
    public let esdProducts: [Product]
    public let categories: [Category]
    public let vendors: [Vendor]
    /// The seed descriptions and media are derived from.
    public let seed: UInt64
    /// True when the catalog is a real dump (`CatalogOptions.fixturePath`).
    public let isFixture: Bool

    let vendorHomepages: [String: String]
    /// Category tree ids, parallel to `categories`, and the groups in tree order.
    let treeGroups: [(id: Int, name: String, members: [(id: Int, category: Int)])]

    public init(_ options: CatalogOptions) throws(CatalogError) {
        seed = options.seed
        var homepages: [String: String] = [:]
        for v in CatalogData.vendors where homepages[v.code] == nil { homepages[v.code] = v.homepage }
        vendorHomepages = homepages

        if let path = options.fixturePath {
            let loaded = try FixtureLoader.load(path: path)
            isFixture = true
            products = loaded.products
            esdProducts = []
            categories = loaded.categories
            vendors = loaded.vendors
        } else {
            try options.validate()
            isFixture = false
            let generated = CatalogGenerator(seed: options.seed)
                .generate(products: options.products, esd: options.esdProducts)
            products = generated.products
            esdProducts = generated.esd
            categories = CatalogData.categories.map {
                Category(code: $0.code, name: $0.name, uaName: $0.uaName,
                         groupName: CatalogData.groups[$0.group].name)
            }.sorted { $0.code < $1.code }
            var seen = Set<String>()
            vendors = CatalogData.vendors.filter { seen.insert($0.code).inserted }
                .map { Vendor(code: $0.code, name: $0.name) }
                .sorted { $0.name < $1.name }
        }
        treeGroups = Self.makeTree(categories)
    }

    /// The product with this code, ESD ones included (binary search; codes are sorted).
    public func product(elkoCode: Int) -> Product? {
        Self.find(elkoCode, in: products) ?? Self.find(elkoCode, in: esdProducts)
    }

    private static func find(_ code: Int, in list: [Product]) -> Product? {
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let c = list[mid].elkoCode
            if c == code { return list[mid] }
            if c < code { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }

    /// Groups in order of first appearance of their name; ids deterministic from positions.
    private static func makeTree(_ categories: [Category])
        -> [(id: Int, name: String, members: [(id: Int, category: Int)])]
    {
        var groupOrder: [String] = []
        var groupIndex: [String: Int] = [:]
        for name in CatalogData.groups.map(\.name) + categories.map(\.groupName) where groupIndex[name] == nil {
            groupIndex[name] = groupOrder.count
            groupOrder.append(name)
        }
        var members = Array(repeating: [(id: Int, category: Int)](), count: groupOrder.count)
        for (i, c) in categories.enumerated() {
            guard let g = groupIndex[c.groupName] else { continue }
            members[g].append((id: 5_011 + 13 * i, category: i))
        }
        var tree: [(id: Int, name: String, members: [(id: Int, category: Int)])] = []
        for (g, name) in groupOrder.enumerated() where !members[g].isEmpty {
            tree.append((id: 4_028 + 17 * g, name: name, members: members[g]))
        }
        return tree
    }
}
