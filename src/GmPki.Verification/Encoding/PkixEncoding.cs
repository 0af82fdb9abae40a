using System.Security.Cryptography;
using System.Text;

namespace GmPki.Verification.Encoding;

/// <summary>
/// Reads the objects relying parties send: PEM (RFC 7468, any number of blocks with the
/// expected label), base64 DER, or raw DER.
/// </summary>
public static class PkixEncoding
{
    /// <summary>Label of certificates.</summary>
    public const string Certificate = "CERTIFICATE";

    /// <summary>Label of CRLs.</summary>
    public const string Crl = "X509 CRL";

    /// <summary>Label of CMS / PKCS #7 structures.</summary>
    public const string Cms = "CMS";

    /// <summary>
    /// The DER objects in <paramref name="content"/>: every PEM block labelled
    /// <paramref name="label"/> (also <c>PKCS7</c> for <see cref="Cms"/>) when the content is
    /// PEM text, else the content as DER, or as base64 DER when it is base64 text.
    /// </summary>
    /// <param name="content">File or field content.</param>
    /// <param name="label">Expected PEM label.</param>
    /// <returns>One or more DER objects (not checked further).</returns>
    /// <exception cref="FormatException">PEM without such a block, or neither DER nor base64.</exception>
    public static IReadOnlyList<byte[]> Decode(ReadOnlySpan<byte> content, string label)
    {
        if (content.Length > 0 && content[0] == 0x30)
        {
            return [content.ToArray()];
        }

        var text = System.Text.Encoding.UTF8.GetString(content);
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            var blocks = new List<byte[]>();
            var rest = text.AsMemory();
            while (PemEncoding.TryFind(rest.Span, out var fields))
            {
                var found = rest.Span[fields.Label].ToString();
                if (found == label || (label == Cms && found == "PKCS7"))
                {
                    blocks.Add(Convert.FromBase64String(rest.Span[fields.Base64Data].ToString()));
                }

                rest = rest[fields.Location.End..];
            }

            return blocks.Count > 0 ? blocks : throw new FormatException($"no PEM block labelled {label}.");
        }

        var compact = new StringBuilder(text.Length);
        foreach (var c in text.Where(c => !char.IsWhiteSpace(c)))
        {
            compact.Append(c);
        }

        try
        {
            var der = Convert.FromBase64String(compact.ToString());
            return der.Length > 0 && der[0] == 0x30 ? [der] : throw new FormatException("the base64 text is not DER.");
        }
        catch (FormatException e)
        {
            throw new FormatException($"expected PEM ({label}), base64 DER or DER.", e);
        }
    }

    /// <summary>Decodes a text field (PEM or base64 DER), as <see cref="Decode(ReadOnlySpan{byte}, string)"/>.</summary>
    /// <exception cref="FormatException">Not decodable.</exception>
    public static IReadOnlyList<byte[]> Decode(string text, string label)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Decode(System.Text.Encoding.UTF8.GetBytes(text), label);
    }
}
