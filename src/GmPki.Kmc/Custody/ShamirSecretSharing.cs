using System.Security.Cryptography;

namespace GmPki.Kmc.Custody;

/// <summary>
/// Shamir's (M, N) threshold secret sharing (A. Shamir, "How to share a secret", CACM 22(11), 1979),
/// byte by byte over GF(2⁸) with the AES reduction polynomial x⁸ + x⁴ + x³ + x + 1 (0x11B), as in
/// HashiCorp Vault's <c>shamir</c> package. Share i (1 ≤ i ≤ N) is the point x = i of one random
/// polynomial of degree M − 1 per secret byte whose constant term is that byte; any M shares
/// give the secret by Lagrange interpolation at x = 0, fewer give no information about it.
/// Field arithmetic has no secret-dependent branches or table look-ups.
/// </summary>
internal static class ShamirSecretSharing
{
    /// <summary>Largest number of shares: the non-zero elements of GF(2⁸).</summary>
    public const int MaxShares = 255;

    /// <summary>Splits <paramref name="secret"/> into <paramref name="shares"/> shares, any <paramref name="threshold"/> of which recover it.</summary>
    /// <returns>Share i (0-based) is the y-values at x = i + 1, as long as the secret.</returns>
    /// <exception cref="ArgumentException">Empty secret, or not 1 ≤ threshold ≤ shares ≤ 255.</exception>
    public static byte[][] Split(ReadOnlySpan<byte> secret, int shares, int threshold)
    {
        if (secret.IsEmpty)
        {
            throw new ArgumentException("The secret is empty.", nameof(secret));
        }

        if (threshold < 1 || threshold > shares || shares > MaxShares)
        {
            throw new ArgumentException($"Need 1 ≤ threshold ≤ shares ≤ {MaxShares}; got threshold {threshold} of {shares}.", nameof(threshold));
        }

        var result = new byte[shares][];
        for (var i = 0; i < shares; i++)
        {
            result[i] = new byte[secret.Length];
        }

        var coefficients = new byte[threshold - 1];
        for (var b = 0; b < secret.Length; b++)
        {
            RandomNumberGenerator.Fill(coefficients);
            for (var i = 0; i < shares; i++)
            {
                result[i][b] = Evaluate(secret[b], coefficients, (byte)(i + 1));
            }
        }

        CryptographicOperations.ZeroMemory(coefficients);
        return result;
    }

    /// <summary>Recovers the secret from shares given as (x, y-values).</summary>
    /// <remarks>With fewer shares than the threshold the result is a wrong secret, not an error:
    /// the caller must check it (the KMC compares a check value).</remarks>
    /// <exception cref="ArgumentException">No shares, an x of 0, repeated x values, or y-values of different lengths.</exception>
    public static byte[] Combine(IReadOnlyList<(byte X, byte[] Y)> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        if (shares.Count == 0)
        {
            throw new ArgumentException("No shares.", nameof(shares));
        }

        var length = shares[0].Y.Length;
        for (var i = 0; i < shares.Count; i++)
        {
            if (shares[i].X == 0 || shares[i].Y.Length != length || length == 0)
            {
                throw new ArgumentException("Shares need x ≠ 0 and y-values of one non-zero length.", nameof(shares));
            }

            for (var j = 0; j < i; j++)
            {
                if (shares[j].X == shares[i].X)
                {
                    throw new ArgumentException($"Share x = {shares[i].X} is given twice.", nameof(shares));
                }
            }
        }

        // Lagrange basis at 0: l_i = Π_{j≠i} x_j / (x_j − x_i); subtraction is XOR in GF(2⁸).
        var basis = new byte[shares.Count];
        for (var i = 0; i < shares.Count; i++)
        {
            byte numerator = 1, denominator = 1;
            for (var j = 0; j < shares.Count; j++)
            {
                if (j != i)
                {
                    numerator = Multiply(numerator, shares[j].X);
                    denominator = Multiply(denominator, (byte)(shares[j].X ^ shares[i].X));
                }
            }

            basis[i] = Multiply(numerator, Inverse(denominator));
        }

        var secret = new byte[length];
        for (var b = 0; b < length; b++)
        {
            byte value = 0;
            for (var i = 0; i < shares.Count; i++)
            {
                value ^= Multiply(shares[i].Y[b], basis[i]);
            }

            secret[b] = value;
        }

        return secret;
    }

    /// <summary>Product in GF(2⁸) mod 0x11B (shift-and-add with masks, constant time).</summary>
    internal static byte Multiply(byte a, byte b)
    {
        int product = 0, shifted = a;
        for (var bit = 0; bit < 8; bit++)
        {
            product ^= -((b >> bit) & 1) & shifted;
            shifted = (shifted << 1) ^ (-((shifted >> 7) & 1) & 0x11B);
        }

        return (byte)product;
    }

    /// <summary>Multiplicative inverse a²⁵⁴ (0 for 0), by a fixed square-and-multiply chain.</summary>
    internal static byte Inverse(byte a)
    {
        byte result = 1, power = a;
        for (var bit = 1; bit < 8; bit++)
        {
            power = Multiply(power, power);
            result = Multiply(result, power);
        }

        return result;
    }

    private static byte Evaluate(byte constant, byte[] coefficients, byte x)
    {
        byte y = 0;
        for (var k = coefficients.Length - 1; k >= 0; k--)
        {
            y = (byte)(Multiply(y, x) ^ coefficients[k]);
        }

        return (byte)(Multiply(y, x) ^ constant);
    }
}
