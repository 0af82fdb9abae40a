using Org.BouncyCastle.Security;

namespace GmPki.Cryptography.Tests;

/// <summary>A "random" source that yields fixed bytes, to reproduce a signature with a known k.</summary>
internal sealed class FixedRandom(byte[] value) : SecureRandom
{
    public override void NextBytes(byte[] buf) => NextBytes(buf, 0, buf.Length);

    public override void NextBytes(byte[] buf, int off, int len)
    {
        value.Length.ShouldBe(len);
        value.CopyTo(buf, off);
    }
}
