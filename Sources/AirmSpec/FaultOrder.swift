/// The order in which fault windows resolve: each fault after the faults its `at` and `until`
/// name (docs/semantics.md "Fault windows").
///
/// Found with one depth-first walk that keeps its own stack, so a chain of thousands of faults
/// takes linear time and no call stack. Faults in a cycle come in some order; their windows do
/// not resolve, since one of them always lacks the other's.
enum FaultOrder {
    static func dependenciesFirst(_ faults: [Fault]) -> [Fault] {
        let byName = Dictionary(faults.map { ($0.name, $0) }) { first, _ in first }
        var seen = Set<String>()
        var ordered: [Fault] = []
        for root in faults where !seen.contains(root.name) {
            seen.insert(root.name)
            var stack: [(fault: Fault, next: Int)] = [(root, 0)]
            while let top = stack.last {
                let names = dependencies(of: top.fault)
                guard top.next < names.count else {
                    ordered.append(top.fault)
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                if let dependency = byName[names[top.next]], !seen.contains(dependency.name) {
                    seen.insert(dependency.name)
                    stack.append((dependency, 0))
                }
            }
        }
        return ordered
    }

    /// The faults named by `fault`'s `at` and `until`.
    static func dependencies(of fault: Fault) -> [String] {
        var references = [fault.at]
        if case .until(let reference) = fault.end { references.append(reference) }
        return references.compactMap { reference in
            switch reference.anchor {
            case .faultStart(let name), .faultEnd(let name): name
            case .runStart, .runEnd: nil
            }
        }
    }
}
