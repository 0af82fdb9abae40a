namespace GmPki.Core.Ledger;

/// <summary>How the ledger spells certificate serial numbers.</summary>
public static class SerialText
{
    /// <summary>The ledger's and API's form of a serial given as big-endian octets (RFC 5280 §4.1.2.2): lowercase hex without leading zero octets.</summary>
    public static string FromOctets(ReadOnlySpan<byte> serial)
    {
        var start = 0;
        while (start < serial.Length - 1 && serial[start] == 0)
        {
            start++;
        }

        return Convert.ToHexStringLower(serial[start..]);
    }

    /// <summary>
    /// The ledger's spelling of a serial typed by a person: colons removed, lowercase hex, no
    /// leading zeros (<c>00:AB:cd</c> → <c>abcd</c>). The text is not otherwise validated; an
    /// unknown serial is simply not found.
    /// </summary>
    public static string Normalize(string serial)
    {
        ArgumentNullException.ThrowIfNull(serial);
        return serial.Trim().Replace(":", string.Empty, StringComparison.Ordinal).ToLowerInvariant().TrimStart('0');
    }
}
