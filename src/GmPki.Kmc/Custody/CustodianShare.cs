using System.Globalization;
using System.Text;
using GmPki.Cryptography.Sm;

namespace GmPki.Kmc.Custody;

/// <summary>
/// One custodian's share of the KMC master secret (密钥分管), as printable text that is handed to
/// the custodian (on paper or a file) and never stored by the KMC:
/// <c>gmpki-kmc-share-v1.{masterKeyId}.{x}.{threshold}.{y as 64 hex digits}.{checksum}</c>, where
/// x is the share's point (1 … N), threshold is M, and checksum is the first 4 bytes of SM3 over
/// the text before the last dot, in hex (it catches typing errors and truncation; a share that
/// was altered with a matching checksum is caught by the master key's check value).
/// </summary>
/// <param name="MasterKeyId">The master key the share belongs to.</param>
/// <param name="Custodian">The custodian the share was issued to (not part of the text).</param>
/// <param name="X">The share's point, 1 … N.</param>
/// <param name="Threshold">M: how many shares reconstruct the secret.</param>
/// <param name="Text">The printable share.</param>
public sealed record CustodianShare(string MasterKeyId, string Custodian, int X, int Threshold, string Text)
{
    private const string Prefix = "gmpki-kmc-share-v1";

    /// <summary>Formats a share.</summary>
    internal static CustodianShare Create(string masterKeyId, string custodian, int x, int threshold, ReadOnlySpan<byte> y)
    {
        var body = string.Join('.', Prefix, masterKeyId, x.ToString(CultureInfo.InvariantCulture), threshold.ToString(CultureInfo.InvariantCulture), Convert.ToHexStringLower(y));
        return new CustodianShare(masterKeyId, custodian, x, threshold, body + "." + Checksum(body));
    }

    /// <summary>Parses and checks a share's text.</summary>
    /// <returns>The master key ID, x, threshold and y-values.</returns>
    /// <exception cref="Core.Errors.GmPkiException"><c>kmc-share-invalid</c> when the text is malformed or its checksum does not match.</exception>
    internal static (string MasterKeyId, byte X, int Threshold, byte[] Y) Parse(string text)
    {
        var trimmed = (text ?? string.Empty).Trim();
        var cut = trimmed.LastIndexOf('.');
        var parts = trimmed.Split('.');
        if (parts.Length != 6 || parts[0] != Prefix || cut < 0)
        {
            throw KmcErrors.ShareInvalid.With("the text is not a gmpki-kmc-share-v1 share.");
        }

        if (!string.Equals(Checksum(trimmed[..cut]), parts[5], StringComparison.OrdinalIgnoreCase))
        {
            throw KmcErrors.ShareInvalid.With("the share's checksum does not match (typing error or altered share).");
        }

        if (!byte.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var x) || x == 0
            || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var threshold)
            || parts[4].Length == 0 || parts[4].Length % 2 != 0)
        {
            throw KmcErrors.ShareInvalid.With("the share's point, threshold or value is malformed.");
        }

        try
        {
            return (parts[1], x, threshold, Convert.FromHexString(parts[4]));
        }
        catch (FormatException)
        {
            throw KmcErrors.ShareInvalid.With("the share's value is not hexadecimal.");
        }
    }

    private static string Checksum(string body) => Convert.ToHexStringLower(Sm3.Hash(Encoding.ASCII.GetBytes(body))[..4]);

    /// <summary>The text only; the share is a secret, so records never print it by accident.</summary>
    public override string ToString() => $"share {X} of master key {MasterKeyId} for {Custodian}";
}
