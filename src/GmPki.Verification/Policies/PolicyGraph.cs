using Org.BouncyCastle.Asn1;

namespace GmPki.Verification.Policies;

/// <summary>
/// The valid_policy_tree of RFC 5280 §6.1.2–§6.1.5, kept as a graph in which a policy appears
/// once per depth with every parent it would have in the tree (RFC 9618 §3), so that its size
/// stays linear in the path length instead of growing exponentially with policy mappings.
/// </summary>
internal sealed class PolicyGraph
{
    /// <summary>The special policy anyPolicy (RFC 5280 §4.2.1.4).</summary>
    public const string AnyPolicy = "2.5.29.32.0";

    private readonly List<Dictionary<string, Node>> _levels = [];

    /// <summary>Creates the initial graph: one anyPolicy node at depth 0 (§6.1.2 (a)).</summary>
    public PolicyGraph()
    {
        var root = new Node(AnyPolicy, null);
        root.Expected.Add(AnyPolicy);
        _levels.Add(new Dictionary<string, Node> { [AnyPolicy] = root });
    }

    /// <summary>Depth of the deepest level.</summary>
    public int Depth => _levels.Count - 1;

    /// <summary>True when no node is left below the root's level, or the root itself was pruned (the NULL tree).</summary>
    public bool IsEmpty => _levels[0].Count == 0;

    /// <summary>
    /// Processes certificate <paramref name="depth"/>'s certificatePolicies (§6.1.3 (d)):
    /// links each policy to the nodes that expect it (or to anyPolicy), expands anyPolicy when
    /// <paramref name="anyPolicyAllowed"/>, and prunes childless nodes.
    /// </summary>
    public void AddCertificate(int depth, IReadOnlyList<(string Policy, Asn1Sequence? Qualifiers)> policies, bool anyPolicyAllowed)
    {
        var previous = _levels[depth - 1];
        var level = new Dictionary<string, Node>();
        _levels.Add(level);
        foreach (var (policy, qualifiers) in policies.Where(p => p.Policy != AnyPolicy))
        {
            var parents = previous.Values.Where(n => n.Expected.Contains(policy)).ToList();
            if (parents.Count == 0 && previous.TryGetValue(AnyPolicy, out var any))
            {
                parents.Add(any);
            }

            if (parents.Count > 0)
            {
                Link(level, policy, qualifiers, parents);
            }
        }

        var anyPolicy = policies.FirstOrDefault(p => p.Policy == AnyPolicy);
        if (anyPolicy.Policy is not null && anyPolicyAllowed)
        {
            foreach (var expected in previous.Values.SelectMany(n => n.Expected).Distinct().ToList())
            {
                if (!level.ContainsKey(expected))
                {
                    Link(level, expected, anyPolicy.Qualifiers, [.. previous.Values.Where(n => n.Expected.Contains(expected))]);
                }
            }
        }

        Prune(depth);
    }

    /// <summary>
    /// Applies certificate <paramref name="depth"/>'s policyMappings (§6.1.4 (b)): with mapping
    /// allowed, each issuer-domain policy expects its subject-domain policies (creating the node
    /// under anyPolicy when only anyPolicy is there); otherwise the mapped policies are deleted.
    /// </summary>
    public void ApplyMappings(int depth, IReadOnlyList<(string IssuerDomain, string SubjectDomain)> mappings, bool mappingAllowed, Asn1Sequence? anyPolicyQualifiers)
    {
        var level = _levels[depth];
        foreach (var group in mappings.GroupBy(m => m.IssuerDomain))
        {
            var subjects = group.Select(m => m.SubjectDomain).ToHashSet();
            if (!mappingAllowed)
            {
                if (level.Remove(group.Key, out var removed))
                {
                    Detach(removed);
                }

                continue;
            }

            if (level.TryGetValue(group.Key, out var node))
            {
                node.Expected.Clear();
                node.Expected.UnionWith(subjects);
            }
            else if (level.TryGetValue(AnyPolicy, out var any))
            {
                var created = Link(level, group.Key, anyPolicyQualifiers, [.. any.Parents]);
                created.Expected.Clear();
                created.Expected.UnionWith(subjects);
            }
        }

        if (!mappingAllowed)
        {
            Prune(depth);
        }
    }

