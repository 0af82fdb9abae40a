namespace GmPki.Core.Keys;

/// <summary>
/// Encrypts personal data at rest (identity numbers, telephone numbers, addresses, evidence files;
/// M24 §23, D §27). The purpose string binds a ciphertext to its place (for example
/// <c>subscriber:{id}:identity-number</c>), so a ciphertext copied to another row does not decrypt.
/// </summary>
public interface IPersonalDataProtector
{
    /// <summary>Encrypts <paramref name="plaintext"/> for <paramref name="purpose"/>.</summary>
    byte[] Protect(ReadOnlySpan<byte> plaintext, string purpose);

    /// <summary>Decrypts what <see cref="Protect"/> produced for the same purpose.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">Tampered data, another purpose, or another key.</exception>
    byte[] Unprotect(ReadOnlySpan<byte> protectedData, string purpose);

    /// <summary>
    /// A blind index of <paramref name="value"/>: a deterministic keyed digest, so that equal
    /// values can be found without decrypting (subscriber de-duplication), while the index alone
    /// reveals nothing without the data key.
    /// </summary>
    /// <returns>64 lowercase hex characters.</returns>
    string BlindIndex(string value, string purpose);
}
