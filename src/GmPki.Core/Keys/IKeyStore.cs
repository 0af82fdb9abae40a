namespace GmPki.Core.Keys;

/// <summary>
/// Where private keys live: generates them inside the store and opens them for signing.
/// Implementations: the software store (encrypted PKCS#8 files); an HSM can plug in here.
/// </summary>
public interface IKeyStore
{
    /// <summary>
    /// Generates a new key pair inside the store under <paramref name="label"/>.
    /// </summary>
    /// <param name="label">Store-unique name, <c>[a-z0-9-]{1,64}</c>.</param>
    /// <param name="algorithm">Algorithm and size of the key.</param>
    /// <param name="sm2UserId">SM2 signer ID the opened key will use; ignored for other algorithms.</param>
    /// <returns>The key, ready to sign, and the reference under which it can be opened again.</returns>
    /// <exception cref="Errors.GmPkiException">The label exists already, or the store is locked.</exception>
    (ISigningKey Key, string Reference) Generate(string label, KeyAlgorithm algorithm, ReadOnlyMemory<byte> sm2UserId);

    /// <summary>Opens a stored key for signing.</summary>
    /// <param name="reference">Reference returned by <see cref="Generate"/>.</param>
    /// <param name="sm2UserId">SM2 signer ID; ignored for other algorithms.</param>
    /// <exception cref="Errors.GmPkiException"><c>key-not-found</c> or <c>key-unlock-failed</c>.</exception>
    ISigningKey Open(string reference, ReadOnlyMemory<byte> sm2UserId);

    /// <summary>Generates a 16-byte SM4 secret key (for example the data key of personal data) inside the store.</summary>
    /// <param name="label">Store-unique name, <c>[a-z0-9-]{1,64}</c>.</param>
    /// <returns>The key bytes (the caller wipes them when done) and the reference under which it can be opened again.</returns>
    /// <exception cref="Errors.GmPkiException">The label exists already, or the store is locked.</exception>
    (byte[] Secret, string Reference) GenerateSecret(string label);

    /// <summary>Opens a stored secret key.</summary>
    /// <exception cref="Errors.GmPkiException"><c>key-not-found</c> or <c>key-unlock-failed</c>.</exception>
    byte[] OpenSecret(string reference);
}