    /// <summary>Deletes the whole graph (§6.1.3 (e): a certificate without certificatePolicies).</summary>
    public void Clear()
    {
        foreach (var level in _levels)
        {
            level.Clear();
        }
    }

    /// <summary>
    /// Intersects the graph with the user-initial-policy-set (§6.1.5 (g)) and returns the
    /// user-constrained policy set: the policies of the valid_policy_node_set that reach the
    /// last depth, plus anyPolicy when an anyPolicy node remains there.
    /// </summary>
    public IReadOnlySet<string> Intersect(IReadOnlySet<string> userInitialPolicies)
    {
        var depth = Depth;
        if (IsEmpty || depth == 0)
        {
            return new HashSet<string>();
        }

        if (!userInitialPolicies.Contains(AnyPolicy))
        {
            var nodeSet = ValidPolicyNodeSet();
            foreach (var node in nodeSet.Where(n => !userInitialPolicies.Contains(n.Policy)))
            {
                _levels[node.Depth].Remove(node.Policy);
                Detach(node);
            }

            if (_levels[depth].TryGetValue(AnyPolicy, out var anyLeaf))
            {
                var present = nodeSet.Where(n => _levels[n.Depth].ContainsKey(n.Policy)).Select(n => n.Policy).ToHashSet();
                foreach (var policy in userInitialPolicies.Where(p => !present.Contains(p)))
                {
                    Link(_levels[depth], policy, anyLeaf.Qualifiers, [.. anyLeaf.Parents]);
                }

                _levels[depth].Remove(AnyPolicy);
                Detach(anyLeaf);
            }

            Prune(depth);
        }

        var result = new HashSet<string>();
        foreach (var node in ValidPolicyNodeSet())
        {
            result.Add(node.Policy);
        }

        if (_levels[depth].ContainsKey(AnyPolicy))
        {
            result.Add(AnyPolicy);
        }

        return result;
    }

    /// <summary>Nodes other than anyPolicy whose parents are anyPolicy nodes (§6.1.5 (g)(iii)(1)).</summary>
    private List<Node> ValidPolicyNodeSet()
        => [.. _levels.Skip(1).SelectMany(l => l.Values).Where(n => n.Policy != AnyPolicy && n.Parents.All(p => p.Policy == AnyPolicy))];

    private Node Link(Dictionary<string, Node> level, string policy, Asn1Sequence? qualifiers, List<Node> parents)
    {
        if (!level.TryGetValue(policy, out var node))
        {
            node = new Node(policy, qualifiers) { Depth = _levels.IndexOf(level) };
            node.Expected.Add(policy);
            level[policy] = node;
        }

        foreach (var parent in parents.Where(p => !node.Parents.Contains(p)))
        {
            node.Parents.Add(parent);
            parent.Children.Add(node);
        }

        return node;
    }

    /// <summary>Removes <paramref name="node"/>'s edges; children left without parents go too.</summary>
    private void Detach(Node node)
    {
        foreach (var parent in node.Parents)
        {
            parent.Children.Remove(node);
        }

        node.Parents.Clear();
        foreach (var child in node.Children.ToList())
        {
            child.Parents.Remove(node);
            if (child.Parents.Count == 0)
            {
                _levels[child.Depth].Remove(child.Policy);
                Detach(child);
            }
        }

        node.Children.Clear();
    }

    /// <summary>Deletes, from depth <paramref name="depth"/> − 1 up, nodes without children (§6.1.3 (d)(3)).</summary>
    private void Prune(int depth)
    {
        for (var d = depth - 1; d >= 0; d--)
        {
            foreach (var node in _levels[d].Values.Where(n => n.Children.Count == 0).ToList())
            {
                _levels[d].Remove(node.Policy);
                Detach(node);
            }
        }
    }

    private sealed class Node(string policy, Asn1Sequence? qualifiers)
    {
        public string Policy { get; } = policy;

        public Asn1Sequence? Qualifiers { get; } = qualifiers;

        public HashSet<string> Expected { get; } = [];

        public List<Node> Parents { get; } = [];

        public List<Node> Children { get; } = [];

        public int Depth { get; init; }
    }
}
