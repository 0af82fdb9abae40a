using System.Text.RegularExpressions;

namespace GmPki.Issuance.Profiles;

/// <summary>Syntax check of dotted-decimal OIDs (X.660: first arc 0–2, second arc ≤ 39 under 0 and 1).</summary>
internal static partial class Oids
{
    /// <summary>True when <paramref name="oid"/> is a syntactically valid dotted OID with at least two arcs.</summary>
    public static bool IsValid(string? oid)
    {
        if (oid is null || !Pattern().IsMatch(oid))
        {
            return false;
        }

        var arcs = oid.Split('.');
        return arcs[0] == "2" || (arcs[1].Length <= 2 && int.Parse(arcs[1], System.Globalization.CultureInfo.InvariantCulture) <= 39);
    }

    [GeneratedRegex(@"^[0-2](\.(0|[1-9][0-9]*))+$")]
    private static partial Regex Pattern();
}
