using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Verification.Names;

/// <summary>
/// The nameConstraints of one CA certificate (RFC 5280 §4.2.1.10): permitted and excluded
/// subtrees. A name passes when no excluded subtree of its form contains it and, if the set has
/// permitted subtrees of its form, one of them does. Checking every CA's set in turn is the
/// intersection of §6.1.4 (g).
/// </summary>
internal sealed class NameConstraintSet
{
    private NameConstraintSet(IReadOnlyList<NameValue> permitted, IReadOnlyList<NameValue> excluded, IReadOnlyList<string> problems)
    {
        Permitted = permitted;
        Excluded = excluded;
        Problems = problems;
    }

    /// <summary>Permitted subtrees' bases.</summary>
    public IReadOnlyList<NameValue> Permitted { get; }

    /// <summary>Excluded subtrees' bases.</summary>
    public IReadOnlyList<NameValue> Excluded { get; }

    /// <summary>Syntax faults: empty extension, minimum/maximum present, malformed bases.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Number of subtrees, the cost factor of checking a name.</summary>
    public int Count => Permitted.Count + Excluded.Count;

    /// <summary>Parses the NameConstraints SEQUENCE.</summary>
    /// <exception cref="FormatException">The structure is malformed.</exception>
    public static NameConstraintSet Parse(Asn1Sequence value)
    {
        var problems = new List<string>();
        var permitted = new List<NameValue>();
        var excluded = new List<NameValue>();
        foreach (var element in value)
        {
            var tagged = Asn1TaggedObject.GetInstance(element);
            var target = tagged.TagNo switch
            {
                0 => permitted,
                1 => excluded,
                _ => throw new FormatException("unknown NameConstraints field"),
            };
            var subtrees = Asn1Sequence.GetInstance(tagged, false);
            if (subtrees.Count == 0)
            {
                problems.Add("nameConstraints has an empty subtree list (RFC 5280 §4.2.1.10).");
            }

            foreach (var subtree in subtrees.Cast<Asn1Encodable>().Select(GeneralSubtree.GetInstance))
            {
                if (subtree.Minimum.SignValue != 0 || subtree.Maximum is not null)
                {
                    problems.Add("nameConstraints subtree uses minimum or maximum (RFC 5280 §4.2.1.10 requires 0 and absent).");
                }

                var name = NameValue.From(subtree.Base);
                if (!IsValidBase(name))
                {
                    problems.Add($"nameConstraints subtree {name} is not a valid constraint.");
                }

                target.Add(name);
            }
        }

        if (permitted.Count == 0 && excluded.Count == 0)
        {
            problems.Add("nameConstraints has neither permitted nor excluded subtrees (RFC 5280 §4.2.1.10).");
        }

        return new NameConstraintSet(permitted, excluded, problems);
    }

    /// <summary>Checks one name; null when it passes, else why not.</summary>
    public string? Check(NameValue name)
    {
        if (name.Form is NameForm.Other or NameForm.X400 or NameForm.EdiParty or NameForm.RegisteredId)
        {
            return Permitted.Concat(Excluded).Any(c => c.Form == name.Form)
                ? $"the {name} name cannot be checked against the constraints on that form, so it is refused (RFC 5280 §4.2.1.10)."
                : null;
        }

        if (Excluded.Any(c => c.Form == name.Form && NameMatching.MayMatch(name, c)))
        {
            return $"{name} falls in an excluded subtree.";
        }

        var permitted = Permitted.Where(c => c.Form == name.Form).ToList();
        return permitted.Count == 0 || permitted.Any(c => NameMatching.IsWithin(name, c)) ? null : $"{name} is outside the permitted subtrees.";
    }

    private static bool IsValidBase(NameValue name) => name.Form switch
    {
        NameForm.Dns => name.Text!.Length == 0 || NameSyntax.IsHostName(name.Text),
        NameForm.Rfc822 => name.Text!.Contains('@', StringComparison.Ordinal) ? NameSyntax.IsMailbox(name.Text)
            : NameSyntax.IsHostName(name.Text.StartsWith('.') ? name.Text[1..] : name.Text),
        NameForm.Uri => NameSyntax.IsHostName(name.Text!.StartsWith('.') ? name.Text[1..] : name.Text),
        NameForm.Ip => name.Octets!.Length is 8 or 32 && IsContiguousMask(name.Octets.AsSpan(name.Octets.Length / 2)),
        _ => true,
    };

    private static bool IsContiguousMask(ReadOnlySpan<byte> mask)
    {
        var zero = false;
        foreach (var b in mask)
        {
            for (var bit = 7; bit >= 0; bit--)
            {
                var set = (b >> bit & 1) == 1;
                if (set && zero)
                {
                    return false;
                }

                zero |= !set;
            }
        }

        return true;
    }
}
