// The static tables the generator draws from: vendors, category groups and categories, with the
// patterns that make names, manufacturer codes and specifications look like ELKO's.

/// One vendor of the generated catalog.
struct VendorSpec: Sendable {
    let code: String
    let name: String
    let homepage: String
}

/// A group of categories (a node of the category tree with an empty code).
struct GroupSpec: Sendable {
    let name: String
    /// ELKO's product-group code sent as UA `prP4`.
    let prp4: String
}

/// One specification line: `"Label;unit;value1,value2"` (unit empty when none; values are patterns).
struct SpecLine: Sendable {
    let label: String
    let unit: String?
    let values: [String]

    init(_ text: String) {
        let parts = text.split(separator: ";", maxSplits: 2, omittingEmptySubsequences: false)
        label = parts.count > 0 ? String(parts[0]) : text
        unit = parts.count > 1 && !parts[1].isEmpty ? String(parts[1]) : nil
        values = parts.count > 2 ? parts[2].split(separator: ",").map(String.init) : [""]
    }
}

/// One category of the generated catalog and how its products look.
struct CategorySpec: Sendable {
    let code: String
    let name: String
    let uaName: String
    /// Index into `CatalogData.groups`.
    let group: Int
    /// English name prefix (`CPU`, `MB`, `NET SWITCH`).
    let prefix: String
    /// Ukrainian noun that starts `uAproductName`.
    let uaNoun: String
    /// Vendor codes that sell in this category.
    let vendors: [String]
    /// Model patterns; `"IN|..."` restricts a pattern to one vendor.
    let models: [String]
    /// Words added to the name, one drawn from each list.
    let attributes: [[String]]
    /// Manufacturer code patterns; `"IN|..."` restricts a pattern to one vendor.
    let mpn: [String]
    let specs: [SpecLine]
    /// Price range in US cents.
    let cents: ClosedRange<Int>
    /// Net weight range in grams.
    let grams: ClosedRange<Int>
    /// Longest side of the shipping box in centimetres.
    let boxCM: ClosedRange<Int>
    /// Relative share of the assortment.
    let share: Int
    let uktzed: String
    let warranty: [Int]
    let packaging: [Int]

    init(
        _ code: String, _ name: String, ua: String, group: Int, prefix: String, uaNoun: String,
        vendors: [String], models: [String], attributes: [[String]] = [], mpn: [String], specs: [String],
        cents: ClosedRange<Int>, grams: ClosedRange<Int>, box: ClosedRange<Int>, share: Int,
        uktzed: String, warranty: [Int] = [12, 24, 36], packaging: [Int] = [1]
    ) {
        self.code = code
        self.name = name
        self.uaName = ua
        self.group = group
        self.prefix = prefix
        self.uaNoun = uaNoun
        self.vendors = vendors
        self.models = models
        self.attributes = attributes
        self.mpn = mpn
        self.specs = specs.map(SpecLine.init)
        self.cents = cents
        self.grams = grams
        self.boxCM = box
        self.share = share
        self.uktzed = uktzed
        self.warranty = warranty
        self.packaging = packaging
    }
}

enum CatalogData {
    static let vendors: [VendorSpec] = [
        VendorSpec(code: "IN", name: "INTEL", homepage: "https://www.intel.com"),
        VendorSpec(code: "AM", name: "AMD", homepage: "https://www.amd.com"),
        VendorSpec(code: "AS", name: "ASUS", homepage: "https://www.asus.com"),
        VendorSpec(code: "GB", name: "GIGABYTE", homepage: "https://www.gigabyte.com"),
        VendorSpec(code: "MS", name: "MSI", homepage: "https://www.msi.com"),
        VendorSpec(code: "AR", name: "ASROCK", homepage: "https://www.asrock.com"),
        VendorSpec(code: "KN", name: "KINGSTON", homepage: "https://www.kingston.com"),
        VendorSpec(code: "SA", name: "SAMSUNG", homepage: "https://www.samsung.com"),
        VendorSpec(code: "SG", name: "SEAGATE", homepage: "https://www.seagate.com"),
        VendorSpec(code: "WD", name: "WESTERN DIGITAL", homepage: "https://www.westerndigital.com"),
        VendorSpec(code: "TO", name: "TOSHIBA", homepage: "https://www.toshiba.com"),
        VendorSpec(code: "CR", name: "CRUCIAL", homepage: "https://www.crucial.com"),
        VendorSpec(code: "CO", name: "CORSAIR", homepage: "https://www.corsair.com"),
        VendorSpec(code: "GR", name: "GOODRAM", homepage: "https://goodram.com"),
        VendorSpec(code: "AD", name: "ADATA", homepage: "https://www.adata.com"),
        VendorSpec(code: "HP", name: "HP", homepage: "https://www.hp.com"),
        VendorSpec(code: "HE", name: "HPE", homepage: "https://www.hpe.com"),
        VendorSpec(code: "LE", name: "LENOVO", homepage: "https://www.lenovo.com"),
        VendorSpec(code: "DE", name: "DELL", homepage: "https://www.dell.com"),
        VendorSpec(code: "AC", name: "ACER", homepage: "https://www.acer.com"),
        VendorSpec(code: "AP", name: "APPLE", homepage: "https://www.apple.com"),
        VendorSpec(code: "LG", name: "LG", homepage: "https://www.lg.com"),
        VendorSpec(code: "PH", name: "PHILIPS", homepage: "https://www.philips.com"),
        VendorSpec(code: "BQ", name: "BENQ", homepage: "https://www.benq.eu"),
        VendorSpec(code: "AO", name: "AOC", homepage: "https://www.aoc.com"),
        VendorSpec(code: "II", name: "IIYAMA", homepage: "https://iiyama.com"),
        VendorSpec(code: "CA", name: "CANON", homepage: "https://www.canon.com"),
        VendorSpec(code: "EP", name: "EPSON", homepage: "https://www.epson.eu"),
        VendorSpec(code: "BR", name: "BROTHER", homepage: "https://www.brother.eu"),
        VendorSpec(code: "XE", name: "XEROX", homepage: "https://www.xerox.com"),
        VendorSpec(code: "KY", name: "KYOCERA", homepage: "https://www.kyoceradocumentsolutions.eu"),
        VendorSpec(code: "LO", name: "LOGITECH", homepage: "https://www.logitech.com"),
        VendorSpec(code: "GE", name: "GENIUS", homepage: "https://www.geniusnet.com"),
        VendorSpec(code: "A4", name: "A4TECH", homepage: "https://www.a4tech.com"),
        VendorSpec(code: "MC", name: "MICROSOFT", homepage: "https://www.microsoft.com"),
        VendorSpec(code: "TP", name: "TP-LINK", homepage: "https://www.tp-link.com"),
        VendorSpec(code: "DL", name: "D-LINK", homepage: "https://www.dlink.com"),
        VendorSpec(code: "MT", name: "MIKROTIK", homepage: "https://mikrotik.com"),
        VendorSpec(code: "U1", name: "UBIQUITI", homepage: "https://www.ui.com"),
        VendorSpec(code: "CI", name: "CISCO", homepage: "https://www.cisco.com"),
        VendorSpec(code: "NG", name: "NETGEAR", homepage: "https://www.netgear.com"),
        VendorSpec(code: "ZY", name: "ZYXEL", homepage: "https://www.zyxel.com"),
        VendorSpec(code: "A1", name: "APC", homepage: "https://www.apc.com"),
        VendorSpec(code: "EA", name: "EATON", homepage: "https://www.eaton.com"),
        VendorSpec(code: "SY", name: "SYNOLOGY", homepage: "https://www.synology.com"),
        VendorSpec(code: "QN", name: "QNAP", homepage: "https://www.qnap.com"),
        VendorSpec(code: "PA", name: "PALIT", homepage: "https://www.palit.com"),
        VendorSpec(code: "ZO", name: "ZOTAC", homepage: "https://www.zotac.com"),
        VendorSpec(code: "SP", name: "SAPPHIRE", homepage: "https://www.sapphiretech.com"),
        VendorSpec(code: "BE", name: "BE QUIET!", homepage: "https://www.bequiet.com"),
        VendorSpec(code: "CH", name: "CHIEFTEC", homepage: "https://www.chieftec.eu"),
        VendorSpec(code: "DC", name: "DEEPCOOL", homepage: "https://www.deepcool.com"),
        VendorSpec(code: "NO", name: "NOCTUA", homepage: "https://noctua.at"),
        VendorSpec(code: "AT", name: "ARCTIC", homepage: "https://www.arctic.de"),
        VendorSpec(code: "SO", name: "SONY", homepage: "https://www.sony.com"),
        VendorSpec(code: "JB", name: "JBL", homepage: "https://www.jbl.com"),
        VendorSpec(code: "HK", name: "HIKVISION", homepage: "https://www.hikvision.com"),
        VendorSpec(code: "AX", name: "AXIS", homepage: "https://www.axis.com"),
        VendorSpec(code: "B6", name: "BOSCH", homepage: "https://www.boschsecurity.com"),
        VendorSpec(code: "SM", name: "SUPERMICRO", homepage: "https://www.supermicro.com"),
        VendorSpec(code: "KA", name: "KASPERSKY", homepage: "https://www.kaspersky.com"),
        VendorSpec(code: "ES", name: "ESET", homepage: "https://www.eset.com"),
        VendorSpec(code: "AB", name: "ADOBE", homepage: "https://www.adobe.com"),
        VendorSpec(code: "XI", name: "XIAOMI", homepage: "https://www.mi.com"),
        VendorSpec(code: "TR", name: "TRANSCEND", homepage: "https://www.transcend-info.com"),
        VendorSpec(code: "GM", name: "GEMBIRD", homepage: "https://gembird.com"),
        VendorSpec(code: "2E", name: "2E", homepage: "https://2e.ua"),
        VendorSpec(code: "VS", name: "VIEWSONIC", homepage: "https://www.viewsonic.com"),
    ]

