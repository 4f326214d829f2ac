extension FPState {
    /// Alg. 3's flip: vehicle `v` moves to RSU `j` with the matched beam there. Returns false when
    /// the new assignment was visited before — a cycle, where the search stops (M12).
    mutating func flip(_ v: Int, to j: Int, visited: inout Set<[Int]>) -> Bool {
        assignment[v] = j
        setMatchedBeam(v)
        return visited.insert(assignment).inserted
    }
}
