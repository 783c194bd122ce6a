// Throughput of ArrayStreamSplitter alone (release): a catalog-shaped array split from memory in 64 KiB
// chunks. Not a test. Build and run (from the package root):
//   swiftc -O -wmo -o build/bench_splitter Sources/ElkoCore/ArrayStreamSplitter.swift bench/splitter/main.swift
//   build/bench_splitter [path-to-a-catalog.json]
#if canImport(Glibc)
import Glibc
#endif

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

var doc: [UInt8] = []
if CommandLine.arguments.count > 1, let f = fopen(CommandLine.arguments[1], "rb") {
    var buf = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let n = fread(&buf, 1, buf.count, f)
        if n <= 0 { break }
        doc += buf[0..<n]
    }
    fclose(f)
} else {
    doc = Array("[".utf8)
    for i in 0..<200_000 {
        if i > 0 { doc.append(UInt8(ascii: ",")) }
        doc += Array(#"{"id":\#(i),"elkoCode":"\#(1_000_000 + i)","name":"Ноутбук Lenovo IdeaPad 5 14\" \\ \#(i)","manufacturerCode":"82XD00\#(i)","vendorName":"Lenovo","vendorCode":"U1","catalog":"NBK","catalogName":"Ноутбуки","quantity":">10","price":612.5,"discountPrice":599.0,"currency":"USD","imagePath":"https://static.elko.cloud/ProductImages/\#(i).Jpeg","fullDsc":"Intel Core i5-1335U | 16GB | 512GB SSD | 14\" WUXGA IPS | Win11","eanCode":"019\#(i)","discount":{"status":false,"price":[],"link":null},"incomingQuantity":[1,2,{"a":[3]}]}"#.utf8)
    }
    doc.append(UInt8(ascii: "]"))
}

var best = Double.infinity
var elements = 0
for _ in 0..<5 {
    let s = ArrayStreamSplitter()
    elements = 0
    var checksum = 0
    let t0 = now()
    doc.withUnsafeBytes { all in
        var offset = 0
        while offset < all.count {
            let end = min(all.count, offset + 65_536)
            s.append(UnsafeRawBufferPointer(rebasing: all[offset..<end]))
            offset = end
            while case .element(let e) = s.next() {
                elements += 1
                checksum &+= e.count
            }
        }
    }
    s.finish()
    guard case .end = s.next() else { print("not the end"); exit(1) }
    let t = now() - t0
    best = min(best, t)
    if checksum == 0 { print("") }
}
let mb = Double(doc.count) / 1_000_000
print("splitter: \(elements) elements, \(Int(mb)) MB, best of 5: \(Int(best * 1000)) ms = \(Int(mb / best)) MB/s")