    static let groups: [GroupSpec] = [
        GroupSpec(name: "Components", prp4: "CMP"),
        GroupSpec(name: "Computers", prp4: "CMS"),
        GroupSpec(name: "Displays", prp4: "DSP"),
        GroupSpec(name: "Peripherals", prp4: "PER"),
        GroupSpec(name: "Printing", prp4: "PRT"),
        GroupSpec(name: "Networking", prp4: "NET"),
        GroupSpec(name: "Servers and storage", prp4: "SEC"),
        GroupSpec(name: "Power", prp4: "PWR"),
        GroupSpec(name: "Audio, video and security", prp4: "VSU"),
        GroupSpec(name: "Software", prp4: "SFT"),
    ]

    /// Specifications every description has: sizes and weights are made per product.
    static let colours = ["Black", "White", "Silver", "Grey", "Dark Grey", "Blue"]

    static let categories: [CategorySpec] = [
        // MARK: Components
        CategorySpec(
            "CPU", "Processors", ua: "Процесори", group: 0, prefix: "CPU", uaNoun: "Процесор",
            vendors: ["IN", "AM"],
            models: ["IN|CORE I?-1#?00", "IN|CORE I?-1#?00F", "IN|CORE I?-1#?00K", "IN|CORE ULTRA ? 2#?K",
                     "IN|XEON E-2#?#", "IN|PENTIUM G7#00", "AM|RYZEN ? ?600X", "AM|RYZEN ? ?700", "AM|RYZEN ? ?500G",
                     "AM|EPYC 9#?4"],
            attributes: [["S1700", "S1851", "AM5", "AM4", "SP5"], ["BOX", "TRAY", "MPK"]],
            mpn: ["IN|BX807151#?00F", "IN|CM80715#?#00", "IN|BX80768#?5K", "AM|100-100000###BOX", "AM|100-000000###"],
            specs: ["Cores;;4,6,8,12,16,24", "Threads;;8,12,16,24,32", "Base clock;GHz;2.5,3.0,3.4,3.7,4.2",
                    "Max turbo;GHz;4.4,4.8,5.2,5.6", "Cache;MB;12,18,24,32,36", "TDP;W;35,65,105,125,170"],
            cents: 4_900...149_900, grams: 80...500, box: 10...14, share: 30, uktzed: "8542310010"),
        CategorySpec(
            "MBD", "Motherboards", ua: "Материнські плати", group: 0, prefix: "MB", uaNoun: "Материнська плата",
            vendors: ["AS", "GB", "MS", "AR"],
            models: ["AS|PRIME B?60M-A", "AS|TUF GAMING Z?90-PLUS", "GB|B?50 GAMING X", "GB|X?70 AORUS ELITE",
                     "MS|PRO B?60M-E", "AR|H?10M-HDV", "AS|ROG STRIX B?50-F", "MS|MAG B?50 TOMAHAWK"],
            attributes: [["S1700", "S1851", "AM5", "AM4"], ["B760", "Z790", "B650", "X670", "H610"],
                         ["MATX", "ATX", "MITX"], ["DDR5", "DDR4"]],
            mpn: ["AS|90MB1##0-M0EAY0", "GB|B?50M DS3H", "MS|7E##-00#R", "AR|90-MXB##0-A0UAYZ"],
            specs: ["Form factor;;ATX,Micro-ATX,Mini-ITX", "Memory slots;;2,4", "Max memory;GB;64,128,192",
                    "M.2 slots;;1,2,3,4", "SATA ports;;4,6"],
            cents: 6_900...69_900, grams: 600...1_800, box: 28...36, share: 40, uktzed: "8473302000"),
        CategorySpec(
            "RAM", "Memory modules", ua: "Модулі пам'яті", group: 0, prefix: "MEMORY DIMM", uaNoun: "Модуль пам'яті",
            vendors: ["KN", "CR", "CO", "GR", "AD", "SA"],
            models: ["8GB PC5-4800", "16GB PC5-5600", "32GB PC4-25600", "32GB PC5-6000", "8GB PC4-21300", "64GB PC5-5600"],
            attributes: [["DDR5", "DDR4"], ["CL40", "CL46", "CL36", "CL16"], ["KIT2", "SINGLE"]],
            mpn: ["KN|KF5##C40BB-#", "CR|CT#G48C40U5", "CO|CMK##GX5M2B5600C36", "GR|GR##00D464L22S/#G",
                  "AD|AX5U5600C#6#G-CS", "SA|M3#1A4K43DB1-CWE"],
            specs: ["Capacity;GB;8,16,32,64", "Speed;MHz;2666,3200,4800,5600,6000", "Voltage;V;1.1,1.2,1.35",
                    "Heatsink;;Yes,No"],
            cents: 1_500...39_900, grams: 15...90, box: 14...16, share: 45, uktzed: "8473302000"),
        CategorySpec(
            "HDD", "Hard disk drives", ua: "Жорсткі диски", group: 0, prefix: "HDD", uaNoun: "Жорсткий диск",
            vendors: ["SG", "WD", "TO"],
            models: ["2TB SATA 3.5\"", "4TB SATA 3.5\"", "8TB SATA 3.5\"", "12TB SAS 3.5\"", "16TB SATA 3.5\"",
                     "1TB SATA 2.5\"", "2TB SATA 2.5\"", "20TB SAS 3.5\""],
            attributes: [["7200RPM", "5400RPM", "5900RPM"], ["256MB", "128MB", "512MB"]],
            mpn: ["SG|ST#000DM00#", "WD|WD#0EFPX", "TO|HDWD1##UZSVA", "SG|ST##000NM00#G", "WD|WD##1FBYZ", "TO|MG0#ACA##TE"],
            specs: ["Capacity;TB;1,2,4,8,12,16,20", "Interface;;SATA III,SAS 12Gb/s", "Spindle speed;rpm;5400,5900,7200",
                    "Cache;MB;64,128,256,512"],
            cents: 3_900...49_900, grams: 110...720, box: 14...20, share: 30, uktzed: "8471705000"),
        CategorySpec(
            "SSD", "Solid state drives", ua: "SSD накопичувачі", group: 0, prefix: "SSD", uaNoun: "Накопичувач SSD",
            vendors: ["SA", "KN", "CR", "WD", "AD", "GR", "TR"],
            models: ["1TB M.2 PCIE NVME", "2TB M.2 PCIE NVME", "500GB M.2 PCIE NVME", "250GB M.2 PCIE NVME",
                     "480GB SATA 2.5\"", "960GB SATA 2.5\"", "4TB M.2 PCIE 5.0"],
            attributes: [["MLC", "TLC", "QLC", "3D NAND"]],
            mpn: ["SA|MZ-V9P#T0BW", "KN|SNV3S/###G", "CR|CT#000P3PSSD8", "WD|WDS###G3X0E", "GR|SSDPR-CX400-###-G2",
                  "AD|SLEG-960-###GCS", "TR|TS###GMTE2#0S"],
            specs: ["Capacity;GB;240,480,500,960,1000,2000,4000", "Read speed;MB/s;550,3500,5000,7450",
                    "Write speed;MB/s;520,3000,4800,6900", "TBW;TB;300,600,1200,2400"],
            cents: 2_500...59_900, grams: 8...70, box: 12...16, share: 45, uktzed: "8523511000"),
        CategorySpec(
            "VGA", "Graphics cards", ua: "Відеокарти", group: 0, prefix: "VGA PCIE16", uaNoun: "Відеокарта",
            vendors: ["AS", "GB", "MS", "PA", "ZO", "SP"],
            models: ["RTX4060 8GB", "RTX4070 SUPER 12GB", "RTX5070 12GB", "SP|RX7600 8GB", "SP|RX7800XT 16GB", "RTX5090 32GB"],
            attributes: [["GDDR6", "GDDR6X", "GDDR7"]],
            mpn: ["AS|DUAL-RTX4060-O8G", "GB|GV-N407SWF3OC-12GD", "PA|NE6406001#P1-1070D", "SP|11324-0#-20G",
                  "MS|V5##-0##R", "ZO|ZT-D40600H-10M"],
            specs: ["Memory;GB;8,12,16,24,32", "Memory bus;bit;128,192,256,384", "Boost clock;MHz;2460,2535,2610",
                    "Recommended PSU;W;550,650,750,850,1000"],
            cents: 19_900...249_900, grams: 600...2_200, box: 30...40, share: 25, uktzed: "8473302000"),
        CategorySpec(
            "PSU", "Power supplies", ua: "Блоки живлення", group: 0, prefix: "POWER SUPPLY", uaNoun: "Блок живлення",
            vendors: ["BE", "CH", "CO", "DC", "GB", "2E"],
            models: ["ATX ?50W", "ATX 1?00W", "SFX ?50W"],
            attributes: [["80+ BRONZE", "80+ GOLD", "80+ PLATINUM"], ["MODULAR", "SEMI-MODULAR", "NON-MODULAR"]],
            mpn: ["BE|BN3##", "CH|GPX-?50FC", "CO|CP-90202##-EU", "DC|R-PF?50D-HA0B-EU", "GB|GP-P?50GM",
                  "2E|2E-EP?50GM-140"],
            specs: ["Power;W;450,550,650,750,850,1000,1200", "Efficiency;;80+ Bronze,80+ Gold,80+ Platinum",
                    "Fan size;mm;120,135,140"],
            cents: 2_900...29_900, grams: 1_200...2_800, box: 18...26, share: 20, uktzed: "8504403090"),
        CategorySpec(
            "CAS", "Computer cases", ua: "Корпуси", group: 0, prefix: "CASE", uaNoun: "Корпус",
            vendors: ["BE", "CH", "CO", "DC", "2E", "GM"],
            models: ["MIDITOWER", "MINITOWER", "FULLTOWER"],
            attributes: [["ATX", "MATX", "EATX"], ["BLACK", "WHITE"], ["W/O PSU", "500W"]],
            mpn: ["BE|BGW##", "CH|CS-##B", "CO|CC-9011##-WW", "DC|R-CC##-BKGAA4-G-#", "2E|2E-GB##", "GM|CCC-FC-##"],
            specs: ["Form factor;;ATX,Micro-ATX,E-ATX", "Fans included;;1,2,3,4", "Drive bays;;2,4,6",
                    "Colour;;Black,White"],
            cents: 2_900...24_900, grams: 3_500...12_000, box: 45...60, share: 20, uktzed: "8473302000"),
        CategorySpec(
            "COO", "Coolers", ua: "Системи охолодження", group: 0, prefix: "CPU COOLER", uaNoun: "Кулер процесорний",
            vendors: ["NO", "AT", "DC", "BE", "CO"],
            models: ["S1700/AM5", "MULTI SOCKET", "LIQUID 2#0MM", "LIQUID 3#0MM"],
            attributes: [["TDP 150W", "TDP 220W", "TDP 250W"], ["ARGB", "BLACK"]],
            mpn: ["NO|NH-D15 CHROMAX.BLACK", "NO|NH-U12S REDUX", "AT|ACFRE00###A", "DC|R-AK620-BKNNMT-G-#", "BE|BK0##",
                  "CO|CW-90600##-WW"],
            specs: ["Fan size;mm;92,120,140", "Noise level;dB;22,25,28,31", "Max TDP;W;150,220,250"],
            cents: 1_500...17_900, grams: 300...1_500, box: 14...30, share: 15, uktzed: "8414591500"),
        CategorySpec(
            "ODD", "Optical drives", ua: "Оптичні приводи", group: 0, prefix: "DVD WRITER", uaNoun: "Оптичний привід",
            vendors: ["AS", "LG"],
            models: ["EXT USB", "INT SATA"],
            attributes: [["BLACK", "SILVER"]],
            mpn: ["AS|SDRW-08D2S-U", "LG|GP57EB40", "AS|DRW-24D5MT"],
            specs: ["Interface;;USB 2.0,SATA", "Write speed;x;8,24"],
            cents: 1_900...5_900, grams: 200...700, box: 16...24, share: 3, uktzed: "8471705000"),
        // MARK: Computers
        CategorySpec(
            "NBK", "Notebooks", ua: "Ноутбуки", group: 1, prefix: "NOTEBOOK", uaNoun: "Ноутбук",
            vendors: ["HP", "LE", "DE", "AC", "AS", "AP", "MS"],
            models: ["LE|THINKPAD E1#", "LE|IDEAPAD SLIM 5", "HP|PROBOOK 4#0 G1#", "HP|250 G10", "DE|LATITUDE 5#40",
                     "AC|ASPIRE 5", "AS|VIVOBOOK 15", "AP|MACBOOK AIR 13\"", "AP|MACBOOK PRO 14\"", "MS|MODERN 15"],
            attributes: [["13.3\"", "14\"", "15.6\"", "16\""], ["I5-1335U", "I7-1355U", "R5-7530U", "ULTRA 5 125U", "M3"],
                         ["8GB", "16GB", "32GB"], ["512GB", "1TB"], ["W11P", "NOOS", "W11H"]],
            mpn: ["LE|21JK00##PB", "HP|#@@#?EA", "DE|N0##L5#40EMEA", "AC|NX.K##EL.00#", "AS|90NB1##1-M00##0",
                  "AP|MRXN3RU/A", "MS|9S7-15H###-###"],
            specs: ["Screen size;inch;13.3,14,15.6,16", "RAM;GB;8,16,32", "Storage;GB;256,512,1024",
                    "Battery;Wh;42,56,70", "Operating system;;Windows 11 Pro,Windows 11 Home,No OS"],
            cents: 39_900...299_900, grams: 1_200...2_600, box: 40...50, share: 40, uktzed: "8471300000"),
        CategorySpec(
            "DTP", "Desktops", ua: "Комп'ютери", group: 1, prefix: "PC", uaNoun: "Комп'ютер",
            vendors: ["HP", "LE", "DE", "AC", "2E"],
            models: ["HP|PRODESK 400 G9 SFF", "LE|THINKCENTRE M70S", "DE|OPTIPLEX 7010 MT", "AC|VERITON X", "2E|RAPTOR"],
            attributes: [["I3-13100", "I5-13500", "I7-13700"], ["8GB", "16GB"], ["256GB", "512GB"], ["W11P", "NOOS"]],
            mpn: ["HP|6U4##EA", "LE|12DT00##PB", "DE|N0##O7010MT", "AC|DT.VY#ME.00#", "2E|2E-##0#"],
            specs: ["Form factor;;SFF,Tower,Mini", "RAM;GB;8,16,32", "Storage;GB;256,512,1024"],
            cents: 39_900...199_900, grams: 3_500...9_000, box: 40...55, share: 15, uktzed: "8471410000"),
        CategorySpec(
            "TAB", "Tablets", ua: "Планшети", group: 1, prefix: "TABLET", uaNoun: "Планшет",
            vendors: ["SA", "LE", "AP", "XI"],
            models: ["SA|GALAXY TAB A9+ 11\"", "LE|TAB M1# 10.1\"", "AP|IPAD 10.9\"", "XI|PAD 6 11\""],
            attributes: [["64GB", "128GB", "256GB"], ["WIFI", "LTE", "5G"], ["GRAY", "SILVER", "BLUE"]],
            mpn: ["SA|SM-X##0NZAAEUC", "LE|ZACH00##UA", "AP|MPQ03RK/A", "XI|VHU4##EU"],
            specs: ["Screen size;inch;8.7,10.1,10.9,11", "Storage;GB;64,128,256", "Battery;mAh;5100,7040,8720"],
            cents: 12_900...119_900, grams: 300...700, box: 20...30, share: 12, uktzed: "8471300000"),
        CategorySpec(
            "SRV", "Servers", ua: "Сервери", group: 6, prefix: "SERVER", uaNoun: "Сервер",
            vendors: ["HE", "DE", "LE", "SM"],
            models: ["HE|PROLIANT DL3#0 GEN11", "DE|POWEREDGE R#60", "LE|THINKSYSTEM SR6#0 V3", "SM|SUPERSERVER #1#P"],
            attributes: [["1U", "2U", "TOWER"], ["XEON-S 4410Y", "XEON-G 5416S", "EPYC 9124"], ["32GB", "64GB"]],
            mpn: ["HE|P5##81-421", "DE|PER#60CM1", "LE|7D76A0##EA", "SM|SYS-#1#P-WTR"],
            specs: ["Form factor;;1U rack,2U rack,Tower", "Processors;;1,2", "Memory slots;;16,24,32",
                    "Drive bays;;4,8,12"],
            cents: 199_900...1_299_900, grams: 12_000...30_000, box: 70...95, share: 8, uktzed: "8471410000",
            warranty: [36, 60]),
        // MARK: Displays
        CategorySpec(
            "MON", "Monitors", ua: "Монітори", group: 2, prefix: "LCD MONITOR", uaNoun: "Монітор",
            vendors: ["DE", "LG", "PH", "BQ", "AO", "II", "SA", "AS", "VS"],
            models: ["2#\" IPS", "27\" IPS", "32\" VA", "34\" CURVED", "24\" IPS"],
            attributes: [["1920X1080", "2560X1440", "3840X2160"], ["75HZ", "100HZ", "144HZ", "165HZ"],
                         ["HDMI/DP", "HDMI/DP/USB-C"]],
            mpn: ["DE|P2#25H", "LG|27GR75Q-B", "PH|2#1V8LAB/00", "BQ|9H.LLSLJ.LBE", "AO|24G2SAE/BK", "II|XUB2#93HSU-B5",
                  "SA|LS2#C3#0EAUXEN", "AS|90LM0##0-B0#170", "VS|VA2#32-H"],
            specs: ["Screen size;inch;23.8,27,31.5,34", "Refresh rate;Hz;60,75,100,144,165",
                    "Response time;ms;1,4,5", "Brightness;cd/m2;250,300,350,400"],
            cents: 8_900...129_900, grams: 2_800...9_500, box: 55...90, share: 30, uktzed: "8528520000"),
        CategorySpec(
            "PRJ", "Projectors", ua: "Проектори", group: 2, prefix: "PROJECTOR", uaNoun: "Проектор",
            vendors: ["EP", "BQ", "VS", "AC"],
            models: ["EP|EB-W##", "BQ|MW5#0", "VS|PX7#1HD", "AC|X1##8H"],
            attributes: [["3LCD", "DLP"], ["WXGA", "1080P", "4K"], ["3600LM", "4000LM"]],
            mpn: ["EP|V11H9##040", "BQ|9H.JPA77.13E", "AC|MR.JX3##.001", "VS|PX7#1HD"],
            specs: ["Brightness;lm;3000,3600,4000,4500", "Contrast;;15000:1,20000:1", "Lamp life;h;6000,10000,15000"],
            cents: 29_900...249_900, grams: 2_300...4_500, box: 35...50, share: 5, uktzed: "8528620000"),
        CategorySpec(
            "TVS", "Televisions", ua: "Телевізори", group: 2, prefix: "TV SET", uaNoun: "Телевізор",
            vendors: ["SA", "LG", "PH", "SO", "XI"],
            models: ["43\" 4K", "50\" 4K", "55\" OLED", "65\" QLED"],
            attributes: [["SMART", "GOOGLE TV", "WEBOS"], ["BLACK"]],
            mpn: ["SA|UE##CU7100UXUA", "LG|##UR78006LL", "PH|##PUS8#08/12", "SO|KD-##X75WL", "XI|L##M8-A2EU"],
            specs: ["Screen size;inch;43,50,55,65", "Resolution;;3840x2160", "HDMI ports;;3,4"],
            cents: 24_900...199_900, grams: 7_000...25_000, box: 100...160, share: 8, uktzed: "8528721000"),
        // MARK: Peripherals
        CategorySpec(
            "KBD", "Keyboards", ua: "Клавіатури", group: 3, prefix: "KEYBOARD", uaNoun: "Клавіатура",
            vendors: ["LO", "GE", "A4", "MC", "2E"],
            models: ["LO|K120", "LO|MX KEYS S", "GE|KB-1#0", "A4|KK-3", "2E|KS1#0", "MC|BLUETOOTH KEYBOARD"],
            attributes: [["USB", "WRL", "BT"], ["ENG/RUS", "ENG/UKR"], ["BLACK", "GRAPHITE"]],
            mpn: ["LO|920-0##2##", "GE|31310##40#", "2E|2E-KS1##UB", "A4|KK-3#", "MC|8N9-000##"],
            specs: ["Connection;;USB,Wireless,Bluetooth", "Layout;;ENG/UKR,ENG/RUS", "Colour;;Black,Graphite,White"],
            cents: 700...14_900, grams: 350...1_100, box: 45...50, share: 15, uktzed: "8471607000",
            packaging: [1, 1, 10, 20]),
        CategorySpec(
            "MOU", "Mice", ua: "Миші", group: 3, prefix: "MOUSE", uaNoun: "Миша",
            vendors: ["LO", "GE", "A4", "MC", "2E"],
            models: ["LO|M1#0", "LO|MX MASTER 3S", "LO|G#02", "A4|OP-#0", "2E|MF1#0", "GE|NX-7000", "MC|BLUETOOTH MOUSE"],
            attributes: [["USB", "WRL", "BT"], ["OPTICAL", "LASER"], ["BLACK", "WHITE", "GREY"]],
            mpn: ["LO|910-00####", "GE|31030##40#", "2E|2E-MF2##WB", "A4|OP-#0D", "MC|RJN-000##"],
            specs: ["Connection;;USB,Wireless,Bluetooth", "Resolution;dpi;1000,1600,4000,8000", "Buttons;;3,5,7"],
            cents: 400...12_900, grams: 60...150, box: 12...20, share: 15, uktzed: "8471607000",
            packaging: [1, 1, 20, 40]),
        CategorySpec(
            "HDS", "Headsets", ua: "Гарнітури", group: 3, prefix: "HEADSET", uaNoun: "Гарнітура",
            vendors: ["LO", "JB", "SO", "GE", "2E"],
            models: ["LO|H3#0", "JB|TUNE 5#0BT", "SO|WH-1000XM5", "GE|HS-#0", "2E|HG3#0"],
            attributes: [["USB", "3.5MM", "BT"], ["BLACK", "WHITE"]],
            mpn: ["LO|981-000###", "JB|JBLT5#0BTBLK", "SO|WH1000XM5B.CE7", "GE|31710###100", "2E|2E-HG3##BK"],
            specs: ["Connection;;USB,3.5 mm,Bluetooth", "Frequency response;Hz;20-20000", "Cable length;m;1.2,1.8,2"],
            cents: 1_200...39_900, grams: 120...350, box: 18...24, share: 12, uktzed: "8518300000"),
        CategorySpec(
            "SPK", "Speakers", ua: "Акустичні системи", group: 3, prefix: "SPEAKER", uaNoun: "Акустична система",
            vendors: ["LO", "JB", "GE", "SO"],
            models: ["LO|Z#07", "JB|FLIP 6", "GE|SP-HF#80", "JB|CHARGE 5", "SO|SRS-XB100"],
            attributes: [["2.0", "2.1", "PORTABLE"], ["BLACK", "BLUE"]],
            mpn: ["LO|980-00####", "JB|JBLFLIP6BLK", "GE|31730###100", "SO|SRSXB100B.RU2"],
            specs: ["Output power;W;6,10,20,40", "Channels;;2.0,2.1", "Connection;;3.5 mm,Bluetooth,USB"],
            cents: 1_500...29_900, grams: 500...3_500, box: 20...40, share: 8, uktzed: "8518220000"),
        CategorySpec(
            "WEB", "Web cameras", ua: "Веб-камери", group: 3, prefix: "WEBCAM", uaNoun: "Веб-камера",
            vendors: ["LO", "GE", "A4", "2E"],
            models: ["LO|C#20", "LO|BRIO #00", "GE|FACECAM 1000X", "A4|PK-#10P", "2E|FHD"],
            attributes: [["FHD", "HD", "4K"], ["USB"]],
            mpn: ["LO|960-00####", "GE|32200###400", "2E|2E-WCFHD", "A4|PK-#10P"],
            specs: ["Resolution;;1280x720,1920x1080,3840x2160", "Frame rate;fps;30,60", "Microphone;;Yes"],
            cents: 1_500...19_900, grams: 75...200, box: 12...18, share: 6, uktzed: "8525891900"),
        // MARK: Printing
        CategorySpec(
            "PRN", "Printers", ua: "Принтери", group: 4, prefix: "PRINTER", uaNoun: "Принтер",
            vendors: ["HP", "CA", "EP", "BR", "XE", "KY"],
            models: ["HP|LASERJET PRO 4002DN", "CA|I-SENSYS LBP2#3DW", "EP|L3#50", "BR|HL-L2#65DW", "XE|B2#0",
                     "KY|ECOSYS PA4#00CX"],
            attributes: [["LASER", "INKJET", "COLOR LASER"], ["A4", "A3"], ["DUPLEX", "WIFI", "LAN"]],
            mpn: ["HP|2Z6##F", "CA|5952C006", "EP|C11CJ676##", "BR|HLL2#65DWRF1", "XE|B2#0V_DN", "KY|110C0##3NL0"],
            specs: ["Print speed;ppm;20,30,40,50", "Resolution;dpi;600x600,1200x1200,4800x1200",
                    "Duty cycle;pages;20000,50000,80000", "Interfaces;;USB,USB/LAN,USB/LAN/Wi-Fi"],
            cents: 8_900...99_900, grams: 4_000...22_000, box: 40...60, share: 18, uktzed: "8443321000"),
        CategorySpec(
            "MFP", "Multifunction devices", ua: "Багатофункціональні пристрої", group: 4, prefix: "MFP",
            uaNoun: "БФП", vendors: ["HP", "CA", "EP", "BR", "XE", "KY"],
            models: ["HP|LASERJET PRO MFP 4102FDW", "CA|I-SENSYS MF4#5DW", "EP|L6#90", "BR|DCP-L2#40DW", "XE|C2#5",
                     "KY|ECOSYS MA4#00"],
            attributes: [["LASER", "INKJET", "COLOR LASER"], ["A4"], ["ADF", "DUPLEX", "FAX"]],
            mpn: ["HP|2Z6##F", "CA|5161C0##", "EP|C11CJ##403", "BR|DCPL2#40DWR1", "XE|C2#5V_DNI", "KY|110C0##3NL0"],
            specs: ["Print speed;ppm;20,30,40", "Scan resolution;dpi;600x600,1200x1200", "ADF capacity;sheets;35,50,100"],
            cents: 12_900...149_900, grams: 7_000...30_000, box: 45...65, share: 15, uktzed: "8443311000"),
        CategorySpec(
            "SCN", "Scanners", ua: "Сканери", group: 4, prefix: "SCANNER", uaNoun: "Сканер",
            vendors: ["CA", "EP", "BR", "HP"],
            models: ["CA|CANOSCAN LIDE 3#0", "EP|PERFECTION V#9", "BR|ADS-2#00W", "HP|SCANJET PRO 2#00"],
            attributes: [["A4"], ["FLATBED", "ADF"], ["USB", "WIFI"]],
            mpn: ["CA|5##4C010", "EP|B11B2##401", "BR|ADS2#00WUE1", "HP|20G0#A"],
            specs: ["Resolution;dpi;1200,2400,4800", "Speed;ppm;25,35,40"],
            cents: 6_900...79_900, grams: 1_500...5_000, box: 30...50, share: 4, uktzed: "8471900000"),
        CategorySpec(
            "TON", "Toner cartridges", ua: "Тонер-картриджі", group: 4, prefix: "TONER CARTRIDGE", uaNoun: "Картридж",
            vendors: ["HP", "CA", "BR", "XE", "KY"],
            models: ["HP|NO.##A", "CA|CRG-0#7", "BR|TN-2#21", "KY|TK-1#50", "XE|PHASER 3#20"],
            attributes: [["BLACK", "CYAN", "MAGENTA", "YELLOW"], ["1500 PAGES", "3000 PAGES", "7200 PAGES"]],
            mpn: ["HP|CF2##A", "HP|W1##0A", "CA|20##C002", "BR|TN2#21", "KY|1T02##0NL0", "XE|106R0##22"],
            specs: ["Colour;;Black,Cyan,Magenta,Yellow", "Yield;pages;1500,3000,7200,12000"],
            cents: 2_900...24_900, grams: 400...1_600, box: 30...45, share: 25, uktzed: "8443399000",
            warranty: [0, 6, 12], packaging: [1, 1, 5, 10]),
        CategorySpec(
            "INK", "Ink cartridges", ua: "Чорнильні картриджі", group: 4, prefix: "INK CARTRIDGE", uaNoun: "Чорнило",
            vendors: ["HP", "CA", "EP", "BR"],
            models: ["HP|NO.###", "CA|PG-5#0", "EP|103 ECOTANK", "BR|LC-3#1"],
            attributes: [["BLACK", "CYAN", "MAGENTA", "YELLOW", "TRICOLOR"], ["65ML", "70ML", "STANDARD"]],
            mpn: ["HP|3YM##AE", "EP|C13T00S#4A", "CA|6##5C001", "BR|LC3#1BK"],
            specs: ["Colour;;Black,Cyan,Magenta,Yellow,Tricolour", "Volume;ml;4.5,12,65,70"],
            cents: 900...6_900, grams: 40...160, box: 10...14, share: 20, uktzed: "8443399000",
            warranty: [0, 6], packaging: [1, 10, 20]),
        // MARK: Networking
        CategorySpec(
            "NSW", "Switches", ua: "Комутатори", group: 5, prefix: "NET SWITCH", uaNoun: "Комутатор",
            vendors: ["TP", "DL", "MT", "U1", "CI", "NG", "ZY", "HE"],
            models: ["5PORT 1000M", "8PORT 1000M", "16PORT 1000M POE+", "24PORT 1000M POE+", "24PORT 1000M 4SFP",
                     "48PORT 1000M 4SFP+", "24PORT 10G"],
            attributes: [["UNMANAGED", "SMART", "MANAGED L2", "MANAGED L3"], ["DESKTOP", "RACK"]],
            mpn: ["TP|TL-SG10#D", "DL|DGS-10##A", "MT|CRS3##-24G-4S+RM", "U1|USW-##-POE", "CI|C1000-##T-4G-L",
                  "NG|GS3##TP-300EUS", "ZY|GS19##-24HPV2-EU0101F", "HE|JL6##A"],
            specs: ["Ports;;5,8,16,24,48", "Port speed;Mbps;100,1000,10000", "PoE budget;W;0,65,195,370",
                    "Mounting;;Desktop,Rack"],
            cents: 1_500...299_900, grams: 250...6_000, box: 15...55, share: 25, uktzed: "8517620000"),
        CategorySpec(
            "NRT", "Routers", ua: "Маршрутизатори", group: 5, prefix: "NET ROUTER", uaNoun: "Маршрутизатор",
            vendors: ["TP", "DL", "MT", "U1", "AS", "CI", "NG", "ZY", "XI"],
            models: ["TP|ARCHER AX#5", "DL|DIR-X1#60", "MT|HAP AX2", "MT|RB5009UG+S+IN", "AS|RT-AX5#", "CI|ISR1100-4G",
                     "U1|DREAM ROUTER", "NG|NIGHTHAWK RAX##", "ZY|NBG7815", "XI|AX3000T"],
            attributes: [["WIFI 6", "WIFI 7", "WIFI 5", "WIRED"], ["1000M", "2.5G"], ["DUAL BAND", "TRI BAND"]],
            mpn: ["TP|ARCHERAX#5", "DL|DIR-X1#60/RU", "MT|C52IG-5HAXD2HAXD-TC", "AS|90IG0##0-MO3B00", "CI|ISR1100-4G",
                  "U1|UDR-EU", "NG|RAX##-100EUS", "ZY|NBG7815-EU0102F", "XI|DVB4##GL"],
            specs: ["Wi-Fi standard;;802.11ac,802.11ax,802.11be", "LAN ports;;4,8", "Max speed;Mbps;1200,3000,5400"],
            cents: 1_900...69_900, grams: 200...1_500, box: 20...40, share: 20, uktzed: "8517620000"),
        CategorySpec(
            "NWL", "Wireless access points", ua: "Точки доступу", group: 5, prefix: "NET WRL ACCESS POINT",
            uaNoun: "Точка доступу", vendors: ["TP", "U1", "MT", "CI", "ZY"],
            models: ["TP|EAP6#0", "U1|U6+", "MT|CAP AX", "ZY|WAX6#0", "CI|CBW1#0AX"],
            attributes: [["WIFI 6", "WIFI 6E", "WIFI 7"], ["CEILING", "WALL", "OUTDOOR"], ["POE"]],
            mpn: ["TP|EAP6#0", "U1|U6+", "MT|CAPGI-5HAXD2HAXD", "ZY|NWA#0AX-EU0101F", "CI|CBW1#0AX-E"],
            specs: ["Wi-Fi standard;;802.11ax,802.11be", "Max speed;Mbps;1800,3000,5400", "PoE;;802.3af,802.3at"],
            cents: 4_900...49_900, grams: 300...900, box: 20...30, share: 12, uktzed: "8517620000"),
        CategorySpec(
            "NIC", "Network cards", ua: "Мережеві карти", group: 5, prefix: "NET CARD", uaNoun: "Мережева карта",
            vendors: ["IN", "TP", "DL", "AS"],
            models: ["PCIE 1GB", "PCIE 10GB DUAL PORT", "USB 2.5GB", "PCIE WIFI 6"],
            attributes: [["X520-DA2", "I210-T1", "X710-DA2", "RTL8125"], ["SFP+", "RJ45"]],
            mpn: ["IN|E10G42BTDA", "IN|I210T1", "IN|X710DA2", "TP|TX201", "DL|DUB-E250", "AS|90IG0##0-MO0R00"],
            specs: ["Interface;;PCIe,USB", "Number of ports;;1,2,4", "Data transmission speed;Gbps;1,2.5,10,25"],
            cents: 900...59_900, grams: 50...300, box: 14...22, share: 10, uktzed: "8517620000"),
        CategorySpec(
            "NCC", "Network cameras", ua: "IP камери", group: 8, prefix: "NET CAMERA", uaNoun: "IP камера",
            vendors: ["HK", "AX", "TP", "U1", "B6"],
            models: ["HK|DS-2CD1#43G2-I", "AX|M30#5-LVE", "TP|VIGI C3#0", "U1|G5 BULLET", "B6|FLEXIDOME IP 3000I"],
            attributes: [["2MP", "4MP", "8MP"], ["DOME", "BULLET", "TURRET"], ["2.8MM", "4MM", "VARIFOCAL"]],
            mpn: ["HK|DS-2CD1#43G2-I(2.8MM)", "AX|02##-001", "TP|VIGIC3#0(4MM)", "U1|UVC-G5-BULLET", "B6|NDV-3502-F0#"],
            specs: ["Resolution;MP;2,4,8", "IR range;m;30,40,50", "Protection;;IP66,IP67"],
            cents: 3_900...149_900, grams: 300...1_600, box: 15...30, share: 15, uktzed: "8525891900"),
        // MARK: Servers and storage
        CategorySpec(
            "NAS", "Network storage", ua: "Мережеві сховища", group: 6, prefix: "NAS STORAGE", uaNoun: "Мережеве сховище",
            vendors: ["SY", "QN", "WD"],
            models: ["SY|DS#23+", "QN|TS-4#4", "SY|DS1#21+", "WD|MY CLOUD EX2"],
            attributes: [["TOWER", "1U", "2U"], ["2BAY", "4BAY", "8BAY", "12BAY"], ["NO HDD"]],
            mpn: ["SY|DS#23+", "QN|TS-4#4-4G", "WD|WDBVBZ0000NCH"],
            specs: ["Drive bays;;2,4,8,12", "Memory;GB;2,4,8", "LAN ports;;2,4"],
            cents: 19_900...299_900, grams: 1_300...12_000, box: 25...60, share: 8, uktzed: "8471500000"),
        CategorySpec(
            "SCH", "Server chassis", ua: "Серверні корпуси", group: 6, prefix: "SERVER CHASSIS", uaNoun: "Серверний корпус",
            vendors: ["SM"],
            models: ["TOWER #65W", "1U 350W", "2U #00W REDUNDANT"],
            attributes: [["ATX", "EATX"]],
            mpn: ["CSE-7#3TQ-865B-SQ", "CSE-81#MTQ-350CB", "CSE-82#BTQC-R920LPB"],
            specs: ["Case Type;;Tower,1U rack,2U rack", "PSU Output Power;Watts;350,500,865,920",
                    "Drive bays;;4,8,12", "Colour;;Black"],
            cents: 19_900...199_900, grams: 8_000...25_000, box: 60...90, share: 4, uktzed: "8473308000"),
        CategorySpec(
            "SCO", "Server components", ua: "Серверні компоненти", group: 6, prefix: "SERVER ACC", uaNoun: "Серверний компонент",
            vendors: ["SM", "HE", "DE", "LE"],
            models: ["HDD TRAY HOT-SWAP", "DVD MOUNTING KIT", "RAIL KIT", "RISER CARD", "MEMORY ##GB DDR5 RDIMM"],
            attributes: [],
            mpn: ["SM|MCP-220-#####-0N", "SM|MCP-290-00###-0N", "HE|P#####-B21", "SM|RSC-R1UW-2E16", "DE|4#0-@@@@",
                  "LE|4XF0@#####"],
            specs: ["Compatibility;;1U,2U,Tower"],
            cents: 900...99_900, grams: 50...3_000, box: 10...70, share: 12, uktzed: "8473308000"),
        CategorySpec(
            "SCB", "Server cables", ua: "Серверні кабелі", group: 6, prefix: "SERVER ACC", uaNoun: "Серверний кабель",
            vendors: ["SM", "HE", "DE"],
            models: ["POWER EXT. CABLE", "SAS CABLE MINI-SAS HD", "SATA CABLE 50CM", "OCULINK CABLE"],
            attributes: [["4PIN", "8PIN", "X4"]],
            mpn: ["SM|CBL-0###L", "SM|CBL-SAST-0###", "HE|8#####-B21", "DE|470-A@@@"],
            specs: ["Length;cm;30,50,60,80"],
            cents: 500...9_900, grams: 30...300, box: 10...25, share: 3, uktzed: "8544429098"),
        CategorySpec(
            "SFA", "Server cooling", ua: "Серверне охолодження", group: 6, prefix: "SERVER ACC HEATSINK",
            uaNoun: "Серверна система охолодження", vendors: ["SM"],
            models: ["PASSIVE", "ACTIVE", "FAN 80MM"],
            attributes: [],
            mpn: ["SNK-P00##P", "SNK-P00##A4", "FAN-0###L4"],
            specs: ["Type;;Passive,Active,Fan"],
            cents: 1_900...9_900, grams: 150...900, box: 10...20, share: 3, uktzed: "8414591500"),
        // MARK: Power
        CategorySpec(
            "UPS", "UPS", ua: "Джерела безперебійного живлення", group: 7, prefix: "UPS", uaNoun: "ДБЖ",
            vendors: ["A1", "EA", "2E"],
            models: ["#00VA", "1#00VA", "3000VA"],
            attributes: [["LINE-INTERACTIVE", "ONLINE"], ["TOWER", "RACK 2U"], ["SCHUKO", "IEC"]],
            mpn: ["A1|BX#00MI-GR", "A1|SMT1#00IC", "EA|5E#00I", "2E|2E-DD#00"],
            specs: ["Power;VA;650,850,1000,1500,3000", "Output power;W;360,480,600,900,2700",
                    "Outlets;;2,4,6,8"],
            cents: 4_900...199_900, grams: 3_000...30_000, box: 25...70, share: 10, uktzed: "8504403090"),
        CategorySpec(
            "CAB", "Cables and adapters", ua: "Кабелі та перехідники", group: 7, prefix: "CABLE", uaNoun: "Кабель",
            vendors: ["GM", "2E", "AT"],
            models: ["HDMI-HDMI 1.8M", "HDMI-HDMI 3M", "USB-C TO USB-C 1M", "USB-C TO USB-C 2M", "PATCH CORD CAT6 0.5M",
                     "PATCH CORD CAT6 5M", "DISPLAYPORT 1.8M"],
            attributes: [["BLACK", "WHITE", "GREY"]],
            mpn: ["GM|CC-HDMI4-#M", "2E|2E-CCTT-#M", "GM|PP6-#M/BK", "GM|CC-DP2-#M", "AT|ACCBL00###A"],
            specs: ["Length;m;1,1.5,2,3,5", "Colour;;Black,White,Grey"],
            cents: 200...2_900, grams: 30...400, box: 10...25, share: 20, uktzed: "8544429098",
            warranty: [6, 12], packaging: [1, 10, 50, 100]),
        // MARK: Audio, video and security
        CategorySpec(
            "PMI", "PA microphones", ua: "Мікрофони", group: 8, prefix: "PA MICROPHONE", uaNoun: "Мікрофон",
            vendors: ["B6"],
            models: ["HAND HELD COND.", "HAND HELD DYN./UNIDIR.", "HEAD-WORN", "LAVALIER", "HAND HELD WRL/606-630MHZ"],
            attributes: [],
            mpn: ["LBB96##/20", "LBC29##/15", "MW1-HMC", "MW1-LMC", "MW1-HTX-F#"],
            specs: ["Sensitivity;mV/Pa;1.7,2,10", "Cord length;m;1.45,7", "Colour;;Black,Charcoal,Dark Grey"],
            cents: 2_900...29_900, grams: 30...400, box: 15...30, share: 3, uktzed: "8518100000", warranty: [36]),
        CategorySpec(
            "DVR", "Video recorders", ua: "Відеореєстратори", group: 8, prefix: "NET VIDEO RECORDER",
            uaNoun: "Відеореєстратор", vendors: ["HK", "TP", "U1"],
            models: ["#CH", "16CH POE", "32CH 4K"],
            attributes: [["1HDD", "2HDD", "4HDD"], ["H.265+"]],
            mpn: ["HK|DS-7#04NI-Q1", "TP|VIGI NVR1#04H", "U1|UNVR"],
            specs: ["Channels;;4,8,16,32", "Drive bays;;1,2,4", "Max resolution;MP;8,12"],
            cents: 4_900...99_900, grams: 800...4_000, box: 25...50, share: 6, uktzed: "8521900000"),
        // MARK: Software
        CategorySpec(
            "SWO", "Software", ua: "Програмне забезпечення", group: 9, prefix: "SW", uaNoun: "Програмне забезпечення",
            vendors: ["MC", "KA", "ES", "AB"],
            models: ["MC|WINDOWS 11 PRO 64BIT", "MC|OFFICE HOME 2024", "KA|INTERNET SECURITY", "ES|NOD32 ANTIVIRUS",
                     "AB|ACROBAT PRO"],
            attributes: [["ENG", "UKR", "MULTILANGUAGE"], ["OEM", "BOX", "1 USER 1 YEAR", "2 USER 1 YEAR"]],
            mpn: ["MC|FQC-10###", "MC|EP2-0####", "KA|KL19##UBAFS", "ES|ENA-K-1Y-#D", "AB|65######BA01A12"],
            specs: ["Licence;;OEM,Box,Subscription", "Users;;1,2,3,5"],
            cents: 1_900...49_900, grams: 50...300, box: 15...20, share: 4, uktzed: "8523491000", warranty: [0]),
        CategorySpec(
            "ESD", "Electronic software delivery", ua: "Електронні ліцензії", group: 9, prefix: "ESD",
            uaNoun: "Електронна ліцензія", vendors: ["MC", "KA", "ES", "AB"],
            models: ["MC|WINDOWS 11 HOME", "MC|MICROSOFT 365 BUSINESS STANDARD", "KA|TOTAL SECURITY",
                     "ES|INTERNET SECURITY", "AB|CREATIVE CLOUD TEAMS"],
            attributes: [["ALL LANGUAGES", "ENG"], ["1 USER 1 YEAR", "3 USER 1 YEAR", "5 USER 2 YEARS", "PERPETUAL"]],
            mpn: ["MC|KW9-00###", "MC|KLQ-00###", "KA|KL1949XCCFS", "ES|EIS-N1-1-#", "AB|65######BA01A12"],
            specs: ["Licence;;Electronic", "Users;;1,3,5", "Term;years;1,2"],
            cents: 1_900...59_900, grams: 0...0, box: 0...0, share: 0, uktzed: "8523491000", warranty: [0]),
    ]

    /// Index of the ESD category in `categories`.
    static let esdIndex = categories.firstIndex { $0.code == "ESD" } ?? (categories.count - 1)
}
