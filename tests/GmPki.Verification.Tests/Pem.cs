using System.Security.Cryptography;

namespace GmPki.Verification.Tests;

/// <summary>Decodes the PEM blocks of a text (RFC 7468).</summary>
internal static class Pem
{
    public static List<byte[]> Blocks(string text)
    {
        var blocks = new List<byte[]>();
        var rest = text.AsMemory();
        while (PemEncoding.TryFind(rest.Span, out var fields))
        {
            blocks.Add(Convert.FromBase64String(rest.Span[fields.Base64Data].ToString()));
            rest = rest[fields.Location.End..];
        }

        return blocks;
    }

    public static byte[] Single(string text) => Blocks(text).Single();
}
