using System.Security.Cryptography;
using GmPki.Cryptography.Signing;
using Org.BouncyCastle.Asn1;

namespace GmPki.Verification.Paths;

/// <summary>
/// Verifies the signature of a certificate or CRL with a relying party's rules: a known and
/// accepted algorithm with the parameters RFC 3279/5758/GM/T 0015 prescribe (SHA-1 only when
/// allowed, MD5 never), a key of the algorithm's family, SM2 with each configured signer ID.
/// </summary>
internal static class SignatureChecks
{
    /// <summary>Checks one signature.</summary>
    /// <returns>Null when it verifies; otherwise the failure and why.</returns>
    public static (PathFailure Failure, string Reason)? Check(
        PathValidationRequest request, string algorithmOid, Asn1Encodable? parameters, byte[] signed, byte[] signature, VerificationKey key, string what)
    {
        var algorithm = SignatureAlgorithm.Find(algorithmOid);
        if (algorithm is null)
        {
            return (PathFailure.AlgorithmNotAccepted, $"{what} is signed with an unsupported algorithm {algorithmOid}.");
        }

        if (!algorithm.Accepted && !(request.AllowSha1 && algorithm.Hash == HashAlgorithmName.SHA1))
        {
            return (PathFailure.AlgorithmNotAccepted, $"{what} is signed with {algorithm.Name}, which is not accepted.");
        }

        var parametersAllowed = algorithm.Family switch
        {
            KeyFamily.Rsa => parameters is null or DerNull,
            KeyFamily.Sm2 => parameters is null or DerNull,
            _ => parameters is null,
        };
        if (!parametersAllowed)
        {
            return (PathFailure.Malformed, $"{what}: {algorithm.Name} must not carry these algorithm parameters.");
        }

        if (key.Family != algorithm.Family)
        {
            return (PathFailure.SignatureInvalid, $"{what} claims {algorithm.Name}, but the issuer's key is {key.Family}.");
        }

        var ids = key.Family == KeyFamily.Sm2 ? request.Sm2UserIds : [[]];
        return ids.Any(id => key.Verify(algorithm, signed, signature, id))
            ? null
            : (PathFailure.SignatureInvalid, $"the signature of {what} does not verify under the issuer's key.");
    }
}
