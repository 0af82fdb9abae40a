using System.Text;
using GmPki.Cryptography.Sm;

namespace GmPki.Registration.Documents;

/// <summary>
/// The canonical text of a document and its SM3 digest, which is what an applicant signs: UTF-8
/// of the title, a line feed, then for each section in ordinal key order the key, a line feed,
/// the text and a line feed. Section texts have their line ends normalised to LF.
/// </summary>
public static class DocumentDigest
{
    /// <summary>The canonical UTF-8 bytes.</summary>
    public static byte[] CanonicalBytes(string title, IReadOnlyDictionary<string, string> sections)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(sections);
        var builder = new StringBuilder().Append(title).Append('\n');
        foreach (var (key, text) in sections.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            builder.Append(key).Append('\n').Append(text.Replace("\r\n", "\n", StringComparison.Ordinal)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <summary>The 32-byte SM3 digest of the canonical bytes.</summary>
    public static byte[] Sm3Digest(string title, IReadOnlyDictionary<string, string> sections) => Sm3.Hash(CanonicalBytes(title, sections));
}
