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
            models: ["PRIME B?60M-A", "TUF GAMING Z?90-PLUS", "B?50 GAMING X", "X?70 AORUS ELITE", "PRO B?60M-E",
                     "H?10M-K", "ROG STRIX B?50-F"],
            attributes: [["S1700", "S1851", "AM5", "AM4"], ["B760", "Z790", "B650", "X670", "H610"],
                         ["MATX", "ATX", "MITX"], ["DDR5", "DDR4"]],
            mpn: ["90MB1##0-M0EAY0", "B?50GX", "7E##-00#R", "90-MXB##0-A0UAYZ"],
            specs: ["Form factor;;ATX,Micro-ATX,Mini-ITX", "Memory slots;;2,4", "Max memory;GB;64,128,192",
                    "M.2 slots;;1,2,3,4", "SATA ports;;4,6"],
            cents: 6_900...69_900, grams: 600...1_800, box: 28...36, share: 40, uktzed: "8473302000"),
        CategorySpec(
            "RAM", "Memory modules", ua: "Модулі пам'яті", group: 0, prefix: "MEMORY DIMM", uaNoun: "Модуль пам'яті",
            vendors: ["KN", "CR", "CO", "GR", "AD", "SA"],
            models: ["#GB PC5-4800", "#GB PC5-5600", "##GB PC4-25600", "##GB PC5-6000", "#GB PC4-21300"],
            attributes: [["DDR5", "DDR4"], ["CL40", "CL46", "CL36", "CL16"], ["KIT2", "SINGLE"]],
            mpn: ["KF5##C40BB-#", "CT#G48C40U5", "CMK##GX5M2B5600C36", "GR##00D464L22S/#G", "AX5U5600C#6#G-CS"],
            specs: ["Capacity;GB;8,16,32,64", "Speed;MHz;2666,3200,4800,5600,6000", "Voltage;V;1.1,1.2,1.35",
                    "Heatsink;;Yes,No"],
            cents: 1_500...39_900, grams: 15...90, box: 14...16, share: 45, uktzed: "8473302000"),
        CategorySpec(
            "HDD", "Hard disk drives", ua: "Жорсткі диски", group: 0, prefix: "HDD", uaNoun: "Жорсткий диск",
            vendors: ["SG", "WD", "TO"],
            models: ["#TB SATA 3.5\"", "##TB SATA 3.5\"", "#TB SATA 2.5\"", "##TB SAS 3.5\""],
            attributes: [["7200RPM", "5400RPM", "5900RPM"], ["256MB", "128MB", "512MB"]],
            mpn: ["ST#000DM00#", "WD#0EFPX", "HDWD1##UZSVA", "ST##000NM00#G"],
            specs: ["Capacity;TB;1,2,4,8,12,16,20", "Interface;;SATA III,SAS 12Gb/s", "Spindle speed;rpm;5400,5900,7200",
                    "Cache;MB;64,128,256,512"],
            cents: 3_900...49_900, grams: 110...720, box: 14...20, share: 30, uktzed: "8471705000"),
        CategorySpec(
            "SSD", "Solid state drives", ua: "SSD накопичувачі", group: 0, prefix: "SSD", uaNoun: "Накопичувач SSD",
            vendors: ["SA", "KN", "CR", "WD", "AD", "GR", "TR"],
            models: ["#TB M.2 PCIE NVME", "###GB M.2 PCIE NVME", "###GB SATA 2.5\"", "#TB SATA 2.5\"", "#TB M.2 PCIE 5.0"],
            attributes: [["MLC", "TLC", "QLC", "3D NAND"], ["990 PRO", "NV3", "P3 PLUS", "SN770", "LEGEND 960"]],
            mpn: ["MZ-V9P#T0BW", "SNV3S/###G", "CT#000P3PSSD8", "WDS###G3X0E", "SSDPR-CX400-###-G2"],
            specs: ["Capacity;GB;240,480,500,960,1000,2000,4000", "Read speed;MB/s;550,3500,5000,7450",
                    "Write speed;MB/s;520,3000,4800,6900", "TBW;TB;300,600,1200,2400"],
            cents: 2_500...59_900, grams: 8...70, box: 12...16, share: 45, uktzed: "8523511000"),
        CategorySpec(
            "VGA", "Graphics cards", ua: "Відеокарти", group: 0, prefix: "VGA PCIE16", uaNoun: "Відеокарта",
            vendors: ["AS", "GB", "MS", "PA", "ZO", "SP"],
            models: ["RTX4060 8GB", "RTX4070 SUPER 12GB", "RTX5070 12GB", "RX7600 8GB", "RX7800XT 16GB", "RTX5090 32GB"],
            attributes: [["GDDR6", "GDDR6X", "GDDR7"], ["DUAL", "WINDFORCE", "GAMING X", "PULSE", "TUF"]],
            mpn: ["DUAL-RTX4060-O8G", "GV-N407SWF3OC-12GD", "NE6406001#P1-1070D", "11324-0#-20G"],
            specs: ["Memory;GB;8,12,16,24,32", "Memory bus;bit;128,192,256,384", "Boost clock;MHz;2460,2535,2610",
                    "Recommended PSU;W;550,650,750,850,1000"],
            cents: 19_900...249_900, grams: 600...2_200, box: 30...40, share: 25, uktzed: "8473302000"),
        CategorySpec(
            "PSU", "Power supplies", ua: "Блоки живлення", group: 0, prefix: "POWER SUPPLY", uaNoun: "Блок живлення",
            vendors: ["BE", "CH", "CO", "DC", "GB", "2E"],
            models: ["ATX ?50W", "ATX 1?00W", "SFX ?50W"],
            attributes: [["80+ BRONZE", "80+ GOLD", "80+ PLATINUM"], ["MODULAR", "SEMI-MODULAR", "NON-MODULAR"]],
            mpn: ["BN3##", "GPX-?50FC", "CP-90202##-EU", "R-PF?50D-HA0B-EU"],
            specs: ["Power;W;450,550,650,750,850,1000,1200", "Efficiency;;80+ Bronze,80+ Gold,80+ Platinum",
                    "Fan size;mm;120,135,140"],
            cents: 2_900...29_900, grams: 1_200...2_800, box: 18...26, share: 20, uktzed: "8504403090"),
        CategorySpec(
            "CAS", "Computer cases", ua: "Корпуси", group: 0, prefix: "CASE", uaNoun: "Корпус",
            vendors: ["BE", "CH", "CO", "DC", "2E", "GM"],
            models: ["MIDITOWER", "MINITOWER", "FULLTOWER"],
            attributes: [["ATX", "MATX", "EATX"], ["BLACK", "WHITE"], ["W/O PSU", "500W"]],
            mpn: ["BGW##", "R-CC-##-BK", "CC-9011##-WW", "2E-GB##"],
            specs: ["Form factor;;ATX,Micro-ATX,E-ATX", "Fans included;;1,2,3,4", "Drive bays;;2,4,6",
                    "Colour;;Black,White"],
            cents: 2_900...24_900, grams: 3_500...12_000, box: 45...60, share: 20, uktzed: "8473302000"),
        CategorySpec(
            "COO", "Coolers", ua: "Системи охолодження", group: 0, prefix: "CPU COOLER", uaNoun: "Кулер процесорний",
            vendors: ["NO", "AT", "DC", "BE", "CO"],
            models: ["S1700/AM5", "MULTI SOCKET", "LIQUID 2#0MM", "LIQUID 3#0MM"],
            attributes: [["TDP 150W", "TDP 220W", "TDP 250W"], ["ARGB", "BLACK"]],
            mpn: ["NH-D15 CHROMAX.BLACK", "ACFRE00###A", "R-AK620-BKNNMT-G-#", "BK0##"],
            specs: ["Fan size;mm;92,120,140", "Noise level;dB;22,25,28,31", "Max TDP;W;150,220,250"],
            cents: 1_500...17_900, grams: 300...1_500, box: 14...30, share: 15, uktzed: "8414591500"),
        CategorySpec(
            "ODD", "Optical drives", ua: "Оптичні приводи", group: 0, prefix: "DVD WRITER", uaNoun: "Оптичний привід",
            vendors: ["AS", "LG"],
            models: ["EXT USB", "INT SATA"],
            attributes: [["BLACK", "SILVER"]],
            mpn: ["SDRW-08D2S-U", "GP57EB40", "DRW-24D5MT"],
            specs: ["Interface;;USB 2.0,SATA", "Write speed;x;8,24"],
            cents: 1_900...5_900, grams: 200...700, box: 16...24, share: 3, uktzed: "8471705000"),
        // MARK: Computers
        CategorySpec(
            "NBK", "Notebooks", ua: "Ноутбуки", group: 1, prefix: "NOTEBOOK", uaNoun: "Ноутбук",
            vendors: ["HP", "LE", "DE", "AC", "AS", "AP", "MS"],
            models: ["THINKPAD E1#", "IDEAPAD SLIM 5", "PROBOOK 4#0 G1#", "LATITUDE 5#40", "ASPIRE 5", "VIVOBOOK 15",
                     "AP|MACBOOK AIR 13\"", "AP|MACBOOK PRO 14\""],
            attributes: [["13.3\"", "14\"", "15.6\"", "16\""], ["I5-1335U", "I7-1355U", "R5-7530U", "ULTRA 5 125U", "M3"],
                         ["8GB", "16GB", "32GB"], ["512GB", "1TB"], ["W11P", "NOOS", "W11H"]],
            mpn: ["21JK00##PB", "7L6Z#EA#ABD", "N0##L5#40EMEA", "NX.K##EL.00#", "90NB1##1-M00##0", "AP|MRXN3RU/A"],
            specs: ["Screen size;\";13.3,14,15.6,16", "RAM;GB;8,16,32", "Storage;GB;256,512,1024",
                    "Battery;Wh;42,56,70", "Operating system;;Windows 11 Pro,Windows 11 Home,No OS"],
            cents: 39_900...299_900, grams: 1_200...2_600, box: 40...50, share: 40, uktzed: "8471300000"),
        CategorySpec(
            "DTP", "Desktops", ua: "Комп'ютери", group: 1, prefix: "PC", uaNoun: "Комп'ютер",
            vendors: ["HP", "LE", "DE", "AC", "2E"],
            models: ["PRODESK 400 G9 SFF", "THINKCENTRE M70S", "OPTIPLEX 7010 MT", "VERITON X"],
            attributes: [["I3-13100", "I5-13500", "I7-13700"], ["8GB", "16GB"], ["256GB", "512GB"], ["W11P", "NOOS"]],
            mpn: ["6U4##EA", "12DT00##PB", "N0##O7010MT", "DT.VY#ME.00#"],
            specs: ["Form factor;;SFF,Tower,Mini", "RAM;GB;8,16,32", "Storage;GB;256,512,1024"],
            cents: 39_900...199_900, grams: 3_500...9_000, box: 40...55, share: 15, uktzed: "8471410000"),
        CategorySpec(
            "TAB", "Tablets", ua: "Планшети", group: 1, prefix: "TABLET", uaNoun: "Планшет",
            vendors: ["SA", "LE", "AP", "XI"],
            models: ["GALAXY TAB A9+ 11\"", "TAB M1# 10.1\"", "IPAD 10.9\"", "PAD 6 11\""],
            attributes: [["64GB", "128GB", "256GB"], ["WIFI", "LTE", "5G"], ["GRAY", "SILVER", "BLUE"]],
            mpn: ["SM-X##0NZAAEUC", "ZACH00##UA", "AP|MPQ03RK/A", "VHU4##EU"],
            specs: ["Screen size;\";8.7,10.1,10.9,11", "Storage;GB;64,128,256", "Battery;mAh;5100,7040,8720"],
            cents: 12_900...119_900, grams: 300...700, box: 20...30, share: 12, uktzed: "8471300000"),
        CategorySpec(
            "SRV", "Servers", ua: "Сервери", group: 6, prefix: "SERVER", uaNoun: "Сервер",
            vendors: ["HE", "DE", "LE", "SM"],
            models: ["PROLIANT DL3#0 GEN11", "POWEREDGE R#60", "THINKSYSTEM SR6#0 V3", "SYS-#1#P-WTR"],
            attributes: [["1U", "2U", "TOWER"], ["XEON-S 4410Y", "XEON-G 5416S", "EPYC 9124"], ["32GB", "64GB"]],
            mpn: ["P5##81-421", "PER#60CM1", "7D76A0##EA", "SYS-#1#P-WTR"],
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
            mpn: ["P2#25H", "27GR75Q-B", "2#1V8LAB/00", "9H.LLSLJ.LBE", "24G2SAE/BK", "XUB2#93HSU-B5"],
            specs: ["Screen size;\";23.8,27,31.5,34", "Refresh rate;Hz;60,75,100,144,165",
                    "Response time;ms;1,4,5", "Brightness;cd/m2;250,300,350,400"],
            cents: 8_900...129_900, grams: 2_800...9_500, box: 55...90, share: 30, uktzed: "8528520000"),
        CategorySpec(
            "PRJ", "Projectors", ua: "Проектори", group: 2, prefix: "PROJECTOR", uaNoun: "Проектор",
            vendors: ["EP", "BQ", "VS", "AC"],
            models: ["EB-W##", "MW5#0", "PX7#1HD", "X1##8H"],
            attributes: [["3LCD", "DLP"], ["WXGA", "1080P", "4K"], ["3600LM", "4000LM"]],
            mpn: ["V11H9##040", "9H.JPA77.13E", "MR.JX3##.001"],
            specs: ["Brightness;lm;3000,3600,4000,4500", "Contrast;;15000:1,20000:1", "Lamp life;h;6000,10000,15000"],
            cents: 29_900...249_900, grams: 2_300...4_500, box: 35...50, share: 5, uktzed: "8528620000"),
        CategorySpec(
            "TVS", "Televisions", ua: "Телевізори", group: 2, prefix: "TV SET", uaNoun: "Телевізор",
            vendors: ["SA", "LG", "PH", "SO", "XI"],
            models: ["43\" 4K", "50\" 4K", "55\" OLED", "65\" QLED"],
            attributes: [["SMART", "GOOGLE TV", "WEBOS"], ["BLACK"]],
            mpn: ["UE##CU7100UXUA", "##UR78006LL", "##PUS8#08/12"],
            specs: ["Screen size;\";43,50,55,65", "Resolution;;3840x2160", "HDMI ports;;3,4"],
            cents: 24_900...199_900, grams: 7_000...25_000, box: 100...160, share: 8, uktzed: "8528721000"),
        // MARK: Peripherals
        CategorySpec(
            "KBD", "Keyboards", ua: "Клавіатури", group: 3, prefix: "KEYBOARD", uaNoun: "Клавіатура",
            vendors: ["LO", "GE", "A4", "MC", "2E"],
            models: ["K120", "MX KEYS S", "KB-1#0", "KK-3", "KS1#0"],
            attributes: [["USB", "WRL", "BT"], ["ENG/RUS", "ENG/UKR"], ["BLACK", "GRAPHITE"]],
            mpn: ["920-0##2##", "31310##40#", "2E-KS1##UB"],
            specs: ["Connection;;USB,Wireless,Bluetooth", "Layout;;ENG/UKR,ENG/RUS", "Colour;;Black,Graphite,White"],
            cents: 700...14_900, grams: 350...1_100, box: 45...50, share: 15, uktzed: "8471607000",
            packaging: [1, 1, 10, 20]),
        CategorySpec(
            "MOU", "Mice", ua: "Миші", group: 3, prefix: "MOUSE", uaNoun: "Миша",
            vendors: ["LO", "GE", "A4", "MC", "2E"],
            models: ["M1#0", "MX MASTER 3S", "G#02", "OP-#0", "MF1#0"],
            attributes: [["USB", "WRL", "BT"], ["OPTICAL", "LASER"], ["BLACK", "WHITE", "GREY"]],
            mpn: ["910-00####", "31030##40#", "2E-MF2##WB"],
            specs: ["Connection;;USB,Wireless,Bluetooth", "Resolution;dpi;1000,1600,4000,8000", "Buttons;;3,5,7"],
            cents: 400...12_900, grams: 60...150, box: 12...20, share: 15, uktzed: "8471607000",
            packaging: [1, 1, 20, 40]),
        CategorySpec(
            "HDS", "Headsets", ua: "Гарнітури", group: 3, prefix: "HEADSET", uaNoun: "Гарнітура",
            vendors: ["LO", "JB", "SO", "GE", "2E"],
            models: ["H3#0", "TUNE 5#0BT", "WH-1000XM5", "HS-#0"],
            attributes: [["USB", "3.5MM", "BT"], ["BLACK", "WHITE"]],
            mpn: ["981-000###", "JBLT5#0BTBLK", "WH1000XM5B.CE7"],
            specs: ["Connection;;USB,3.5 mm,Bluetooth", "Frequency response;Hz;20-20000", "Cable length;m;1.2,1.8,2"],
            cents: 1_200...39_900, grams: 120...350, box: 18...24, share: 12, uktzed: "8518300000"),
        CategorySpec(
            "SPK", "Speakers", ua: "Акустичні системи", group: 3, prefix: "SPEAKER", uaNoun: "Акустична система",
            vendors: ["LO", "JB", "GE", "SO"],
            models: ["Z#07", "FLIP 6", "SP-HF#80", "CHARGE 5"],
            attributes: [["2.0", "2.1", "PORTABLE"], ["BLACK", "BLUE"]],
            mpn: ["980-00####", "JBLFLIP6BLK", "31730###100"],
            specs: ["Output power;W;6,10,20,40", "Channels;;2.0,2.1", "Connection;;3.5 mm,Bluetooth,USB"],
            cents: 1_500...29_900, grams: 500...3_500, box: 20...40, share: 8, uktzed: "8518220000"),
        CategorySpec(
            "WEB", "Web cameras", ua: "Веб-камери", group: 3, prefix: "WEBCAM", uaNoun: "Веб-камера",
            vendors: ["LO", "GE", "A4", "2E"],
            models: ["C#20", "BRIO #00", "FACECAM 1000X", "PK-#10P"],
            attributes: [["FHD", "HD", "4K"], ["USB"]],
            mpn: ["960-00####", "32200###400", "2E-WCFHD"],
            specs: ["Resolution;;1280x720,1920x1080,3840x2160", "Frame rate;fps;30,60", "Microphone;;Yes"],
            cents: 1_500...19_900, grams: 75...200, box: 12...18, share: 6, uktzed: "8525891900"),
        // MARK: Printing
        CategorySpec(
            "PRN", "Printers", ua: "Принтери", group: 4, prefix: "PRINTER", uaNoun: "Принтер",
            vendors: ["HP", "CA", "EP", "BR", "XE", "KY"],
            models: ["LASERJET PRO 4002DN", "I-SENSYS LBP2#3DW", "L3#50", "HL-L2#65DW", "B2#0", "ECOSYS PA4#00CX"],
            attributes: [["LASER", "INKJET", "COLOR LASER"], ["A4", "A3"], ["DUPLEX", "WIFI", "LAN"]],
            mpn: ["2Z6##F", "5952C006", "C11CJ676##", "HLL2#65DWRF1", "B2#0V_DN", "110C0##3NL0"],
            specs: ["Print speed;ppm;20,30,40,50", "Resolution;dpi;600x600,1200x1200,4800x1200",
                    "Duty cycle;pages;20000,50000,80000", "Interfaces;;USB,USB/LAN,USB/LAN/Wi-Fi"],
            cents: 8_900...99_900, grams: 4_000...22_000, box: 40...60, share: 18, uktzed: "8443321000"),
        CategorySpec(
            "MFP", "Multifunction devices", ua: "Багатофункціональні пристрої", group: 4, prefix: "MFP",
            uaNoun: "БФП", vendors: ["HP", "CA", "EP", "BR", "XE", "KY"],
            models: ["LASERJET PRO MFP 4102FDW", "I-SENSYS MF4#5DW", "L6#90", "DCP-L2#40DW", "C2#5", "ECOSYS MA4#00"],
            attributes: [["LASER", "INKJET", "COLOR LASER"], ["A4"], ["ADF", "DUPLEX", "FAX"]],
            mpn: ["2Z6##F", "5161C0##", "C11CJ##403", "DCPL2#40DWR1", "C2#5V_DNI"],
            specs: ["Print speed;ppm;20,30,40", "Scan resolution;dpi;600x600,1200x1200", "ADF capacity;sheets;35,50,100"],
            cents: 12_900...149_900, grams: 7_000...30_000, box: 45...65, share: 15, uktzed: "8443311000"),
        CategorySpec(
            "SCN", "Scanners", ua: "Сканери", group: 4, prefix: "SCANNER", uaNoun: "Сканер",
            vendors: ["CA", "EP", "BR", "HP"],
            models: ["CANOSCAN LIDE 3#0", "PERFECTION V#9", "ADS-2#00W", "SCANJET PRO 2#00"],
            attributes: [["A4"], ["FLATBED", "ADF"], ["USB", "WIFI"]],
            mpn: ["5##4C010", "B11B2##401", "ADS2#00WUE1", "20G0#A"],
            specs: ["Resolution;dpi;1200,2400,4800", "Speed;ppm;25,35,40"],
            cents: 6_900...79_900, grams: 1_500...5_000, box: 30...50, share: 4, uktzed: "8471900000"),
        CategorySpec(
            "TON", "Toner cartridges", ua: "Тонер-картриджі", group: 4, prefix: "TONER CARTRIDGE", uaNoun: "Картридж",
            vendors: ["HP", "CA", "BR", "XE", "KY"],
            models: ["NO.##A BLACK", "CRG-0#7", "TN-2#21", "TK-1#50"],
            attributes: [["BLACK", "CYAN", "MAGENTA", "YELLOW"], ["1500 PAGES", "3000 PAGES", "7200 PAGES"]],
            mpn: ["CF2##A", "W1##0A", "20##C002", "TN2#21", "1T02##0NL0", "106R0##22"],
            specs: ["Colour;;Black,Cyan,Magenta,Yellow", "Yield;pages;1500,3000,7200,12000"],
            cents: 2_900...24_900, grams: 400...1_600, box: 30...45, share: 25, uktzed: "8443399000",
            warranty: [0, 6, 12], packaging: [1, 1, 5, 10]),
        CategorySpec(
            "INK", "Ink cartridges", ua: "Чорнильні картриджі", group: 4, prefix: "INK CARTRIDGE", uaNoun: "Чорнило",
            vendors: ["HP", "CA", "EP", "BR"],
            models: ["NO.### BLACK", "PG-5#0", "103 ECOTANK", "LC-3#1"],
            attributes: [["BLACK", "CYAN", "MAGENTA", "YELLOW", "TRICOLOR"], ["65ML", "70ML", "STANDARD"]],
            mpn: ["3YM##AE", "C13T00S#4A", "6##5C001", "LC3#1BK"],
            specs: ["Colour;;Black,Cyan,Magenta,Yellow,Tricolour", "Volume;ml;4.5,12,65,70"],
            cents: 900...6_900, grams: 40...160, box: 10...14, share: 20, uktzed: "8443399000",
            warranty: [0, 6], packaging: [1, 10, 20]),
        // MARK: Networking
        CategorySpec(
            "NSW", "Switches", ua: "Комутатори", group: 5, prefix: "NET SWITCH", uaNoun: "Комутатор",
            vendors: ["TP", "DL", "MT", "U1", "CI", "NG", "ZY", "HE"],
            models: ["#PORT 1000M", "##PORT 1000M POE+", "24PORT 1000M 4SFP", "48PORT 10G"],
            attributes: [["UNMANAGED", "SMART", "MANAGED L2", "MANAGED L3"], ["DESKTOP", "RACK"]],
            mpn: ["TL-SG10#D", "DGS-10##A", "CRS3##-24G-4S+RM", "USW-##-POE", "C1000-##T-4G-L", "GS3##TP-300EUS"],
            specs: ["Ports;;5,8,16,24,48", "Port speed;Mbps;100,1000,10000", "PoE budget;W;0,65,195,370",
                    "Mounting;;Desktop,Rack"],
            cents: 1_500...299_900, grams: 250...6_000, box: 15...55, share: 25, uktzed: "8517620000"),
        CategorySpec(
            "NRT", "Routers", ua: "Маршрутизатори", group: 5, prefix: "NET ROUTER", uaNoun: "Маршрутизатор",
            vendors: ["TP", "DL", "MT", "U1", "AS", "CI", "NG", "ZY", "XI"],
            models: ["ARCHER AX#5", "DIR-X1#60", "HAP AX2", "RB5009UG+S+IN", "RT-AX5#", "ISR1100-4G"],
            attributes: [["WIFI 6", "WIFI 7", "WIFI 5", "WIRED"], ["1000M", "2.5G"], ["DUAL BAND", "TRI BAND"]],
            mpn: ["ARCHERAX#5", "DIR-X1#60/RU", "C52IG-5HAXD2HAXD-TC", "RT-AX5#"],
            specs: ["Wi-Fi standard;;802.11ac,802.11ax,802.11be", "LAN ports;;4,8", "Max speed;Mbps;1200,3000,5400"],
            cents: 1_900...69_900, grams: 200...1_500, box: 20...40, share: 20, uktzed: "8517620000"),
        CategorySpec(
            "NWL", "Wireless access points", ua: "Точки доступу", group: 5, prefix: "NET WRL ACCESS POINT",
            uaNoun: "Точка доступу", vendors: ["TP", "U1", "MT", "CI", "ZY"],
            models: ["EAP6#0", "U6+", "CAP AX", "WAX6#0"],
            attributes: [["WIFI 6", "WIFI 6E", "WIFI 7"], ["CEILING", "WALL", "OUTDOOR"], ["POE"]],
            mpn: ["EAP6#0", "U6+", "CAPGI-5HAXD2HAXD", "NWA#0AX-EU0101F"],
            specs: ["Wi-Fi standard;;802.11ax,802.11be", "Max speed;Mbps;1800,3000,5400", "PoE;;802.3af,802.3at"],
            cents: 4_900...49_900, grams: 300...900, box: 20...30, share: 12, uktzed: "8517620000"),
        CategorySpec(
            "NIC", "Network cards", ua: "Мережеві карти", group: 5, prefix: "NET CARD", uaNoun: "Мережева карта",
            vendors: ["IN", "TP", "DL", "AS"],
            models: ["PCIE 1GB", "PCIE 10GB DUAL PORT", "USB 2.5GB", "PCIE WIFI 6"],
            attributes: [["X520-DA2", "I210-T1", "X710-DA2", "RTL8125"], ["SFP+", "RJ45"]],
            mpn: ["E10G42BTDA", "I210T1", "TX201", "DUB-E250", "X710DA2"],
            specs: ["Interface;;PCIe,USB", "Number of ports;;1,2,4", "Data transmission speed;Gbps;1,2.5,10,25"],
            cents: 900...59_900, grams: 50...300, box: 14...22, share: 10, uktzed: "8517620000"),
        CategorySpec(
            "NCC", "Network cameras", ua: "IP камери", group: 8, prefix: "NET CAMERA", uaNoun: "IP камера",
            vendors: ["HK", "AX", "TP", "U1", "B6"],
            models: ["DS-2CD1#43G2-I", "M30#5-LVE", "VIGI C3#0", "G5 BULLET", "FLEXIDOME IP 3000I"],
            attributes: [["2MP", "4MP", "8MP"], ["DOME", "BULLET", "TURRET"], ["2.8MM", "4MM", "VARIFOCAL"]],
            mpn: ["DS-2CD1#43G2-I(2.8MM)", "02##-001", "VIGIC3#0(4MM)", "UVC-G5-BULLET", "NDV-3502-F0#"],
            specs: ["Resolution;MP;2,4,8", "IR range;m;30,40,50", "Protection;;IP66,IP67"],
            cents: 3_900...149_900, grams: 300...1_600, box: 15...30, share: 15, uktzed: "8525891900"),
        // MARK: Servers and storage
        CategorySpec(
            "NAS", "Network storage", ua: "Мережеві сховища", group: 6, prefix: "NAS STORAGE", uaNoun: "Мережеве сховище",
            vendors: ["SY", "QN", "WD"],
            models: ["DS#23+", "TS-4#4", "DS1#21+", "MY CLOUD EX2"],
            attributes: [["TOWER", "1U", "2U"], ["2BAY", "4BAY", "8BAY", "12BAY"], ["NO HDD"]],
            mpn: ["DS#23+", "TS-4#4-4G", "WDBVBZ0000NCH"],
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
            mpn: ["MCP-220-#####-0N", "MCP-290-00###-0N", "P#####-B21", "RSC-R1UW-2E16"],
            specs: ["Compatibility;;1U,2U,Tower"],
            cents: 900...99_900, grams: 50...3_000, box: 10...70, share: 12, uktzed: "8473308000"),
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
            mpn: ["BX#00MI-GR", "SMT1#00IC", "5E#00I", "2E-DD#00"],
            specs: ["Power;VA;650,850,1000,1500,3000", "Output power;W;360,480,600,900,2700",
                    "Outlets;;2,4,6,8"],
            cents: 4_900...199_900, grams: 3_000...30_000, box: 25...70, share: 10, uktzed: "8504403090"),
        CategorySpec(
            "CAB", "Cables and adapters", ua: "Кабелі та перехідники", group: 7, prefix: "CABLE", uaNoun: "Кабель",
            vendors: ["GM", "2E", "AT", "LO"],
            models: ["HDMI-HDMI #M", "USB-C TO USB-C #M", "PATCH CORD CAT6 #M", "DISPLAYPORT #M"],
            attributes: [["BLACK", "WHITE", "GREY"]],
            mpn: ["CC-HDMI4-#M", "2E-CCTT-#M", "PP6-#M/BK", "CC-DP2-#M"],
            specs: ["Length;m;1,1.5,2,3,5", "Colour;;Black,White,Grey"],
            cents: 200...2_900, grams: 30...400, box: 10...25, share: 20, uktzed: "8544429098",
            warranty: [6, 12], packaging: [1, 10, 50, 100]),
        // MARK: Audio, video and security
        CategorySpec(
            "PMI", "PA microphones", ua: "Мікрофони", group: 8, prefix: "PA MICROPHONE", uaNoun: "Мікрофон",
            vendors: ["B6", "SO"],
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
            mpn: ["DS-7#04NI-Q1", "VIGI NVR1#04H", "UNVR"],
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
